package org.webims.e2e.support;

import java.time.Duration;
import java.util.Map;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Media of a page's call (issue 14), from {@link Browser#inboundMediaBytes()}: the {@code getStats()} of the page's
 * {@code window.wicPeer}, which the WIC's page and the JsSIP interop page both set.
 */
public final class CallMedia {

  private CallMedia() {
  }

  /**
   * Waits until inbound audio and video bytes arrive and then grow past what was seen first: media flows in, not a
   * burst that stopped.
   */
  public static void awaitInboundAudioAndVideoGrowing(Browser browser, Duration timeout) {
    WebDriverWait wait = new WebDriverWait(browser.driver(), timeout);
    Map<String, Long> first = wait.until(d -> {
      Map<String, Long> b = browser.inboundMediaBytes();
      return b.get("audio") > 0 && b.get("video") > 0 ? b : null;
    });
    wait.until(d -> {
      Map<String, Long> b = browser.inboundMediaBytes();
      return b.get("audio") > first.get("audio") && b.get("video") > first.get("video");
    });
  }
}
