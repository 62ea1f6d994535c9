package org.webims.wic.browser;

import org.teavm.jso.browser.Window;
import org.webims.sip.transaction.TimerService;

/** sip-core's timers on the browser's event loop ({@code setTimeout}). */
public final class BrowserTimers implements TimerService {

  @Override
  public Timer schedule(long delayMillis, Runnable task) {
    int id = Window.setTimeout(task::run, (double) delayMillis);
    return () -> Window.clearTimeout(id);
  }
}
