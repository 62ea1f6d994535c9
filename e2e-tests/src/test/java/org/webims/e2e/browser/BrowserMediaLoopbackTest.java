package org.webims.e2e.browser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.webims.e2e.support.Browser;
import org.webims.e2e.support.BrowserConsoleOnFailure;

/**
 * WIC-60, WIC-65: the browser binding of a call's media ({@code BrowserMedia}) in Chromium with its fake camera and
 * microphone, without the call logic: two sessions of one page offer, answer and accept each other through the
 * test-only bundle's {@code wicMediaLoopback} ({@code wic-test.js}, the same compiled {@code BrowserMedia} as
 * {@code wic.js}). The page is a file, as only the browser's own media is under test.
 */
class BrowserMediaLoopbackTest {

  static final Duration WAIT = Duration.ofSeconds(30);
  static final Path WIC_TEST_JS = Path.of("..", "wic-client", "target", "wic-test", "wic-test.js");

  @TempDir
  static Path dir;

  static Browser browser;
  static Path page;

  @RegisterExtension
  final BrowserConsoleOnFailure console = new BrowserConsoleOnFailure(() -> browser);

  @BeforeAll
  static void start() throws Exception {
    page = Files.writeString(dir.resolve("media.html"), "<!DOCTYPE html><html><body>"
        + "<video id=\"remote-video\" autoplay playsinline></video>"
        + "<video id=\"local-video\" autoplay playsinline muted></video>"
        + "<script src=\"" + WIC_TEST_JS.toAbsolutePath().normalize().toUri() + "\"></script></body></html>");
    browser = Browser.start();
  }

  @AfterAll
  static void stop() {
    if (browser != null) {
      browser.close();
    }
  }

  @BeforeEach
  void openPage() {
    browser.open(page.toUri().toString());
  }

  @Test
  void theOfferIsCompleteAndAudioAndVideoFlow_WIC60_WIC65() {
    run("wicMediaLoopback(null);");

    awaitOutcome("connected");
    String offer = (String) run("return window.wicLoopbackOffer;");
    // complete (candidates in the SDP, no trickle), DTLS-SRTP, rtcp-mux, bundled audio and video
    assertThat(offer).contains("m=audio", "m=video", "a=candidate:", "a=fingerprint:", "a=setup:actpass",
        "a=rtcp-mux", "a=group:BUNDLE", "PCMU/8000", "opus/48000");
    browser.awaitInboundAudioAndVideo(WAIT);
    // both streams are on the page: the remote picture plays, the local one is shown muted
    browser.awaitVideoPlaying("remote-video", WAIT);
    assertThat(run("var v = document.getElementById('local-video'); return v.srcObject != null && v.muted;"))
        .isEqualTo(true);
  }

  @Test
  void withoutACameraTheCallIsAudioOnly_WIC65() {
    run("var gum = navigator.mediaDevices.getUserMedia.bind(navigator.mediaDevices);"
        + "navigator.mediaDevices.getUserMedia = function (c) {"
        + "  return c.video ? Promise.reject(new DOMException('no camera', 'NotFoundError')) : gum(c); };"
        + "wicMediaLoopback(null);");

    awaitOutcome("connected");
    assertThat((String) run("return window.wicLoopbackOffer;")).contains("m=audio").doesNotContain("m=video");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({
      "NotAllowedError, Microphone permission denied",
      "NotFoundError, No microphone found",
      "NotReadableError, Microphone or camera in use by another program",
      "TypeError, 'Media failure: TypeError'"})
  void getUserMediaFailuresAreShownInWords_WIC65(String error, String words) {
    run("navigator.mediaDevices.getUserMedia = function () {"
        + "  return Promise.reject(new DOMException('refused', '" + error + "')); };"
        + "wicMediaLoopback(null);");

    awaitOutcome("failed: " + words);
  }

  private void awaitOutcome(String outcome) {
    await().atMost(WAIT).until(() -> run("return window.wicLoopback || null;") != null);
    assertThat(run("return window.wicLoopback;")).isEqualTo(outcome);
  }

  private static Object run(String script) {
    return browser.script(script);
  }
}
