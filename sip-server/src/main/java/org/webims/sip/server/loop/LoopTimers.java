package org.webims.sip.server.loop;

import io.netty.channel.EventLoop;
import io.netty.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.webims.sip.transaction.TimerService;

/** sip-core's {@link TimerService} on one event loop: tasks run on the loop that owns the transactions. */
public final class LoopTimers implements TimerService {

  private final EventLoop loop;

  public LoopTimers(EventLoop loop) {
    this.loop = loop;
  }

  public EventLoop loop() {
    return loop;
  }

  @Override
  public Timer schedule(long delayMillis, Runnable task) {
    ScheduledFuture<?> f = loop.schedule(task, Math.max(0, delayMillis), TimeUnit.MILLISECONDS);
    return () -> f.cancel(false);
  }
}
