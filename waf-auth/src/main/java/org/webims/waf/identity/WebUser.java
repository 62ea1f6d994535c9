package org.webims.waf.identity;

import java.util.Objects;

/**
 * A web user of the WAF (WAF-02): the web identity (sign-in name) and its password hash, never the password.
 */
public record WebUser(String username, String passwordHash, boolean enabled) {

  public WebUser {
    Objects.requireNonNull(username, "username");
    Objects.requireNonNull(passwordHash, "passwordHash");
  }

  @Override
  public String toString() {
    return "WebUser[username=" + username + ", enabled=" + enabled + "]";
  }
}
