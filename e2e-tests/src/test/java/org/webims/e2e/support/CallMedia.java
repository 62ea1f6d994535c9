package org.webims.e2e.support;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
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
    AtomicReference<Map<String, Long>> last = new AtomicReference<>();
    WebDriverWait wait = new WebDriverWait(browser.driver(), timeout);
    wait.withMessage(() -> "inbound audio and video RTP bytes arriving and growing; last seen " + last.get());
    Map<String, Long> first = wait.until(d -> {
      last.set(browser.inboundMediaBytes());
      return last.get().get("audio") > 0 && last.get().get("video") > 0 ? last.get() : null;
    });
    wait.until(d -> {
      last.set(browser.inboundMediaBytes());
      return last.get().get("audio") > first.get("audio") && last.get().get("video") > first.get("video");
    });
  }

  /**
   * Waits until inbound audio bytes arrive and then grow (issue 15: a phone sends audio only). The phone's audio
   * starts with the call, so growing bytes mean media flows through whatever is between.
   */
  public static void awaitInboundAudioGrowing(Browser browser, Duration timeout) {
    AtomicReference<Map<String, Long>> last = new AtomicReference<>();
    WebDriverWait wait = new WebDriverWait(browser.driver(), timeout);
    wait.withMessage(() -> "inbound audio RTP bytes arriving and growing; last seen " + last.get());
    Map<String, Long> first = wait.until(d -> {
      last.set(browser.inboundMediaBytes());
      return last.get().get("audio") > 0 ? last.get() : null;
    });
    wait.until(d -> {
      last.set(browser.inboundMediaBytes());
      return last.get().get("audio") > first.get("audio");
    });
  }
}
