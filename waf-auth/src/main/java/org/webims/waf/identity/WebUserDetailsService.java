package org.webims.waf.identity;

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
        .authorities("ROLE_WEB_USER")
        .build();
  }
}
