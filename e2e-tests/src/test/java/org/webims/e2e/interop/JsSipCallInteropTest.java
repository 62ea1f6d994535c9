package org.webims.e2e.interop;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.JavascriptExecutor;
import org.webims.e2e.support.Browser;
import org.webims.e2e.support.BrowserConsoleOnFailure;
import org.webims.e2e.support.CallMedia;
import org.webims.e2e.support.JsSipPhoneServer;
import org.webims.e2e.support.WebImsSystem;

/**
 * Issue 14 point 5: JsSIP 3.13.8, a third-party WebRTC SIP client, in headless Chromium (fake camera and
 * microphone) registers with Digest through the eP-CSCF over WSS and calls through the eP-CSCF and the IMS core
 * (EPC-60..64, SCS-30..32): INVITE, 180, 200, ACK with the Record-Route route set, media both ways (inbound audio and
 * video RTP bytes growing in {@code getStats()} on both sides), BYE. The JsSIP page is served by
 * {@link JsSipPhoneServer} from its own origin, which the eP-CSCF is configured to allow (EPC-03). Then JsSIP and
 * the WIC call each other, either way, with media both ways (issue 14 point 5).
 */
@Tag("interop")
class JsSipCallInteropTest {

  private static final Duration WAIT = Duration.ofSeconds(30);
  private static final String ALICE = "sip:alice@ims.example.net";
  private static final String BOB = "sip:bob@ims.example.net";

  @TempDir
  static Path dir;

  private static JsSipPhoneServer page;
  private static WebImsSystem system;

  private Browser alice;
  private Browser bob;

  @RegisterExtension
  final BrowserConsoleOnFailure aliceConsole = new BrowserConsoleOnFailure(() -> alice);
  @RegisterExtension
  final BrowserConsoleOnFailure bobConsole = new BrowserConsoleOnFailure(() -> bob);

  @BeforeAll
  static void start() throws Exception {
    page = JsSipPhoneServer.start(dir);
    system = WebImsSystem.start(dir, List.of(), List.of(),
        List.of("--webims.epcscf.websocket.allowed-origins=" + page.origin()));
  }

  @AfterAll
  static void stop() {
    if (system != null) {
      system.close();
    }
    if (page != null) {
      page.close();
    }
  }

  @BeforeEach
  void startBrowsers() {
    alice = Browser.start();
    bob = Browser.start();
  }

  @AfterEach
  void stopBrowsers() {
    for (Browser b : new Browser[] {alice, bob}) {
      if (b != null) {
        b.close();
      }
    }
  }

  @Test
  void jsSipCallsJsSipThroughTheEpCscfAndTheImsCoreWithMediaBothWaysThenTheCallerHangsUp_EPC60_SCS30() {
    registerJsSip(alice, ALICE, "alice_private@ims.example.net", "s3cret-webrtc");
    registerJsSip(bob, BOB, "bob_private@ims.example.net", "bob-webrtc");

    callAndAnswer(alice, ALICE, bob, BOB);

    hangUp(alice, bob);
  }

  @Test
  void reInviteAndUpdateCrossTheRecordRouteFromEitherEndAndTheCalleeHangsUp_EPC62_SCS30() {
    registerJsSip(alice, ALICE, "alice_private@ims.example.net", "s3cret-webrtc");
    registerJsSip(bob, BOB, "bob_private@ims.example.net", "bob-webrtc");
    callAndAnswer(bob, BOB, alice, ALICE);

    // In-dialog requests from either end, routed by the dialog's route set through both eP-CSCF flows.
    assertThat(script(alice, "return window.phone.renegotiate(false);")).isEqualTo("succeeded");
    assertThat(script(bob, "return window.phone.renegotiate(true);")).isEqualTo("succeeded");
    assertThat(script(alice, "return window.phone.sessionRefresh();")).isEqualTo(200L);
    assertThat(script(bob, "return window.phone.sessionRefresh();")).isEqualTo(200L);
    CallMedia.awaitInboundAudioAndVideoGrowing(alice, WAIT);
    CallMedia.awaitInboundAudioAndVideoGrowing(bob, WAIT);

    hangUp(alice, bob); // the callee
  }

