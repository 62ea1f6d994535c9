package org.webims.server.abuse;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Slows online guessing (RFC 7616 §5.2, SCS-03; also web sign-in, OAuth client secrets, the admin API and
 * bearer tokens at the eP-CSCF): failures are counted per key (an account, a client id, a source address)
 * over a sliding window; a key with {@code maxFailures} failures within the window is locked out until the
 * oldest of them leaves the window. Nothing sleeps: a locked attempt is simply refused, and
 * {@link #lockedFor} says for how long. At most {@code capacity} keys are remembered, the least recently
 * used forgotten first, so a flood of new keys costs bounded memory. Thread-safe (servlet threads).
 * Callers give each kind of key its own prefix ("impi:", "source:") so an account never shares a count
 * with an address.
 */
public final class FailureLockout {

  private final int maxFailures;
  private final long windowMillis;
  // Failure times, oldest first, at most maxFailures per key. Guarded by this.
  private final Map<String, ArrayDeque<Long>> byKey;

  public FailureLockout(Limits limits) {
    this.maxFailures = limits.maxFailures();
    this.windowMillis = limits.window().toMillis();
    int capacity = limits.capacity();
    this.byKey = new LinkedHashMap<>(16, 0.75f, true) {
      @Override
      protected boolean removeEldestEntry(Map.Entry<String, ArrayDeque<Long>> eldest) {
        return size() > capacity;
      }
    };
  }

  /**
   * How long the most locked of {@code keys} (null keys are skipped) stays locked: zero when none is.
   * Rounded up to whole seconds, so it can be told to a user and used in Retry-After.
   */
  public synchronized Duration lockedFor(long nowMillis, String... keys) {
    long longest = 0;
    for (String key : keys) {
      if (key != null) {
        longest = Math.max(longest, lockedMillis(key, nowMillis));
      }
    }
    return Duration.ofSeconds((longest + 999) / 1000);
  }

  /** True when any of {@code keys} is locked out now. */
  public boolean isLockedOut(long nowMillis, String... keys) {
    return !lockedFor(nowMillis, keys).isZero();
  }

  /** Counts a failure against every one of {@code keys} (null keys are skipped). */
  public synchronized void failed(long nowMillis, String... keys) {
    for (String key : keys) {
      if (key != null) {
        ArrayDeque<Long> times = byKey.computeIfAbsent(key, k -> new ArrayDeque<>(maxFailures));
        times.addLast(nowMillis);
        if (times.size() > maxFailures) {
          times.pollFirst();
        }
      }
    }
  }

  /**
   * A success clears {@code key}'s count. Callers clear the account's and keep the source's, so one good
   * account does not reset an address that guesses at others.
   */
  public synchronized void succeeded(String key) {
    byKey.remove(key);
  }

  /**
   * How a wait reads in a message to a person: "40 seconds", "1 minute", "5 minutes" (rounded up), so
   * every refusal says it the same way.
   */
  public static String inWords(Duration wait) {
    long seconds = Math.max(1, wait.toSeconds());
    if (seconds < 60) {
      return seconds == 1 ? "1 second" : seconds + " seconds";
    }
    long minutes = (seconds + 59) / 60;
    return minutes == 1 ? "1 minute" : minutes + " minutes";
  }

  private long lockedMillis(String key, long nowMillis) {
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

  /**
   * The limits of one lockout, bound from configuration ({@code ...lockout.max-failures}, {@code .window},
   * {@code .capacity}): {@code maxFailures} within {@code window} lock a key; {@code capacity} keys are
   * remembered at most. The defaults (10 in 5 minutes, 10,000 keys) are the same everywhere.
   */
  public record Limits(
      @DefaultValue("10") int maxFailures,
      @DefaultValue("5m") Duration window,
      @DefaultValue("10000") int capacity) {

    /** The same as the configuration defaults above, for code that is built without configuration. */
    public static final Limits DEFAULTS = new Limits(10, Duration.ofMinutes(5), 10_000);

    public Limits {
      if (maxFailures < 1 || window == null || window.isNegative() || window.isZero() || capacity < 1) {
        throw new IllegalArgumentException("lockout limits need max-failures >= 1, a positive window and "
            + "capacity >= 1: " + maxFailures + ", " + window + ", " + capacity);
      }
    }
  }
}
