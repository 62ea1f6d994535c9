package org.webims.ims.testing;

import java.time.Instant;
import java.time.InstantSource;
import org.webims.sip.testing.ManualTimerService;

/**
 * A virtual clock that is both the registrar's {@link InstantSource} and its timers: sip-core's
 * {@link ManualTimerService}, seen as wall-clock time.
 */
public final class VirtualClock extends ManualTimerService implements InstantSource {

  public VirtualClock() {
    super(1_700_000_000_000L);
  }

  @Override
  public Instant instant() {
    return Instant.ofEpochMilli(now());
  }

  @Override
  public long millis() {
    return now();
  }

  public void advanceSeconds(long seconds) {
    advance(seconds * 1000);
  }

  public int pendingTimers() {
    return pending();
  }
}
