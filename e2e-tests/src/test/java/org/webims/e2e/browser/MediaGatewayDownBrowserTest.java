package org.webims.e2e.browser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.webims.e2e.support.Baresip;
import org.webims.e2e.support.Browser;
import org.webims.e2e.support.BrowserConsoleOnFailure;
import org.webims.e2e.support.WebImsSystem;
import org.webims.epcscf.testing.RtpEngineDaemon;

/**
 * Issue 15, the gateway gone: rtpengine ran and was stopped, so the eP-CSCF's ng requests go unanswered. A call from
 * the browser to a phone that needs anchoring fails with a clear status on the page, the phone never rings, and the
 * browser can call again at once (nothing is left behind).
 */
class MediaGatewayDownBrowserTest {

  static final Duration WAIT = Duration.ofSeconds(30);
  static final String DAVE = "sip:dave@ims.example.net";

  @TempDir
  static Path dir;

  static WebImsSystem system;
  static Baresip dave;
  static Browser alice;

  @RegisterExtension
  final BrowserConsoleOnFailure aliceConsole = new BrowserConsoleOnFailure(() -> alice);

  @BeforeAll
  static void start() throws Exception {
    assumeTrue(Baresip.installed() && Files.isExecutable(RtpEngineDaemon.BINARY),
        "rtpengine, baresip and sox are not installed (test.sh installs them)");
    String ngAddress;
    try (RtpEngineDaemon rtpengine = RtpEngineDaemon.start(Files.createDirectories(dir.resolve("rtpengine")))) {
      ngAddress = rtpengine.ngAddress();
    } // stopped here: its ng port no longer answers
    system = WebImsSystem.start(dir, WebImsSystem.imsReachableByPhones(), List.of(),
        List.of("--webims.epcscf.media.ng-address=" + ngAddress));
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
  }

  @Test
  void aCallThatNeedsTheStoppedGatewayFailsWithAClearStatusAndLeavesNothingBehind() {
    for (int attempt = 1; attempt <= 2; attempt++) {
      CallBrowserTest.call(alice, DAVE);
      alice.awaitAttribute("#call-state", "data-state", "failed", WAIT);
      assertThat(alice.find("#call-state").getText()).as("attempt %d", attempt).contains("503");
      assertThat(alice.find("#call").isEnabled()).isTrue();
    }
    assertThat(dave.eventCount("CALL_INCOMING")).isZero();
  }
}
