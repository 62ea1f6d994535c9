package org.webims.waf.identity;

import java.util.ArrayList;
import java.util.List;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;

/**
 * Form login of web users (WAF-02). Returns Spring's {@link User} so that the authorization stored by
 * {@code JdbcOAuth2AuthorizationService} serializes with Spring's own allow-listed types.
 */
public class WebUserDetailsService implements UserDetailsService {

  private final WebUserRepository users;

  public WebUserDetailsService(WebUserRepository users) {
    this.users = users;
  }

  @Override
  public UserDetails loadUserByUsername(String username) {
    WebUser user = users.findByUsername(username)
        .orElseThrow(() -> new UsernameNotFoundException("no such web user"));
    return User.withUsername(user.username())
        .password(user.passwordHash())
        .disabled(!user.enabled())
        .authorities(authorities(user))
        .build();
  }

  /** Every web user is {@code ROLE_WEB_USER}; each further role adds its own authority. */
  static String[] authorities(WebUser user) {
    List<String> authorities = new ArrayList<>();
    authorities.add(WebUserRole.WEB_USER_AUTHORITY);
    user.roles().stream().sorted().map(WebUserRole::authority).forEach(authorities::add);
    return authorities.toArray(String[]::new);
  }
}
