package org.webims.waf.identity;

import java.util.List;
import java.util.Optional;

/**
 * Storage of the mappings web identity -> IMS identity (WAF-02, WAF-03) or -> IMPU pool (issue 6). A web identity
 * has at most one of the two: saving one kind replaces the other.
 */
public interface IdentityMappingRepository {

  /** The fixed IMS identity of {@code webIdentity}; empty for a pool mapping or none. */
  Optional<ImsIdentity> findByWebIdentity(String webIdentity);

  /** The pool {@code webIdentity} is mapped to; empty for a fixed mapping or none. */
  Optional<String> findPoolByWebIdentity(String webIdentity);

  /** The mapping of {@code webIdentity} of either kind. */
  Optional<IdentityMapping> find(String webIdentity);

  /**
   * One page of all fixed mappings ordered by web identity: at most {@code limit} from position {@code offset}
   * (both non-negative), for a paged list such as the WWSF's console.
   */
  List<IdentityMapping> findAll(long offset, int limit);

  /** The number of fixed mappings, for the page count of {@link #findAll}. */
  long count();

  /**
   * One page of mappings of both kinds ordered by web identity whose web identity, IMPI, an IMPU or pool name
   * contains {@code query} (case-insensitive); every mapping when {@code query} is blank.
   */
  List<IdentityMapping> search(String query, long offset, int limit);

  /** The number of mappings {@link #search} finds for {@code query}. */
  long countSearch(String query);

  /** Creates or replaces the mapping of {@code webIdentity} by a fixed one. */
  void save(String webIdentity, ImsIdentity identity);

  /** Creates or replaces the mapping of {@code webIdentity} by one to the pool {@code pool}. */
  void savePool(String webIdentity, String pool);

  /** Deletes the mapping of {@code webIdentity} of either kind. */
  void delete(String webIdentity);

  /** The web identity whose fixed mapping has {@code impu}, if any. */
  Optional<String> findWebIdentityByImpu(String impu);

  /** Which of {@code impus} fixed mappings use. */
  List<String> fixedImpusAmong(List<String> impus);

  /** The number of web identities mapped to {@code pool}. */
  long countByPool(String pool);
}