  @Test
  void jsSipCallsTheWicTheWicAnswersMediaFlowsBothWaysJsSipRefreshesTheSessionAndTheWicHangsUp_WIC63_WIC64() {
    registerWicAlice();
    registerJsSip(bob, BOB, "bob_private@ims.example.net", "bob-webrtc");

    callAndAnswer(bob, BOB, alice, ALICE);
    assertSessionRefreshKeepsTheCall(bob);

    hangUp(alice, bob); // BYE from the WIC, to JsSIP's Contact through the route set
  }

  @Test
  void theWicCallsJsSipJsSipAnswersMediaFlowsBothWaysJsSipRefreshesTheSessionAndHangsUp_WIC60_WIC64() {
    registerWicAlice();
    registerJsSip(bob, BOB, "bob_private@ims.example.net", "bob-webrtc");

    callAndAnswer(alice, ALICE, bob, BOB);
    assertSessionRefreshKeepsTheCall(bob);

    hangUp(bob, alice); // BYE from JsSIP
  }

  /**
   * WIC-64: JsSIP puts the WIC on hold and takes it off (re-INVITEs with sendonly, then sendrecv offers): the WIC
   * answers both from its own peer connection, the call stays connected and media flows again both ways; JsSIP's
   * session refresh UPDATE gets 200 (Allow lists UPDATE).
   */
  @Test
  void jsSipPutsTheWicOnHoldAndTakesItOffTheCallStaysAndMediaFlowsAgain_WIC64() {
    registerWicAlice();
    registerJsSip(bob, BOB, "bob_private@ims.example.net", "bob-webrtc");
    callAndAnswer(bob, BOB, alice, ALICE);

    assertThat(script(bob, "return window.phone.hold(true);")).isEqualTo("succeeded");
    assertThat(alice.find("#call-state").getDomAttribute("data-state")).isEqualTo("connected");
    assertThat(script(bob, "return window.phone.hold(false);")).isEqualTo("succeeded");
    CallMedia.awaitInboundAudioAndVideoGrowing(alice, WAIT);
    CallMedia.awaitInboundAudioAndVideoGrowing(bob, WAIT);
    assertThat(script(bob, "return window.phone.sessionRefresh();")).isEqualTo(200L);

    hangUp(alice, bob);
  }

  /** WIC-64: the WIC called; JsSIP renegotiates by UPDATE with an offer, then by re-INVITE: the call stays. */
  @Test
  void jsSipRenegotiatesTheWicsCallByUpdateAndReInvite_WIC64() {
    registerWicAlice();
    registerJsSip(bob, BOB, "bob_private@ims.example.net", "bob-webrtc");
    callAndAnswer(alice, ALICE, bob, BOB);

    assertThat(script(bob, "return window.phone.renegotiate(true);")).isEqualTo("succeeded");
    assertThat(script(bob, "return window.phone.renegotiate(false);")).isEqualTo("succeeded");
    CallMedia.awaitInboundAudioAndVideoGrowing(alice, WAIT);
    CallMedia.awaitInboundAudioAndVideoGrowing(bob, WAIT);
    assertThat(alice.find("#call-state").getDomAttribute("data-state")).isEqualTo("connected");

    hangUp(bob, alice);
  }

  @Test
  void jsSipCancelsWhileTheWicRings_WIC62() {
    registerWicAlice();
    registerJsSip(bob, BOB, "bob_private@ims.example.net", "bob-webrtc");
    bob.type("#callee", ALICE);
    bob.find("#call").click();
    alice.awaitAttribute("#call-state", "data-state", "ringing", WAIT);

    bob.find("#hangup").click(); // JsSIP's CANCEL

    alice.awaitAttribute("#call-state", "data-state", "ended", WAIT);
    bob.awaitAttribute("#call-state", "data-state", "ended", WAIT);
  }

