package org.webims.wic.ua;

import java.util.function.IntUnaryOperator;
import org.webims.sip.transaction.TimerService;

/**
 * WIC-10 (RFC 5626 §4.5): once registered, a lost connection leads to a new connection and initial
 * registration after an exponential backoff with jitter ({@link WicConfig#reconnectDelayMillis}).
 */
final class Reconnect {

  private final TimerService timers;
  private final WicConfig config;
  private final IntUnaryOperator random;
  private final Runnable attemptTask;
  private TimerService.Timer timer;
  /** Registered since the last Register click: a lost connection then means reconnecting. */
  boolean wanted;
  /** The reconnect attempt (1, 2, ...), 0 when none. */
  int attempt;

  Reconnect(TimerService timers, WicConfig config, IntUnaryOperator random, Runnable attemptTask) {
    this.timers = timers;
    this.config = config;
    this.random = random;
    this.attemptTask = attemptTask;
  }

  /** Registered (again): a later loss starts from attempt 1. */
  void registered() {
    wanted = true;
    attempt = 0;
  }

  /** No reconnecting from here on (a Register click, a deregistration, a failure). */
  void stop() {
    wanted = false;
    attempt = 0;
    cancel();
  }

  /** The connection is gone: waits the backoff of the next attempt, then runs the attempt task. */
  int schedule() {
    attempt++;
    timer = timers.schedule(config.reconnectDelayMillis(attempt, random), attemptTask);
    return attempt;
  }

  void cancel() {
    if (timer != null) {
      timer.cancel();
      timer = null;
    }
  }
}
