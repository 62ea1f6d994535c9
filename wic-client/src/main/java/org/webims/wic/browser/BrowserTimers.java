package org.webims.wic.browser;

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
    int id = Window.setTimeout(task::run, (double) delayMillis);
    return () -> Window.clearTimeout(id);
  }

  @Override
  public long nowMillis() {
    return System.currentTimeMillis();
  }
}
