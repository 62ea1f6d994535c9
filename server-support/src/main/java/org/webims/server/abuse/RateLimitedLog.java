package org.webims.server.abuse;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;
import org.slf4j.Logger;

/**
 * Log lines for refused and malformed input that a flood cannot turn into a flood of log: per source and
 * interval, the first refusal is written in full, the others only counted; the next refusal after the
 * interval first writes one summary line ("41 refused REGISTERs from 192.0.2.7 in the last 10 s"). The
 * count of a flood that stops is written when that source is next refused (or lost when the source is
 * forgotten: at most {@code capacity} sources are remembered). Callers never pass credentials, only what
 * was refused and why. Thread-safe.
 */
public final class RateLimitedLog {

  private final String what;
  private final long intervalMillis;
  private final Consumer<String> sink;
  // Guarded by this.
  private final Map<String, Window> bySource;

  /**
   * @param what the plural of what is refused, for the summary line ("refused REGISTERs")
   * @param sink where lines go: {@link #toInfo(Logger)} in production
   */
  public RateLimitedLog(String what, Duration interval, int capacity, Consumer<String> sink) {
    if (interval.isNegative() || interval.isZero() || capacity < 1) {
      throw new IllegalArgumentException("a rate-limited log needs a positive interval and capacity: "
          + interval + ", " + capacity);
    }
    this.what = what;
    this.intervalMillis = interval.toMillis();
    this.sink = sink;
    this.bySource = new LinkedHashMap<>(16, 0.75f, true) {
      @Override
      protected boolean removeEldestEntry(Map.Entry<String, Window> eldest) {
        return size() > capacity;
      }
    };
  }

  /** Writes lines at INFO on {@code log}. */
  public static Consumer<String> toInfo(Logger log) {
    return log::info;
  }

  /**
   * One refusal from {@code source}; {@code line} is written only when it is the first from that source
   * in the interval.
   */
  public void refused(String source, long nowMillis, String line) {
    String summary = null;
    synchronized (this) {
      Window w = bySource.get(source);
      if (w != null && nowMillis - w.startMillis < intervalMillis) {
        w.suppressed++;
        return;
      }
      if (w != null && w.suppressed > 0) {
        summary = w.suppressed + " " + what + " from " + source + " in the last "
            + Duration.ofMillis(nowMillis - w.startMillis).toSeconds() + " s";
      }
      bySource.put(source, new Window(nowMillis));
    }
    if (summary != null) {
      sink.accept(summary);
    }
    sink.accept(line + " (more from " + source + " are counted: one line per "
        + Duration.ofMillis(intervalMillis).toSeconds() + " s)");
  }

  private static final class Window {
    final long startMillis;
    int suppressed;

    Window(long startMillis) {
      this.startMillis = startMillis;
    }
  }
}
