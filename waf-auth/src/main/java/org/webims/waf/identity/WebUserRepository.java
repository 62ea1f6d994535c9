package org.webims.waf.identity;

import java.util.Optional;

/** Storage of web users (WAF-02). */
public interface WebUserRepository {

  Optional<WebUser> findByUsername(String username);

  /** Creates the user or replaces its hash and enabled flag. */
  void save(WebUser user);
}
