package org.webims.epcscf.token;

import java.time.Instant;

/**
 * EPC-28: the scenario-3 pool leases this eP-CSCF told the WAF to release, or that the WAF said
 * had ended. A token that still carries one of them no longer grants its IMPU (the WAF may lease
 * it to someone else once the token has expired), so {@link AccessTokenValidator} refuses it until
 * the lease is forgotten: after the last token that can carry it has expired. Bounded
 * ({@link ExpiringIds}). Thread-safe.
 */
public final class ReleasedLeases {

  private final ExpiringIds until;

  /** @param maxEntries how many released leases are remembered at most */
  public ReleasedLeases(int maxEntries) {
    this.until = new ExpiringIds(maxEntries);
  }

  /** Remembers {@code leaseId} as released until {@code forgetAt} (kept longer if already later). */
  public void remember(String leaseId, Instant forgetAt, Instant now) {
    until.remember(leaseId, forgetAt, now);
  }

  /** True while {@code leaseId} is remembered as released. */
  public boolean isReleased(String leaseId, Instant now) {
    return until.contains(leaseId, now);
  }

  public int size() {
    return until.size();
  }
}
