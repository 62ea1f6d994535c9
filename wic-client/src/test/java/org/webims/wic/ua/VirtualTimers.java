package org.webims.wic.ua;

import java.util.ArrayList;
import java.util.List;
import org.webims.sip.transaction.TimerService;

/** A virtual clock: timers and {@link Clock} move only when the test calls {@link #advance}. */
final class VirtualTimers implements TimerService, Clock {

  private long now = 1_700_000_000_000L;
  private final List<Task> tasks = new ArrayList<>();

  private static final class Task implements Timer {
    final long due;
    final Runnable run;
    boolean cancelled;

    Task(long due, Runnable run) {
      this.due = due;
      this.run = run;
    }

    @Override
    public void cancel() {
      cancelled = true;
    }
  }

  @Override
  public Timer schedule(long delayMillis, Runnable task) {
    Task t = new Task(now + delayMillis, task);
    tasks.add(t);
    return t;
  }

  @Override
  public long nowMillis() {
    return now;
  }

  /** Runs every task due within {@code millis}, in due order, moving the clock to each. */
  void advance(long millis) {
    long end = now + millis;
    while (true) {
      Task next = null;
      for (Task t : tasks) {
        if (!t.cancelled && t.due <= end && (next == null || t.due < next.due)) {
          next = t;
        }
      }
      if (next == null) {
        break;
      }
      tasks.remove(next);
      now = next.due;
      next.run.run();
    }
    now = end;
  }

  int pending() {
    int n = 0;
    for (Task t : tasks) {
      n += t.cancelled ? 0 : 1;
    }
    return n;
  }
}
