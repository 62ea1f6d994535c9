package org.webims.waf.identity;

import java.util.Optional;

/** Storage of the mappings web identity -> IMS identity (WAF-02, WAF-03). */
public interface IdentityMappingRepository {

  Optional<ImsIdentity> findByWebIdentity(String webIdentity);

  /** Creates or replaces the mapping of {@code webIdentity}. */
  void save(String webIdentity, ImsIdentity identity);

  void delete(String webIdentity);
}
