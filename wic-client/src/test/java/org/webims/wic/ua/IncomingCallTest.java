package org.webims.wic.ua;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.webims.sip.message.HeaderNames;
import org.webims.sip.message.SipRequest;
import org.webims.sip.message.SipResponse;

/** The WIC is called (WIC-63, 64, 65, 66) on the JVM: fake WebSocket, virtual clock, scripted media. */
class IncomingCallTest extends CallFixture {

  static final String RR1 = "<sip:epcscf.ims.example.net;lr;flow=f1>";
  static final String RR2 = "<sip:scscf.ims.example.net;lr>";

  @BeforeEach
  void registered() throws Exception {
    config = new WicConfig(WicConfig.KEEP_ALIVE_INTERVAL_MILLIS, WicConfig.KEEP_ALIVE_TIMEOUT_MILLIS,
        WicConfig.RECONNECT_BASE_MILLIS, WicConfig.RECONNECT_MAX_MILLIS, 45_000, WAF);
    register();
  }

  /** Bob's INVITE as the eP-CSCF delivers it; {@code extra} adds headers. */
  static String invite(String branch, String callId, String body, String... extra) {
    String[] base = {
        "Via: SIP/2.0/WSS epcscf.ims.example.net;branch=z9hG4bK" + branch,
        "Record-Route: " + RR1, "Record-Route: " + RR2,
        "Max-Forwards: 68",
        "From: \"Bob\" <sip:bob@ims.example.net>;tag=bobtag",
        "To: <sip:alice@ims.example.net>",
        "Call-ID: " + callId,
        "CSeq: 10 INVITE",
        "Contact: <sip:bob@b0b.invalid;transport=ws;ob>"};
    String[] all = new String[base.length + extra.length];
    System.arraycopy(base, 0, all, 0, base.length);
    System.arraycopy(extra, 0, all, base.length, extra.length);
    return message("INVITE sip:alice@a1.invalid;transport=ws;ob SIP/2.0", body, all);
  }

  static final String PAI = "P-Asserted-Identity: <sip:bob@ims.example.net>, <tel:+15551230002>";

  SipResponse ringing() throws Exception {
    socket.receive(invite("inv1", "call-1", OFFER, PAI));
    return lastResponse();
  }

  /** Rings, the user answers, the answer is ready: the 200 is out. */
  SipResponse answered() throws Exception {
    ringing();
    calls.answer();
    media.last().succeed(ANSWER);
    return lastResponse();
  }

  /** A request from bob in the dialog of the 180/200 {@code r}. */
  static String fromBob(SipResponse r, String method, int cseq, String branch) throws Exception {
    return message(method + " sip:alice@a1.invalid;transport=ws;ob SIP/2.0", "",
        "Via: SIP/2.0/WSS epcscf.ims.example.net;branch=z9hG4bK" + branch,
        "Max-Forwards: 69",
        "From: " + r.header(HeaderNames.FROM),
        "To: " + r.header(HeaderNames.TO),
        "Call-ID: " + r.header(HeaderNames.CALL_ID),
        "CSeq: " + cseq + " " + method);
  }

  @Test
  void anInviteRings180WithAToTagAndShowsTheAssertedCaller() throws Exception { // WIC-63
    SipResponse ringing = ringing();
    assertThat(ringing.statusCode()).isEqualTo(180);
    assertThat(ringing.to().tag()).isNotNull();
    assertThat(ringing.headerLines(HeaderNames.RECORD_ROUTE)).containsExactly(RR1, RR2);
    assertThat(ringing.contacts().get(0).address().uri().toString()).endsWith(";transport=ws;ob");
    assertThat(sent("SIP/2.0 100")).isEmpty();
    assertThat(callState()).isEqualTo(CallState.RINGING);
    assertThat(peer).isEqualTo("sip:bob@ims.example.net");
  }

