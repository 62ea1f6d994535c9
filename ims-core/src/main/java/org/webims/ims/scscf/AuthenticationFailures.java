package org.webims.ims.scscf;

import java.util.ArrayDeque;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Slows online password guessing (RFC 7616 §5.2, SCS-03): failed Digest authentications are counted
 * per IMPI and per client address over a sliding window; once either has {@code maxFailures} within
 * the window it is locked out until the oldest of them leaves the window. Nothing sleeps: a locked
 * request is simply refused. At most {@code capacity} keys are tracked, least recently failed
 * forgotten first. Used on the SIP event loop only.
 */
final class AuthenticationFailures {

  private final int maxFailures;
  private final long windowMillis;
  private final int capacity;
  // Failure times, oldest first, at most maxFailures per key.
  private final Map<String, ArrayDeque<Long>> byKey;

  AuthenticationFailures(int maxFailures, long windowMillis, int capacity) {
    this.maxFailures = maxFailures;
    this.windowMillis = windowMillis;
    this.capacity = capacity;
    this.byKey = new LinkedHashMap<>(16, 0.75f, true) {
      @Override
      protected boolean removeEldestEntry(Map.Entry<String, ArrayDeque<Long>> eldest) {
        return size() > AuthenticationFailures.this.capacity;
      }
    };
  }

  /**
   * How long {@code impi} (may be null) or {@code client} stays locked out for too many recent failures, in
   * milliseconds; 0 when neither is.
   */
  long lockedOutFor(String impi, String client, long nowMillis) {
    return Math.max(impi == null ? 0 : lockedFor(impiKey(impi), nowMillis), lockedFor(clientKey(client), nowMillis));
  }

  /** Counts a failed authentication against both the IMPI and the client address. */
  void failed(String impi, String client, long nowMillis) {
    if (impi != null) {
      add(impiKey(impi), nowMillis);
    }
    add(clientKey(client), nowMillis);
  }

  /** A successful authentication clears the IMPI's count; the client's stays, so one good account does not reset it. */
  void succeeded(String impi) {
    byKey.remove(impiKey(impi));
  }

  /** Until the oldest of {@code maxFailures} failures leaves the window; 0 when fewer are in it. */
  private long lockedFor(String key, long nowMillis) {
    ArrayDeque<Long> times = byKey.get(key);
    if (times == null) {
      return 0;
    }
    while (!times.isEmpty() && times.peekFirst() <= nowMillis - windowMillis) {
      times.pollFirst();
    }
    if (times.isEmpty()) {
      byKey.remove(key);
      return 0;
    }
    return times.size() >= maxFailures ? times.peekFirst() + windowMillis - nowMillis : 0;
  }

  private void add(String key, long nowMillis) {
    ArrayDeque<Long> times = byKey.computeIfAbsent(key, k -> new ArrayDeque<>(maxFailures));
    times.addLast(nowMillis);
    if (times.size() > maxFailures) {
      times.pollFirst();
    }
  }

  private static String impiKey(String impi) {
    return "impi:" + impi;
  }

  private static String clientKey(String client) {
    return "client:" + client;
  }
}
