package org.webims.wic.ua;

import org.webims.sip.transaction.TimerService;

/**
 * WIC-17 (24.229 5.1.1.4.1): when a registration or the reg subscription is refreshed. Holds one
 * timer that runs {@code task} at the refresh instant.
 */
final class Refresh {

  private final TimerService timers;
  private final Runnable task;
  private TimerService.Timer timer;

  Refresh(TimerService timers, Runnable task) {
    this.timers = timers;
    this.task = task;
  }

  /**
   * 600 s before expiry when {@code grantedSeconds} is more than 1200 s, otherwise when half of it
   * has passed. The same rule refreshes the reg subscription.
   */
  static long delayMillis(long grantedSeconds) {
    return grantedSeconds > 1200 ? (grantedSeconds - 600) * 1000 : grantedSeconds * 500;
  }

  /** Runs the task at the refresh instant of something granted for {@code grantedSeconds}, replacing any earlier one. */
  void schedule(long grantedSeconds) {
    cancel();
    timer = timers.schedule(delayMillis(grantedSeconds), task);
  }

  void cancel() {
    if (timer != null) {
      timer.cancel();
      timer = null;
    }
  }
}
