package org.webims.sip.testing;

import java.util.PriorityQueue;
import org.webims.sip.transaction.TimerService;

/**
 * A deterministic virtual clock for RFC 3261 §17 timers: time moves only through {@link #advance}.
 * Due tasks run in order of due time, then of scheduling; a task scheduled while advancing runs
 * too when it falls due at or before the new time. Published in sip-core's test-jar: every module's
 * tests use this one virtual clock (subclasses add the clock interface their code reads).
 */
public class ManualTimerService implements TimerService {

    private final PriorityQueue<Task> queue = new PriorityQueue<>();
    private long now;
    private long scheduled;

    /** A clock at 0 ms. */
    public ManualTimerService() {
        this(0);
    }

    /** A clock at {@code startMillis}, for code that reads wall-clock-like times. */
    public ManualTimerService(long startMillis) {
        this.now = startMillis;
    }

    @Override
    public Timer schedule(long delayMillis, Runnable task) {
        if (delayMillis < 0) {
            throw new IllegalArgumentException("negative delay: " + delayMillis);
        }
        Task t = new Task(now + delayMillis, scheduled++, task);
        queue.add(t);
        return t;
    }

    /** The current virtual time in milliseconds. */
    public long now() {
        return now;
    }

    /** Moves time forward, running every task that falls due on the way at its own instant. */
    public void advance(long millis) {
        long target = now + millis;
        while (!queue.isEmpty() && queue.peek().due <= target) {
            Task t = queue.poll();
            now = t.due;
            t.task.run();
        }
        now = target;
    }

    /** Tasks scheduled and neither run nor cancelled. */
    public int pending() {
        return queue.size();
    }

    private final class Task implements Timer, Comparable<Task> {
        final long due;
        final long order;
        final Runnable task;

        Task(long due, long order, Runnable task) {
            this.due = due;
            this.order = order;
            this.task = task;
        }

        @Override
        public void cancel() {
            queue.remove(this);
        }

        @Override
        public int compareTo(Task other) {
            return due != other.due ? Long.compare(due, other.due) : Long.compare(order, other.order);
        }
    }
}
