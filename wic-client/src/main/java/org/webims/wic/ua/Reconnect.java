package org.webims.wic.ua;

import java.util.function.IntUnaryOperator;
import org.webims.sip.transaction.TimerService;

/**
 * WIC-10 (RFC 5626 §4.5): once registered, a lost connection leads to a new connection and initial
 * registration after an exponential backoff with jitter ({@link WicConfig#reconnectDelayMillis}).
 */
final class Reconnect implements Runnable {

  private final TimerService timers;
  private final WicConfig config;
  private final IntUnaryOperator random;
  private final RegistrationAgent agent;
  private TimerService.Timer timer;
  /** Registered since the last Register click: a lost connection then means reconnecting. */
  boolean wanted;
  /** The reconnect attempt (1, 2, ...), 0 when none. */
  int attempt;

  Reconnect(RegistrationAgent agent, TimerService timers, WicConfig config, IntUnaryOperator random) {
    this.agent = agent;
    this.timers = timers;
    this.config = config;
    this.random = random;
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

  /** The connection is gone: waits the backoff of the next attempt, then a new connection and initial registration. */
  int schedule() {
    attempt++;
    timer = timers.schedule(config.reconnectDelayMillis(attempt, random), this);
    return attempt;
  }

  @Override
  public void run() {
    agent.start();
  }

  void cancel() {
    if (timer != null) {
      timer.cancel();
      timer = null;
    }
  }
}
