package org.webims.epcscf.token;

import java.time.Instant;
import java.util.Comparator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * EPC-28: the scenario-3 pool leases this eP-CSCF told the WAF to release. A token that still
 * carries one of them no longer grants its IMPU (the WAF may have leased it to someone else), so
 * {@link AccessTokenValidator} refuses it until the lease is forgotten: after the last token that
 * can carry it has expired. Bounded: when full, expired entries go first, then the one due soonest.
 * Thread-safe.
 */
public final class ReleasedLeases {

  private final int maxEntries;
  private final ConcurrentHashMap<String, Instant> until = new ConcurrentHashMap<>();

  /** @param maxEntries how many released leases are remembered at most */
  public ReleasedLeases(int maxEntries) {
    this.maxEntries = maxEntries;
  }

  /** Remembers {@code leaseId} as released until {@code forgetAt} (kept longer if already later). */
  public void remember(String leaseId, Instant forgetAt, Instant now) {
    if (maxEntries <= 0) {
      return;
    }
    if (until.size() >= maxEntries && !until.containsKey(leaseId)) {
      until.values().removeIf(at -> !at.isAfter(now));
      while (until.size() >= maxEntries) {
        until.entrySet().stream().min(Map.Entry.comparingByValue(Comparator.naturalOrder()))
            .ifPresent(e -> until.remove(e.getKey(), e.getValue()));
      }
    }
    until.merge(leaseId, forgetAt, (a, b) -> a.isAfter(b) ? a : b);
  }

  /** True while {@code leaseId} is remembered as released. */
  public boolean isReleased(String leaseId, Instant now) {
    Instant at = leaseId == null ? null : until.get(leaseId);
    if (at == null) {
      return false;
    }
    if (!at.isAfter(now)) {
      until.remove(leaseId, at);
      return false;
    }
    return true;
  }

  public int size() {
    return until.size();
  }
}
