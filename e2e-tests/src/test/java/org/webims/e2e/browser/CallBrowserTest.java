package org.webims.e2e.browser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.webims.e2e.support.Browser;
import org.webims.e2e.support.BrowserConsoleOnFailure;
import org.webims.e2e.support.WebImsSystem;

/**
 * Issue 14 from the users' chairs: browsers call each other through the eP-CSCF and the IMS core with audio and
 * video (Chromium's fake camera and microphone). Alice signs in with her web account (token registration), Bob and
 * Carol type IMS credentials on {@code /ims} (Digest). One system and one registered Alice and Bob serve every test;
 * each test ends with both out of the call (WIC-60..66, EPC-60..66, SCS-30..32).
 */
class CallBrowserTest {

  static final Duration WAIT = Duration.ofSeconds(30);
  static final String BOB = "sip:bob@ims.example.net";
  static final String ALICE = "sip:alice@ims.example.net";

  @TempDir
  static Path dir;

  static WebImsSystem system;
  static Browser alice;
  static Browser bob;
  /** A browser of one test only (a third party, a second callee), closed after it. */
  Browser other;

  @RegisterExtension
  final BrowserConsoleOnFailure aliceConsole = new BrowserConsoleOnFailure(() -> alice);
  @RegisterExtension
  final BrowserConsoleOnFailure bobConsole = new BrowserConsoleOnFailure(() -> bob);
  @RegisterExtension
  final BrowserConsoleOnFailure otherConsole = new BrowserConsoleOnFailure(() -> other);

  @BeforeAll
  static void start() throws Exception {
    system = WebImsSystem.start(dir);
    alice = Browser.start();
    alice.signIn(system.wwsfUrl(), "alice", "alice" + WebImsSystem.PASSWORD_SUFFIX, WAIT);
    alice.awaitPresent("#register", WAIT);
    alice.find("#register").click();
    alice.awaitAttribute("#state", "data-state", "registered", WAIT);
    bob = Browser.start();
    registerBob(bob);
  }

  @AfterAll
  static void stop() {
    for (AutoCloseable c : new AutoCloseable[] {alice, bob, system}) {
      try {
        if (c != null) {
          c.close();
        }
      } catch (Exception e) {
        // the next one still closes
      }
    }
  }

  /** Leaves Alice and Bob out of any call the test left behind, so the next test starts clean. */
  @AfterEach
  void endCalls() {
    if (other != null) {
      other.close();
      other = null;
    }
    for (Browser b : new Browser[] {alice, bob}) {
      if (b.find("#hangup").isEnabled()) {
        b.find("#hangup").click();
      } else if (b.find("#decline").isEnabled()) {
        b.find("#decline").click();
      }
    }
    for (Browser b : new Browser[] {alice, bob}) {
      await().atMost(WAIT).until(() -> !inCall(b));
    }
  }

  @Test
  void aliceCallsBobBobAnswersMediaFlowsBothWaysAndAliceHangsUp_WIC60_WIC63_WIC65() {
    connect(alice, bob);

    assertMediaFlowsBothWays(alice);
    assertMediaFlowsBothWays(bob);
    // under the pages' Content-Security-Policy, both pictures play on both pages
    for (Browser b : new Browser[] {alice, bob}) {
      b.awaitVideoPlaying("remote-video", WAIT);
      b.awaitVideoPlaying("local-video", WAIT);
    }
    assertThat(alice.find("#call-state").getText()).contains(BOB);
    assertThat(alice.find("#call-duration").isDisplayed()).isTrue();
    // issue 15 point 3: browser to browser, the media bypasses the gateway (EPC-81's default), and the page says so
    for (Browser b : new Browser[] {alice, bob}) {
      b.awaitAttribute("#call-media", "data-anchored", "false", WAIT);
      assertThat(b.find("#call-media").getText()).isEqualTo("direct");
    }
    // the callee field offers Alice's own IMPUs and the number she just called
    assertThat(alice.findAll("#callee-options option")).extracting(o -> o.getDomAttribute("value"))
        .contains(BOB, ALICE, "tel:+15551230001");
    // Mute and Camera off stop sending the microphone and the camera (the tracks' enabled), and resume
    for (String[] button : new String[][] {{"#mute", "audio"}, {"#camera", "video"}}) {
      alice.find(button[0]).click();
      assertThat(alice.find(button[0]).getDomAttribute("aria-pressed")).isEqualTo("true");
      assertThat(sending(alice, button[1])).isFalse();
      alice.find(button[0]).click();
      assertThat(sending(alice, button[1])).isTrue();
    }

    alice.find("#hangup").click();
    alice.awaitAttribute("#call-state", "data-state", "ended", WAIT);
    bob.awaitAttribute("#call-state", "data-state", "ended", WAIT);
  }

  @Test
  void theCalleeHangsUp_WIC64() {
    connect(alice, bob);

    bob.find("#hangup").click();
    bob.awaitAttribute("#call-state", "data-state", "ended", WAIT);
    alice.awaitAttribute("#call-state", "data-state", "ended", WAIT);
  }

  @Test
  void theCallerCancelsWhileTheCalleeRings_WIC62() {
    call(alice, BOB);
    bob.awaitAttribute("#call-state", "data-state", "ringing", WAIT);

    alice.find("#hangup").click();

    alice.awaitAttribute("#call-state", "data-state", "ended", WAIT);
    bob.awaitAttribute("#call-state", "data-state", "ended", WAIT); // CANCEL, 487 to the INVITE
  }

