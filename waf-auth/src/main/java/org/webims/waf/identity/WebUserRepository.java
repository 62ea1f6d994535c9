package org.webims.waf.identity;

import java.util.Optional;

/** Storage of web users (WAF-02). */
public interface WebUserRepository {

  Optional<WebUser> findByUsername(String username);

  /** Creates the user or replaces its hash, enabled flag and roles. */
  void save(WebUser user);
}
