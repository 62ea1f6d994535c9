package org.webims.epcscf.token;

import java.time.Instant;
import java.util.Comparator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Ids remembered each until an instant (EPC-28: released leases, leases the WAF said are live).
 * Bounded: when full, expired entries go first, then the one due soonest. Thread-safe.
 */
public final class ExpiringIds {

  private final int maxEntries;
  private final ConcurrentHashMap<String, Instant> until = new ConcurrentHashMap<>();

  /** @param maxEntries how many ids are remembered at most; 0 remembers none */
  public ExpiringIds(int maxEntries) {
    this.maxEntries = maxEntries;
  }

  /** Remembers {@code id} until {@code forgetAt} (kept longer if already later). */
  public void remember(String id, Instant forgetAt, Instant now) {
    if (maxEntries <= 0) {
      return;
    }
    if (until.size() >= maxEntries && !until.containsKey(id)) {
      until.values().removeIf(at -> !at.isAfter(now));
      while (until.size() >= maxEntries) {
        until.entrySet().stream().min(Map.Entry.comparingByValue(Comparator.naturalOrder()))
            .ifPresent(e -> until.remove(e.getKey(), e.getValue()));
      }
    }
    until.merge(id, forgetAt, (a, b) -> a.isAfter(b) ? a : b);
  }

  /** True while {@code id} is remembered. */
  public boolean contains(String id, Instant now) {
    Instant at = id == null ? null : until.get(id);
    if (at == null) {
      return false;
    }
    if (!at.isAfter(now)) {
      until.remove(id, at);
      return false;
    }
    return true;
  }

  public int size() {
    return until.size();
  }
}
