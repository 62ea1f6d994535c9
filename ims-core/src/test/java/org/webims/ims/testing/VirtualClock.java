package org.webims.ims.testing;

import java.time.Instant;
import java.time.InstantSource;
import java.util.PriorityQueue;
import org.webims.sip.transaction.TimerService;

/**
 * A virtual clock that is both the registrar's {@link InstantSource} and its {@link TimerService}:
 * time moves only through {@link #advanceSeconds}, running due tasks at their own instants.
 */
public final class VirtualClock implements TimerService, InstantSource {

  private final PriorityQueue<Task> queue = new PriorityQueue<>();
  private long nowMillis = 1_700_000_000_000L;
  private long order;

  @Override
  public Timer schedule(long delayMillis, Runnable task) {
    Task t = new Task(nowMillis + delayMillis, order++, task);
    queue.add(t);
    return () -> queue.remove(t);
  }

  @Override
  public Instant instant() {
    return Instant.ofEpochMilli(nowMillis);
  }

  @Override
  public long millis() {
    return nowMillis;
  }

  public void advanceSeconds(long seconds) {
    long target = nowMillis + seconds * 1000;
    while (!queue.isEmpty() && queue.peek().due <= target) {
      Task t = queue.poll();
      nowMillis = t.due;
      t.task.run();
    }
    nowMillis = target;
  }

  public int pendingTimers() {
    return queue.size();
  }

  private record Task(long due, long order, Runnable task) implements Comparable<Task> {
    @Override
    public int compareTo(Task o) {
      return due != o.due ? Long.compare(due, o.due) : Long.compare(order, o.order);
    }
  }
}
