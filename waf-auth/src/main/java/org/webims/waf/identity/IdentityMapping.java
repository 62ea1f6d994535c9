package org.webims.waf.identity;

import java.util.Objects;

/**
 * One stored mapping of a web identity, as a list of them shows it (the WWSF's console, the REST API): either to
 * a fixed IMS identity ({@code identity}, WAF-02) or to an IMPU pool ({@code pool}, TS 24.371 6.1 c)), never both.
 *
 * @param webIdentity the web user's sign-in name
 * @param identity the fixed IMPI and IMPUs, or null for a pool mapping
 * @param pool the name of the pool the user's IMPU is leased from, or null for a fixed mapping
 */
public record IdentityMapping(String webIdentity, ImsIdentity identity, String pool) {

  public IdentityMapping {
    Objects.requireNonNull(webIdentity, "webIdentity");
    if ((identity == null) == (pool == null)) {
      throw new IllegalArgumentException("a mapping has either an IMS identity or a pool: " + webIdentity);
    }
  }

  /** A fixed mapping. */
  public IdentityMapping(String webIdentity, ImsIdentity identity) {
    this(webIdentity, Objects.requireNonNull(identity, "identity"), null);
  }

  /** A mapping to the IMPU pool {@code pool}. */
  public static IdentityMapping toPool(String webIdentity, String pool) {
    return new IdentityMapping(webIdentity, null, pool);
  }

  public boolean isPool() {
    return pool != null;
  }
}