  @Test
  void theCalleeDeclines_WIC63() {
    call(alice, BOB);
    bob.awaitAttribute("#call-state", "data-state", "ringing", WAIT);

    bob.find("#decline").click();

    alice.awaitAttribute("#call-state", "data-state", "failed", WAIT);
    assertThat(alice.find("#call-state").getText()).containsIgnoringCase("declined").contains("603");
    bob.awaitAttribute("#call-state", "data-state", "ended", WAIT);
  }

  @Test
  void aCalleeWhoIsNotRegisteredGets480_SCS31() {
    call(alice, "sip:carol@ims.example.net");

    alice.awaitAttribute("#call-state", "data-state", "failed", WAIT);
    assertThat(alice.find("#call-state").getText()).contains("480");
  }

  @Test
  void aCalleeInACallIsBusy_WIC63() {
    connect(alice, bob);
    other = Browser.start();
    registerCarol(other);

    call(other, BOB);

    other.awaitAttribute("#call-state", "data-state", "failed", WAIT);
    assertThat(other.find("#call-state").getText()).contains("486");
    assertThat(alice.find("#call-state").getDomAttribute("data-state")).isEqualTo("connected");
    assertThat(bob.find("#call-state").getDomAttribute("data-state")).isEqualTo("connected");
  }

  @Test
  void aCalleeWithTwoTabsRingsInBothAndTheSecondAnswers_SCS32() {
    String firstTab = bob.driver().getWindowHandle();
    String secondTab = bob.newTab();
    try {
      registerBob(bob);
      await().atMost(WAIT).until(() -> system.bindings(BOB).size() == 2);

      call(alice, BOB);
      bob.awaitAttribute("#call-state", "data-state", "ringing", WAIT);
      bob.switchTo(firstTab);
      bob.awaitAttribute("#call-state", "data-state", "ringing", WAIT);
      bob.switchTo(secondTab);
      bob.find("#answer").click();

      bob.awaitAttribute("#call-state", "data-state", "connected", WAIT);
      alice.awaitAttribute("#call-state", "data-state", "connected", WAIT);
      bob.switchTo(firstTab);
      bob.awaitAttribute("#call-state", "data-state", "ended", WAIT); // CANCELled by the S-CSCF's fork
      bob.switchTo(secondTab);
      assertMediaFlowsBothWays(bob);
      bob.find("#hangup").click();
      alice.awaitAttribute("#call-state", "data-state", "ended", WAIT);
    } finally {
      bob.switchTo(secondTab);
      bob.driver().close(); // the tab deregisters as it goes (pagehide)
      bob.switchTo(firstTab);
    }
    await().atMost(WAIT).until(() -> system.bindings(BOB).size() == 1);
  }

  @Test
  void whenTheCalleesBrowserDiesTheCallersCallEnds_WIC66_EPC66() {
    other = Browser.start();
    registerCarol(other);
    call(alice, "sip:carol@ims.example.net");
    other.awaitAttribute("#call-state", "data-state", "ringing", WAIT);
    other.find("#answer").click();
    alice.awaitAttribute("#call-state", "data-state", "connected", WAIT);

    // No unload code runs: Carol's WebSocket dies with her browser, and only the eP-CSCF can end the call
    // (EPC-66: BYE toward the core for the lost flow's dialogs). The kernel closes the dead TCP connection at
    // once; a silent network would be noticed within webims.epcscf.websocket.idle-timeout.
    other.crash();

    alice.awaitAttribute("#call-state", "data-state", "ended", WAIT);
  }

  /** Alice calls Bob, Bob's page rings with Alice's asserted identity, Bob answers: both connected. */
  static void connect(Browser caller, Browser callee) {
    call(caller, BOB);
    caller.awaitAttribute("#call-state", "data-state", "alerting", WAIT);
    callee.awaitAttribute("#call-state", "data-state", "ringing", WAIT);
    assertThat(callee.find("#call-state").getText()).contains(ALICE);
    callee.find("#answer").click();
    callee.awaitAttribute("#call-state", "data-state", "connected", WAIT);
    caller.awaitAttribute("#call-state", "data-state", "connected", WAIT);
  }

  static void call(Browser caller, String target) {
    caller.type("#callee", target);
    caller.find("#call").click();
  }

  /** RTCPeerConnection.getStats(): inbound audio and video bytes grow (the fake devices send all the time). */
  static void assertMediaFlowsBothWays(Browser b) {
    b.awaitInboundAudioAndVideo(WAIT);
  }

  /** Whether the page's peer connection sends its {@code kind} track (enabled, not muted by the user). */
  static boolean sending(Browser b, String kind) {
    return (Boolean) b.script("return window.wicPeer.getSenders().some(function (s) {"
        + " return s.track && s.track.kind == '" + kind + "' && s.track.enabled; });");
  }

  static boolean inCall(Browser b) {
    String state = b.find("#call-state").getDomAttribute("data-state");
    return state.equals("calling") || state.equals("alerting") || state.equals("ringing")
        || state.equals("connected");
  }

  static void registerBob(Browser b) {
    b.registerWithDigest(system.wwsfUrl(), "bob_private@ims.example.net", BOB, "bob-webrtc", WAIT);
  }

  static void registerCarol(Browser b) {
    b.registerWithDigest(system.wwsfUrl(), "carol_private@ims.example.net", "sip:carol@ims.example.net",
        "carol-webrtc", WAIT);
  }
}
