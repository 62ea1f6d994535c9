package org.webims.server.events;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What keeps a flood of refusals from becoming a flood of log lines: per key (an event's kind and reason), at most
 * {@code perInterval} are let through in an interval that starts with the first of them; the rest are counted. The
 * count of an interval that is over is handed back, once, with the next refusal of any kind, so a flood that stops
 * is still summed up as soon as anything else is refused. Thread-safe; a few keys in a map behind one lock.
 */
final class RefusalLimiter {

  /** What to write: the refusal itself or not, and the summaries of intervals that are over. */
  record Decision(boolean write, List<Suppressed> summaries) {
  }

  /** {@code count} refusals of {@code key} were not written in the {@code millis} before. */
  record Suppressed(String key, int count, long millis) {
  }

  private final long intervalMillis;
  private final int perInterval;
  // Guarded by this.
  private final Map<String, Window> windows;

  RefusalLimiter(long intervalMillis, int perInterval, int capacity) {
    this.intervalMillis = intervalMillis;
    this.perInterval = perInterval;
    this.windows = new LinkedHashMap<>(16, 0.75f, true) {
      @Override
      protected boolean removeEldestEntry(Map.Entry<String, Window> eldest) {
        return size() > capacity;
      }
    };
  }

  synchronized Decision refused(String key, long nowMillis) {
    List<Suppressed> summaries = List.of();
    for (Iterator<Map.Entry<String, Window>> it = windows.entrySet().iterator(); it.hasNext(); ) {
      Map.Entry<String, Window> e = it.next();
      Window w = e.getValue();
      if (nowMillis - w.startMillis >= intervalMillis) {
        if (w.suppressed > 0) {
          summaries = summaries.isEmpty() ? new ArrayList<>() : summaries;
          summaries.add(new Suppressed(e.getKey(), w.suppressed, nowMillis - w.startMillis));
        }
        it.remove();
      }
    }
    Window w = windows.computeIfAbsent(key, k -> new Window(nowMillis));
    boolean write = w.written < perInterval;
    if (write) {
      w.written++;
    } else {
      w.suppressed++;
    }
    return new Decision(write, summaries);
  }

  private static final class Window {
    final long startMillis;
    int written;
    int suppressed;

    Window(long startMillis) {
      this.startMillis = startMillis;
    }
  }
}