  @Test
  void theWicDeclinesJsSipsCallWith603_WIC63() {
    registerWicAlice();
    registerJsSip(bob, BOB, "bob_private@ims.example.net", "bob-webrtc");
    bob.type("#callee", ALICE);
    bob.find("#call").click();
    alice.awaitAttribute("#call-state", "data-state", "ringing", WAIT);

    alice.find("#decline").click();

    alice.awaitAttribute("#call-state", "data-state", "ended", WAIT);
    bob.awaitAttribute("#call-state", "data-state", "failed", WAIT);
    assertThat(bob.find("#call-state").getText()).contains("603");
  }

  @Test
  void jsSipDeclinesTheWicsCallWith603_WIC60() {
    registerWicAlice();
    registerJsSip(bob, BOB, "bob_private@ims.example.net", "bob-webrtc");
    alice.type("#callee", BOB);
    alice.find("#call").click();
    bob.awaitAttribute("#call-state", "data-state", "ringing", WAIT);

    bob.find("#decline").click();

    bob.awaitAttribute("#call-state", "data-state", "ended", WAIT);
    alice.awaitAttribute("#call-state", "data-state", "failed", WAIT);
    assertThat(alice.find("#call-state").getText()).contains("603");
  }

  private void registerJsSip(Browser browser, String impu, String impi, String password) {
    page.register(browser, system.epcscfUrl(), impu, impi, password, WAIT);
  }

  /** Alice on the WIC's page, signed in at the WWSF with her web account: a token registration (WIC-61). */
  private void registerWicAlice() {
    alice.signIn(system.wwsfUrl(), "alice", "alice" + WebImsSystem.PASSWORD_SUFFIX, WAIT);
    alice.awaitPresent("#register", WAIT);
    alice.find("#register").click();
    alice.awaitAttribute("#state", "data-state", "registered", WAIT);
  }

  /**
   * {@code caller} calls {@code calleeImpu}: the callee's page rings showing the caller's asserted identity (EPC-60),
   * the caller's is alerted (180); the callee answers, both are connected, and inbound audio and video bytes grow on
   * both sides.
   */
  private static void callAndAnswer(Browser caller, String callerImpu, Browser callee, String calleeImpu) {
    caller.type("#callee", calleeImpu);
    caller.find("#call").click();
    callee.awaitAttribute("#call-state", "data-state", "ringing", WAIT);
    assertThat(callee.find("#call-state").getText()).contains(callerImpu);
    caller.awaitAttribute("#call-state", "data-state", "alerting", WAIT);
    callee.find("#answer").click();
    callee.awaitAttribute("#call-state", "data-state", "connected", WAIT);
    caller.awaitAttribute("#call-state", "data-state", "connected", WAIT);
    CallMedia.awaitInboundAudioAndVideoGrowing(caller, WAIT);
    CallMedia.awaitInboundAudioAndVideoGrowing(callee, WAIT);
  }

  /** {@code side} hangs up (BYE): both calls end. */
  private static void hangUp(Browser side, Browser other) {
    side.find("#hangup").click();
    side.awaitAttribute("#call-state", "data-state", "ended", WAIT);
    other.awaitAttribute("#call-state", "data-state", "ended", WAIT);
  }

  /**
   * JsSIP runs RFC 4028 session timers by default, whatever the WIC says: 90 s, refreshed with an UPDATE without SDP
   * (RFC 3311) at half of it by whichever side JsSIP made the refresher (itself as caller when the 200 has no
   * Session-Expires; itself as callee, refresher=uas in its 200). Sent now instead of in 45 s: the WIC must answer
   * it (200, or 501 if it had no UPDATE; never 481 or silence, after which JsSIP ends the call, RFC 5057) and the
   * call goes on.
   */
  private void assertSessionRefreshKeepsTheCall(Browser jssip) {
    Object status = script(jssip, "return window.phone.sessionRefresh();");
    assertThat(((Number) status).intValue()).as("the WIC's response to JsSIP's session refresh UPDATE")
        .isNotIn(0, 408, 481);
    assertThat(alice.find("#call-state").getDomAttribute("data-state")).isEqualTo("connected");
    assertThat(jssip.find("#call-state").getDomAttribute("data-state")).isEqualTo("connected");
  }

  private static Object script(Browser browser, String script) {
    return ((JavascriptExecutor) browser.driver()).executeScript(script);
  }
}
