package org.webims.wic.ua;

import org.webims.sip.testing.ManualTimerService;

/** A virtual clock: sip-core's {@link ManualTimerService} as the WIC's {@link Clock}. */
final class VirtualTimers extends ManualTimerService implements Clock {

  VirtualTimers() {
    super(1_700_000_000_000L);
  }

  @Override
  public long nowMillis() {
    return now();
  }
}
