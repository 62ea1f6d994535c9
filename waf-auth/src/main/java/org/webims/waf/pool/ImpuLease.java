package org.webims.waf.pool;

import java.time.Instant;

/**
 * A lease of one pool IMPU to one web identity (issue 6, WAF-10, WAF-11): who holds it since when and until
 * when, and who ended it why. Token claims {@code impu_lease} (the id) and {@code impu_pool} carry it.
 *
 * @param id random UUID, the {@code impu_lease} claim
 * @param pool the pool's name
 * @param impu the leased IMPU
 * @param impi the IMPI the IMPU registers under
 * @param holder the web identity holding it
 * @param leasedAt when it was granted
 * @param expiresAt when it lapses unless extended (each token issued to the holder extends it)
 * @param releasedAt when it was released, or null
 * @param releasedBy who released it (OAuth client id or operator), or null
 * @param releaseReason why, e.g. {@code deregistered}, or null
 * @param state its state when read
 */
public record ImpuLease(String id, String pool, String impu, String impi, String holder, Instant leasedAt,
    Instant expiresAt, Instant releasedAt, String releasedBy, String releaseReason, LeaseState state) {

  public boolean isLive() {
    return state == LeaseState.LIVE;
  }

  static LeaseState stateAt(Instant now, Instant expiresAt, Instant releasedAt) {
    if (releasedAt != null) {
      return LeaseState.RELEASED;
    }
    return expiresAt.isAfter(now) ? LeaseState.LIVE : LeaseState.EXPIRED;
  }
}
