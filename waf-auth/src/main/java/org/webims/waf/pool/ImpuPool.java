package org.webims.waf.pool;

/**
 * An IMPU pool (TS 24.371 6.1 c), WAF-10): named IMPUs, each with the IMPI it registers under, leased one at a
 * time to web identities mapped to the pool.
 *
 * @param name unique name, {@code [a-z0-9-]{1,64}}
 * @param realm the home network domain of its IMPIs
 * @param impus how many IMPUs the pool holds
 * @param liveLeases how many of them are leased now
 */
public record ImpuPool(String name, String realm, long impus, long liveLeases) {

  /** How many IMPUs are free to lease now. */
  public long free() {
    return impus - liveLeases;
  }
}
