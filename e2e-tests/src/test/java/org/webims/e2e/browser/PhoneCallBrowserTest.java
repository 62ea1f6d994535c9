package org.webims.e2e.browser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.webims.e2e.support.Baresip;
import org.webims.e2e.support.CallMedia;
import org.webims.e2e.support.RtpEngineCalls;
import org.webims.epcscf.testing.RtpEngineDaemon;

/**
 * Issue 15 from the users' chairs: a browser (the WIC, Alice's web account) and a SIP phone that is not a browser
 * (baresip 1.0.0, Dave, registered at the S-CSCF with SIP Digest over UDP) call each other. The phone's SDP is plain
 * RTP/AVP, so the eP-CSCF anchors the media in a real rtpengine (EPC-80): ICE-lite, DTLS-SRTP and rtcp-mux toward the
 * browser, RTP toward the phone. Each call ends with no rtpengine session left (EPC-82).
 */
class PhoneCallBrowserTest extends BrowserAndPhone {

  static final String ALICE = "sip:alice@ims.example.net";

  static RtpEngineDaemon rtpengine;

  @BeforeAll
  static void startWithGateway() throws Exception {
    Baresip.requireInstalled();
    rtpengine = RtpEngineDaemon.start(java.nio.file.Files.createDirectories(dir.resolve("rtpengine")));
    start(List.of("--webims.epcscf.media.ng-address=" + rtpengine.ngAddress()));
  }

  /** Hides {@link BrowserAndPhone#stop()} so that rtpengine closes after the eP-CSCF that uses it. */
  @AfterAll
  static void stop() throws Exception {
    BrowserAndPhone.stop();
    if (rtpengine != null) {
      rtpengine.close();
      rtpengine = null;
    }
  }

  @BeforeEach
  void freshRecordings() throws Exception {
    dave.forgetRecordings();
  }

  /** Ends any call a failed test left, so the next starts clean. */
  @AfterEach
  void endCalls() {
    if (alice.find("#hangup").isEnabled()) {
      alice.find("#hangup").click();
    } else if (alice.find("#decline").isEnabled()) {
      alice.find("#decline").click();
    }
    String phone = dave.callState();
    if (!phone.equals("IDLE") && !phone.equals("CLOSED")) {
      dave.hangUp();
    }
    await().atMost(WAIT).until(() -> !CallBrowserTest.inCall(alice));
  }

  @Test
  void theWicCallsThePhoneTheMediaIsAnchoredBothHearAndTheCallerHangsUp_EPC80_EPC82() {
    long closed = dave.eventCount("CALL_CLOSED");
    connectAliceToDave();

    CallMedia.awaitInboundAudioGrowing(alice, WAIT);
    dave.awaitHearing(NOT_SILENCE, WAIT);
    alice.awaitAttribute("#call-media", "data-anchored", "true", WAIT);
    assertThat(alice.find("#call-media").getText()).isEqualTo("via media gateway");
    assertThat(RtpEngineCalls.list(rtpengine)).hasSize(1);

    alice.find("#hangup").click();
    alice.awaitAttribute("#call-state", "data-state", "ended", WAIT);
    dave.awaitEvent("CALL_CLOSED", closed, WAIT);
    awaitNoGatewaySession();
  }

  @Test
  void thePhoneHangsUpAndNoGatewaySessionIsLeft_EPC82() {
    connectAliceToDave();
    CallMedia.awaitInboundAudioGrowing(alice, WAIT);

    dave.hangUp();
    alice.awaitAttribute("#call-state", "data-state", "ended", WAIT);
    awaitNoGatewaySession();
  }

  @Test
  void thePhoneCallsTheWicThePageRingsAliceAnswersAndBothHear_EPC80() {
    long established = dave.eventCount("CALL_ESTABLISHED");
    dave.dial(ALICE);
    alice.awaitAttribute("#call-state", "data-state", "ringing", WAIT);
    assertThat(alice.find("#call-state").getText()).contains(DAVE);
    alice.find("#answer").click();
    alice.awaitAttribute("#call-state", "data-state", "connected", WAIT);
    dave.awaitEvent("CALL_ESTABLISHED", established, WAIT);

    CallMedia.awaitInboundAudioGrowing(alice, WAIT);
    dave.awaitHearing(NOT_SILENCE, WAIT);
    alice.awaitAttribute("#call-media", "data-anchored", "true", WAIT);

    alice.find("#hangup").click();
    alice.awaitAttribute("#call-state", "data-state", "ended", WAIT);
    awaitNoGatewaySession();
  }

  private static void connectAliceToDave() {
    long incoming = dave.eventCount("CALL_INCOMING");
    CallBrowserTest.call(alice, DAVE);
    dave.awaitEvent("CALL_INCOMING", incoming, WAIT);
    dave.answer();
    alice.awaitAttribute("#call-state", "data-state", "connected", WAIT);
  }

  /** EPC-82: rtpengine's {@code list} is empty again. */
  static void awaitNoGatewaySession() {
    await().atMost(WAIT).alias("no rtpengine session left (ng list)")
        .until(() -> RtpEngineCalls.list(rtpengine).isEmpty());
  }

  /**
   * Chromium's fake microphone beeps about once a second; silence is 0. Well above what a stream of comfort noise
   * or decoding artefacts would give.
   */
  static final double NOT_SILENCE = 0.01;
}
