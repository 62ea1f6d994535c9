package org.webims.e2e.browser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.webims.e2e.support.Browser;
import org.webims.e2e.support.BrowserConsoleOnFailure;
import org.webims.e2e.support.RtpEngineCalls;
import org.webims.e2e.support.WebImsSystem;
import org.webims.epcscf.testing.RtpEngineDaemon;

/**
 * EPC-81 switched: an operator who anchors every call ({@code webims.epcscf.media.anchor=always}) gets browser to
 * browser media through rtpengine too. Alice (token) calls Bob (Digest on /ims): media flows both ways, rtpengine's
 * RTP counters for the call grow, both pages say "via media gateway", and the hang-up leaves no session.
 */
class AnchoredCallBrowserTest {

  static final Duration WAIT = Duration.ofSeconds(30);

  @TempDir
  static Path dir;

  static RtpEngineDaemon rtpengine;
  static WebImsSystem system;
  static Browser alice;
  static Browser bob;

  @RegisterExtension
  final BrowserConsoleOnFailure aliceConsole = new BrowserConsoleOnFailure(() -> alice);
  @RegisterExtension
  final BrowserConsoleOnFailure bobConsole = new BrowserConsoleOnFailure(() -> bob);

  @BeforeAll
  static void start() throws Exception {
    rtpengine = RtpEngineDaemon.start(Files.createDirectories(dir.resolve("rtpengine")));
    system = WebImsSystem.start(dir, List.of(), List.of(), List.of(
        "--webims.epcscf.media.ng-address=" + rtpengine.ngAddress(), "--webims.epcscf.media.anchor=always"));
    alice = Browser.start();
    alice.signIn(system.wwsfUrl(), "alice", "alice" + WebImsSystem.PASSWORD_SUFFIX, WAIT);
    alice.awaitPresent("#register", WAIT);
    alice.find("#register").click();
    alice.awaitAttribute("#state", "data-state", "registered", WAIT);
    bob = Browser.start();
    bob.registerWithDigest(system.wwsfUrl(), "bob_private@ims.example.net", CallBrowserTest.BOB, "bob-webrtc", WAIT);
  }

  @AfterAll
  static void stop() throws Exception {
    for (AutoCloseable c : new AutoCloseable[] {alice, bob, system, rtpengine}) {
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
  void browserToBrowserMediaGoesThroughRtpengineWhenAnchoringIsAlways_EPC81_EPC82() {
    CallBrowserTest.connect(alice, bob);

    alice.awaitInboundAudioAndVideo(WAIT);
    bob.awaitInboundAudioAndVideo(WAIT);
    for (Browser b : new Browser[] {alice, bob}) {
      b.awaitAttribute("#call-media", "data-anchored", "true", WAIT);
      assertThat(b.find("#call-media").getText()).isEqualTo("via media gateway");
    }
    // Both ends are served by this eP-CSCF: the caller's leg and the callee's leg are each anchored.
    List<String> calls = RtpEngineCalls.list(rtpengine);
    assertThat(calls).isNotEmpty();
    for (String call : calls) {
      long before = RtpEngineCalls.rtpBytes(rtpengine, call);
      assertThat(before).as("RTP bytes through rtpengine for %s", call).isPositive();
      await().atMost(WAIT).alias("rtpengine's RTP byte counter of " + call + " grows past " + before)
          .until(() -> RtpEngineCalls.rtpBytes(rtpengine, call) > before);
    }

    bob.find("#hangup").click();
    alice.awaitAttribute("#call-state", "data-state", "ended", WAIT);
    bob.awaitAttribute("#call-state", "data-state", "ended", WAIT);
    await().atMost(WAIT).alias("no rtpengine session left (ng list)")
        .until(() -> RtpEngineCalls.list(rtpengine).isEmpty());
  }
}
