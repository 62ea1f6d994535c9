package org.webims.wic.browser;

import org.teavm.jso.browser.TimerHandler;
import org.teavm.jso.browser.Window;
import org.webims.sip.transaction.TimerService;
import org.webims.wic.ua.Clock;

/**
 * sip-core's timers on the browser's event loop ({@code setTimeout}) and the wall clock, one object as
 * the tests' {@code VirtualTimers} (a class less in wic.js than a {@code System::currentTimeMillis}).
 */
public final class BrowserTimers implements TimerService, Clock {

  @Override
  public Timer schedule(long delayMillis, Runnable task) {
    return new Scheduled(task, delayMillis);
  }

  @Override
  public long nowMillis() {
    return System.currentTimeMillis();
  }

  /** One object for both sides of a timer: a lambda each would be two classes in wic.js. */
  private static final class Scheduled implements Timer, TimerHandler {
    private final Runnable task;
    private final int id;

    Scheduled(Runnable task, long delayMillis) {
      this.task = task;
      this.id = Window.setTimeout(this, (double) delayMillis);
    }

    @Override
    public void onTimer() {
      task.run();
    }

    @Override
    public void cancel() {
      Window.clearTimeout(id);
    }
  }
}