  @Test
  void withoutAssertedIdentityTheFromIsShown() throws Exception { // WIC-63
    socket.receive(invite("inv1", "call-1", OFFER));
    assertThat(peer).isEqualTo("sip:bob@ims.example.net");
  }

  @Test
  void answerSends200WithTheSdpAnswerAndTheAckConfirms() throws Exception { // WIC-63, WIC-62
    SipResponse ringing = ringing();
    calls.answer();
    assertThat(media.last().step).isEqualTo("answer");
    assertThat(media.last().remote).isEqualTo(OFFER);
    media.last().succeed(ANSWER);
    SipResponse ok = lastResponse();
    assertThat(ok.statusCode()).isEqualTo(200);
    assertThat(ok.to().tag()).isEqualTo(ringing.to().tag());
    assertThat(ok.bodyAsString()).isEqualTo(ANSWER);
    assertThat(ok.header(HeaderNames.CONTENT_TYPE)).isEqualTo("application/sdp");
    assertThat(ok.headerLines(HeaderNames.RECORD_ROUTE)).containsExactly(RR1, RR2);
    assertThat(ok.contacts()).hasSize(1);
    assertThat(callState()).isEqualTo(CallState.CONNECTED);
    socket.receive(fromBob(ok, "ACK", 10, "ack1"));
    timers.advance(TIMER_F_MILLIS);
    assertThat(sent("BYE")).isEmpty();
    assertThat(callState()).isEqualTo(CallState.CONNECTED);
  }

  @Test
  void noAckWithin64T1EndsTheCallWithBye() throws Exception { // WIC-62, WIC-64
    answered();
    timers.advance(TIMER_F_MILLIS);
    SipRequest bye = lastRequest();
    assertThat(bye.method()).isEqualTo("BYE");
    assertThat(callState()).isEqualTo(CallState.FAILED);
    assertThat(reason).isEqualTo("No ACK");
  }

  @Test
  void ownByeFollowsTheRouteSetInOrderToTheCallersContact() throws Exception { // WIC-64
    SipResponse ok = answered();
    socket.receive(fromBob(ok, "ACK", 10, "ack1"));
    calls.hangUp();
    SipRequest bye = lastRequest();
    assertThat(bye.method()).isEqualTo("BYE");
    assertThat(bye.requestUri().toString()).isEqualTo("sip:bob@b0b.invalid;transport=ws;ob");
    assertThat(bye.headerLines(HeaderNames.ROUTE)).containsExactly(RR1, RR2);
    assertThat(bye.from().tag()).isEqualTo(ok.to().tag());
    assertThat(bye.to().tag()).isEqualTo("bobtag");
    assertThat(bye.header(HeaderNames.AUTHORIZATION)).isEqualTo("Bearer " + FakeSessions.TOKEN); // WIC-61
    assertThat(callState()).isEqualTo(CallState.ENDED);
  }

  @Test
  void byeFromTheCallerEndsTheCall() throws Exception { // WIC-64
    SipResponse ok = answered();
    socket.receive(fromBob(ok, "ACK", 10, "ack1"));
    socket.receive(fromBob(ok, "BYE", 11, "bye1"));
    assertThat(lastResponse().statusCode()).isEqualTo(200);
    assertThat(callState()).isEqualTo(CallState.ENDED);
    assertThat(media.last().closed).isTrue();
  }

  @Test
  void declineSends603() throws Exception { // WIC-63
    ringing();
    calls.decline();
    SipResponse declined = lastResponse();
    assertThat(declined.statusCode()).isEqualTo(603);
    assertThat(callState()).isEqualTo(CallState.ENDED);
    assertThat(reason).isEqualTo("Declined");
  }

  @Test
  void hangUpWhileRingingDeclines() throws Exception { // WIC-63
    ringing();
    calls.hangUp();
    assertThat(lastResponse().statusCode()).isEqualTo(603);
    assertThat(callState()).isEqualTo(CallState.ENDED);
  }

