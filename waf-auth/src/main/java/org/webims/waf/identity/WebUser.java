package org.webims.waf.identity;

import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * A web user of the WAF (WAF-02): the web identity (sign-in name), its password hash, never the password, and
 * its roles beyond web user (issue 4: the operator).
 */
public record WebUser(String username, String passwordHash, boolean enabled, Set<WebUserRole> roles) {

  public WebUser {
    Objects.requireNonNull(username, "username");
    Objects.requireNonNull(passwordHash, "passwordHash");
    roles = roles.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(roles));
  }

  /** A web user with no role beyond web user. */
  public WebUser(String username, String passwordHash, boolean enabled) {
    this(username, passwordHash, enabled, Set.of());
  }

  public boolean hasRole(WebUserRole role) {
    return roles.contains(role);
  }

  @Override
  public String toString() {
    return "WebUser[username=" + username + ", enabled=" + enabled + ", roles=" + roles + "]";
  }
}
