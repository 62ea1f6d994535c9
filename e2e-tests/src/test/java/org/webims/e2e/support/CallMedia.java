package org.webims.e2e.support;

import java.time.Duration;
import java.util.Map;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * What a call's media does in a page, from {@code RTCPeerConnection.getStats()} (issue 14 tests): inbound RTP bytes
 * per kind. A page names its peer connection with a JavaScript expression ({@code window.phone.connection()} on the
 * JsSIP page); the figures are the sums of {@code bytesReceived} of the {@code inbound-rtp} stats (W3C
 * webrtc-stats), so the same check holds for every client.
 */
public final class CallMedia {

  private final Browser browser;
  private final String peerConnection;

  /** {@code peerConnection}: a JavaScript expression for the call's RTCPeerConnection, or null between calls. */
  public CallMedia(Browser browser, String peerConnection) {
    this.browser = browser;
    this.peerConnection = peerConnection;
  }

  /** The JavaScript that sums the inbound RTP bytes per kind of the connection {@code pc} (a Promise). */
  public static String inboundBytesScript(String pc) {
    return "const pc = " + pc + ";"
        + "const out = {audio: 0, video: 0};"
        + "if (!pc) { return Promise.resolve(out); }"
        + "return pc.getStats().then(stats => {"
        + "  stats.forEach(r => { if (r.type === 'inbound-rtp') { out[r.kind] += r.bytesReceived; } });"
        + "  return out;"
        + "});";
  }

  /** Inbound RTP bytes now: {@code audio} and {@code video}. */
  public Bytes inboundBytes() {
    @SuppressWarnings("unchecked")
    Map<String, Number> r = (Map<String, Number>) ((JavascriptExecutor) browser.driver())
        .executeScript(inboundBytesScript(peerConnection));
    return new Bytes(r.get("audio").longValue(), r.get("video").longValue());
  }

  /**
   * Waits until audio and video bytes arrive and then grow past what was seen first: media flows in, not a
   * burst that stopped.
   */
  public void awaitInboundAudioAndVideoGrowing(Duration timeout) {
    WebDriverWait wait = new WebDriverWait(browser.driver(), timeout);
    Bytes first = wait.until(d -> {
      Bytes b = inboundBytes();
      return b.audio() > 0 && b.video() > 0 ? b : null;
    });
    wait.until(d -> {
      Bytes b = inboundBytes();
      return b.audio() > first.audio() && b.video() > first.video();
    });
  }

  /** Inbound RTP bytes by kind. */
  public record Bytes(long audio, long video) {
  }
}