  @Test
  void aSecondInviteWhileInACallGets486() throws Exception { // WIC-63
    answered();
    socket.receive(invite("inv2", "call-2", OFFER));
    SipResponse busy = lastResponse();
    assertThat(busy.statusCode()).isEqualTo(486);
    assertThat(busy.header(HeaderNames.CALL_ID)).isEqualTo("call-2");
    assertThat(busy.to().tag()).isNotNull();
    assertThat(callState()).isEqualTo(CallState.CONNECTED);
    assertThat(media.sessions).hasSize(1);
  }

  @Test
  void anUnansweredCallGets480AfterTheConfiguredRingTime() throws Exception { // WIC-63
    ringing();
    timers.advance(44_999);
    assertThat(callState()).isEqualTo(CallState.RINGING);
    timers.advance(1);
    assertThat(lastResponse().statusCode()).isEqualTo(480);
    assertThat(callState()).isEqualTo(CallState.ENDED);
    assertThat(reason).isEqualTo("Not answered");
  }

  @Test
  void cancelGets200AndTheInvite487() throws Exception { // WIC-62, WIC-63
    ringing();
    socket.receive(message("CANCEL sip:alice@a1.invalid;transport=ws;ob SIP/2.0", "",
        "Via: SIP/2.0/WSS epcscf.ims.example.net;branch=z9hG4bKinv1",
        "Max-Forwards: 69",
        "From: \"Bob\" <sip:bob@ims.example.net>;tag=bobtag",
        "To: <sip:alice@ims.example.net>",
        "Call-ID: call-1",
        "CSeq: 10 CANCEL"));
    java.util.List<String> sip = socket.sip();
    SipResponse cancelOk = (SipResponse) parse(sip.get(sip.size() - 2));
    assertThat(cancelOk.statusCode()).isEqualTo(200);
    assertThat(cancelOk.header(HeaderNames.CSEQ)).isEqualTo("10 CANCEL");
    SipResponse terminated = lastResponse();
    assertThat(terminated.statusCode()).isEqualTo(487);
    assertThat(terminated.header(HeaderNames.CSEQ)).isEqualTo("10 INVITE");
    assertThat(callState()).isEqualTo(CallState.ENDED);
    assertThat(media.last().closed).isTrue();
  }

  @Test
  void aCancelForNoInviteGets481() throws Exception { // WIC-62
    socket.receive(message("CANCEL sip:alice@a1.invalid;transport=ws;ob SIP/2.0", "",
        "Via: SIP/2.0/WSS epcscf.ims.example.net;branch=z9hG4bKnone",
        "Max-Forwards: 69",
        "From: <sip:bob@ims.example.net>;tag=bobtag",
        "To: <sip:alice@ims.example.net>",
        "Call-ID: call-9",
        "CSeq: 10 CANCEL"));
    assertThat(lastResponse().statusCode()).isEqualTo(481);
  }

  @Test
  void anInviteWithoutSdpGets488() throws Exception { // WIC-63
    socket.receive(invite("inv1", "call-1", ""));
    SipResponse r = lastResponse();
    assertThat(r.statusCode()).isEqualTo(488);
    assertThat(r.reasonPhrase()).isEqualTo("SDP Offer Required");
    assertThat(callStates).isEmpty();
  }

  @Test
  void aMediaFailureWhileAnsweringGets480AndIsShownInWords() throws Exception { // WIC-65
    ringing();
    calls.answer();
    media.last().fail("No microphone found");
    assertThat(lastResponse().statusCode()).isEqualTo(480);
    assertThat(callState()).isEqualTo(CallState.FAILED);
    assertThat(reason).isEqualTo("No microphone found");
  }

  @Test
  void aLostWebSocketWhileRingingEndsTheCall() throws Exception { // WIC-66
    ringing();
    socket.drop();
    assertThat(callState()).isEqualTo(CallState.FAILED);
    assertThat(reason).isEqualTo("Connection lost");
    assertThat(agent.state()).isEqualTo(RegistrationState.RECONNECTING);
  }
}
