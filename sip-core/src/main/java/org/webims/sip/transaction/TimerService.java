package org.webims.sip.transaction;

/**
 * RFC 3261 §17 timers: the only source of time for transactions. The caller supplies one (a JVM
 * scheduler, the browser's {@code setTimeout}); tasks must run on the thread or event loop that
 * drives the {@link TransactionLayer}, since transactions take no locks.
 */
public interface TimerService {

  /** Runs {@code task} once, {@code delayMillis} from now, unless cancelled first. */
  Timer schedule(long delayMillis, Runnable task);

  /** A scheduled task. */
  interface Timer {

    /** Stops the task from running; harmless after it has run or been cancelled. */
    void cancel();
  }
}
