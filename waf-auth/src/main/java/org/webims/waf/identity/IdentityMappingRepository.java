package org.webims.waf.identity;

import java.util.List;
import java.util.Optional;

/** Storage of the mappings web identity -> IMS identity (WAF-02, WAF-03). */
public interface IdentityMappingRepository {

  Optional<ImsIdentity> findByWebIdentity(String webIdentity);

  /**
   * One page of all mappings ordered by web identity: at most {@code limit} from position {@code offset}
   * (both non-negative), for a paged list such as the WWSF's console.
   */
  List<IdentityMapping> findAll(long offset, int limit);

  /** The number of mappings, for the page count of {@link #findAll}. */
  long count();

  /** Creates or replaces the mapping of {@code webIdentity}. */
  void save(String webIdentity, ImsIdentity identity);

  void delete(String webIdentity);
}
