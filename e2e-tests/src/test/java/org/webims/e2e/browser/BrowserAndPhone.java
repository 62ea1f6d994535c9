package org.webims.e2e.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.webims.e2e.support.Baresip;
import org.webims.e2e.support.Browser;
import org.webims.e2e.support.BrowserConsoleOnFailure;
import org.webims.e2e.support.WebImsSystem;

/**
 * Issue 15's set-up: Alice registered in her browser and Dave's phone (baresip 1.0.0, registered at the S-CSCF with
 * SIP Digest over UDP), with the eP-CSCF started as a subclass asks. {@link PhoneCallBrowserTest} anchors their calls
 * in a real rtpengine. Without a working media gateway the call fails: with rtpengine stopped
 * ({@link MediaGatewayDownBrowserTest}) the eP-CSCF's ng requests go unanswered and the call gets {@code 503}; with
 * none configured ({@link NoMediaGatewayBrowserTest}) the WebRTC offer reaches the phone, which refuses it with
 * {@code 488}. Either way the page says so, the phone never rings, and the browser can call again at once.
 */
abstract class BrowserAndPhone {

  static final Duration WAIT = Duration.ofSeconds(30);
  static final String DAVE = "sip:dave@ims.example.net";

  @TempDir
  static Path dir;

  static WebImsSystem system;
  static Baresip dave;
  static Browser alice;

  @RegisterExtension
  final BrowserConsoleOnFailure aliceConsole = new BrowserConsoleOnFailure(() -> alice);

  /** Starts the system with {@code epcscfArguments}, Dave's phone, and Alice registered in her browser. */
  static void start(List<String> epcscfArguments) throws Exception {
    system = WebImsSystem.start(dir, WebImsSystem.imsReachableByPhones(), List.of(), epcscfArguments);
    system.addSubscriber("dave_private@ims.example.net", "dave-phone", DAVE);
    dave = Baresip.start(dir.resolve("dave"), DAVE, "dave_private@ims.example.net", "dave-phone",
        system.scscfUdpAddress(), false);
    alice = Browser.start();
    alice.signIn(system.wwsfUrl(), "alice", "alice" + WebImsSystem.PASSWORD_SUFFIX, WAIT);
    alice.awaitPresent("#register", WAIT);
    alice.find("#register").click();
    alice.awaitAttribute("#state", "data-state", "registered", WAIT);
  }

  @AfterAll
  static void stop() throws Exception {
    for (AutoCloseable c : new AutoCloseable[] {alice, dave, system}) {
      try {
        if (c != null) {
          c.close();
        }
      } catch (Exception e) {
        // the next one still closes
      }
    }
    alice = null;
    dave = null;
    system = null;
  }

  /** Two calls in a row fail alike with {@code status} on the page, and the phone never rang. */
  static void assertCallsFailWith(String status) {
    for (int attempt = 1; attempt <= 2; attempt++) {
      CallBrowserTest.call(alice, DAVE);
      alice.awaitAttribute("#call-state", "data-state", "failed", WAIT);
      assertThat(alice.find("#call-state").getText()).as("attempt %d", attempt).contains(status);
      assertThat(alice.find("#call").isEnabled()).isTrue();
    }
    assertThat(dave.eventCount("CALL_INCOMING")).isZero();
  }
}
