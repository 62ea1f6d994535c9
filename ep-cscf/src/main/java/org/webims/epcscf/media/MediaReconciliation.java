package org.webims.epcscf.media;

import java.time.Duration;
import org.webims.sip.transaction.TimerService;

/**
 * EPC-82's safety net: every {@code interval}, the gateway's calls are listed and those with this
 * eP-CSCF's prefix that it no longer knows are deleted ({@link MediaAnchor#reconcile}); a delete lost on
 * the way, or sessions of before a restart, do not stay. On the proxy's event loop (its timers).
 */
public final class MediaReconciliation implements AutoCloseable {

  private final MediaAnchor anchor;
  private final TimerService timers;
  private final long intervalMillis;
  private final int limit;
  private volatile boolean closed;
  private volatile TimerService.Timer next;

  /** @param interval zero for never */
  public MediaReconciliation(MediaAnchor anchor, TimerService timers, Duration interval, int limit) {
    this.anchor = anchor;
    this.timers = timers;
    this.intervalMillis = interval.toMillis();
    this.limit = limit;
  }

  /** Starts the rounds, the first one an interval from now. */
  public MediaReconciliation start() {
    if (anchor.isOn() && intervalMillis > 0) {
      schedule();
    }
    return this;
  }

  private void schedule() {
    if (!closed) {
      next = timers.schedule(intervalMillis, () -> {
        anchor.reconcile(limit);
        schedule();
      });
    }
  }

  @Override
  public void close() {
    closed = true;
    TimerService.Timer timer = next;
    if (timer != null) {
      timer.cancel();
    }
  }
}
