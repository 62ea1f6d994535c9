package org.webims.waf.token;

import java.time.Instant;
import java.util.List;

/** Storage of the WAF's signing keys (WAF-07). */
public interface SigningKeyRepository {

  /** All stored keys, newest first. */
  List<SigningKey> findAll();

  void insert(SigningKey key);

  /** Marks every current key as retired at {@code when}. */
  void retireCurrent(Instant when);

  /** Deletes retired keys retired before {@code cutoff}. */
  void deleteRetiredBefore(Instant cutoff);
}
