package org.webims.ims.scscf;

import org.webims.sip.transaction.TimerService;

/**
 * The SIP event loop's {@link TimerService}, available to beans made before the sockets are bound:
 * it forwards to the loop's timers once {@link ScscfSipService} has started them.
 */
public final class EventLoopTimers implements TimerService {

  private volatile TimerService loop;

  void attach(TimerService loopTimers) {
    this.loop = loopTimers;
  }

  @Override
  public Timer schedule(long delayMillis, Runnable task) {
    TimerService t = loop;
    if (t == null) {
      throw new IllegalStateException("the SIP event loop has not started");
    }
    return t.schedule(delayMillis, task);
  }
}
