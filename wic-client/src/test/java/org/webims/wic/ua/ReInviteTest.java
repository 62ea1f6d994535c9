package org.webims.wic.ua;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.webims.sip.message.HeaderNames;
import org.webims.sip.message.SipRequest;
import org.webims.sip.message.SipResponse;

/**
 * WIC-64: the other side changes the session inside a call (RFC 3261 §14 re-INVITE, RFC 3311 UPDATE),
 * as JsSIP's and an IMS phone's hold (TS 24.610) do: the answer comes from the call's own media session
 * and the call goes on. Both sides of the dialog: the WIC called bob (UAC), or bob called the WIC (UAS).
 */
class ReInviteTest extends CallFixture {

  static final String HOLD = OFFER + "a=sendonly\r\n";
  static final String HELD = ANSWER + "a=recvonly\r\n";

  /** The dialog as bob sees it: his From (with his tag), his To (with the WIC's tag), the Call-ID. */
  String bobFrom;
  String bobTo;
  String callId;

  @BeforeEach
  void registered() throws Exception {
    register();
  }

  /** The WIC called bob; bob answered; the answer is set. */
  void wicCalled() throws Exception {
    calls.call("bob");
    media.last().succeed(OFFER);
    SipRequest invite = lastRequest();
    socket.receive(response(invite, "200 OK", "bob1", ANSWER, "Record-Route: " + IncomingCallTest.RR1,
        "Contact: <sip:bob@b0b.invalid;transport=ws;ob>"));
    media.last().succeed(null);
    bobFrom = invite.header(HeaderNames.TO) + ";tag=bob1";
    bobTo = invite.header(HeaderNames.FROM);
    callId = invite.header(HeaderNames.CALL_ID);
    assertThat(callState()).isEqualTo(CallState.CONNECTED);
  }

  /** Bob called the WIC (CSeq 10); the WIC answered; bob ACKed. */
  void bobCalled() throws Exception {
    socket.receive(IncomingCallTest.invite("inv1", "call-1", OFFER));
    calls.answer();
    media.last().succeed(ANSWER);
    SipResponse ok = lastResponse();
    bobFrom = ok.header(HeaderNames.FROM);
    bobTo = ok.header(HeaderNames.TO);
    callId = "call-1";
    socket.receive(fromBob("ACK", 10, "ack1", ""));
  }

  String fromBob(String method, int cseq, String branch, String body) {
    return message(method + " sip:alice@a1.invalid;transport=ws;ob SIP/2.0", body,
        "Via: SIP/2.0/WSS epcscf.ims.example.net;branch=z9hG4bK" + branch,
        "Max-Forwards: 69",
        "From: " + bobFrom,
        "To: " + bobTo,
        "Call-ID: " + callId,
        "CSeq: " + cseq + " " + method,
        "Contact: <sip:bob@b0b.invalid;transport=ws;ob>");
  }

  /** The 200 to bob's re-INVITE {@code cseq}: his tags, his CSeq, the WIC's Contact, the answer. */
  void assertAnswered(SipResponse ok, int cseq, String method, String sdp) throws Exception {
    assertThat(ok.statusCode()).isEqualTo(200);
    assertThat(ok.header(HeaderNames.CSEQ)).isEqualTo(cseq + " " + method);
    assertThat(ok.header(HeaderNames.FROM)).isEqualTo(bobFrom);
    assertThat(ok.header(HeaderNames.TO)).isEqualTo(bobTo);
    assertThat(ok.header(HeaderNames.CALL_ID)).isEqualTo(callId);
    assertThat(ok.contacts().get(0).address().uri().toString()).endsWith(";transport=ws;ob");
    assertThat(ok.headerLines(HeaderNames.RECORD_ROUTE)).isEmpty();
    assertThat(ok.bodyAsString()).isEqualTo(sdp);
  }

  @Test
  void theCallerAnswersAReInviteFromItsOwnPeerConnectionAndTakesTheAck() throws Exception { // WIC-64
    wicCalled();
    socket.receive(fromBob("INVITE", 1, "re1", HOLD));
    assertThat(media.sessions).hasSize(1); // no new getUserMedia, the same peer connection
    assertThat(media.last().step).isEqualTo("answer");
    assertThat(media.last().remote).isEqualTo(HOLD);
    media.last().succeed(HELD);
    assertAnswered(lastResponse(), 1, "INVITE", HELD);
    socket.receive(fromBob("ACK", 1, "ack2", ""));
    timers.advance(TIMER_F_MILLIS);
    assertThat(sent("BYE")).isEmpty();
    assertThat(callState()).isEqualTo(CallState.CONNECTED);
    socket.receive(fromBob("INVITE", 2, "re2", OFFER)); // unhold
    media.last().succeed(ANSWER);
    assertAnswered(lastResponse(), 2, "INVITE", ANSWER);
  }

  @Test
  void theCalleeAnswersAReInviteAndWithoutItsAckEndsTheCall() throws Exception { // WIC-64 (RFC 3261 §13.3.1.4)
    bobCalled();
    socket.receive(fromBob("INVITE", 11, "re1", HOLD));
    assertThat(media.sessions).hasSize(1);
    assertThat(media.last().remote).isEqualTo(HOLD);
    media.last().succeed(HELD);
    assertAnswered(lastResponse(), 11, "INVITE", HELD);
    socket.receive(fromBob("ACK", 10, "ack1", "")); // the first INVITE's ACK again: not this one's
    timers.advance(TIMER_F_MILLIS);
    SipRequest bye = lastRequest();
    assertThat(bye.method()).isEqualTo("BYE");
    assertThat(bye.cseq().sequence()).isEqualTo(1);
    assertThat(callState()).isEqualTo(CallState.FAILED);
    assertThat(reason).isEqualTo("No ACK");
  }

  @Test
  void theCalleeTakesTheReInvitesAck() throws Exception { // WIC-64
    bobCalled();
    socket.receive(fromBob("INVITE", 11, "re1", HOLD));
    media.last().succeed(HELD);
    socket.receive(fromBob("ACK", 11, "ack2", ""));
    timers.advance(TIMER_F_MILLIS);
    assertThat(sent("BYE")).isEmpty();
    assertThat(callState()).isEqualTo(CallState.CONNECTED);
  }

  @Test
  void aMediaFailureGets488AndTheCallGoesOn() throws Exception { // WIC-64, WIC-65
    bobCalled();
    socket.receive(fromBob("INVITE", 11, "re1", HOLD));
    media.last().fail("Media failure: OperationError");
    SipResponse r = lastResponse();
    assertThat(r.statusCode()).isEqualTo(488);
    assertThat(r.header(HeaderNames.CSEQ)).isEqualTo("11 INVITE");
    assertThat(callState()).isEqualTo(CallState.CONNECTED);
    assertThat(media.last().closed).isFalse();
    socket.receive(fromBob("INVITE", 12, "re2", OFFER));
    media.last().succeed(ANSWER);
    assertAnswered(lastResponse(), 12, "INVITE", ANSWER);
  }

  @Test
  void aSecondReInviteBeforeTheFirstIsAnsweredGets500WithRetryAfter() throws Exception { // RFC 3261 §14.2
    wicCalled();
    socket.receive(fromBob("INVITE", 1, "re1", HOLD));
    socket.receive(fromBob("INVITE", 2, "re2", OFFER));
    SipResponse r = lastResponse();
    assertThat(r.statusCode()).isEqualTo(500);
    assertThat(r.header(HeaderNames.CSEQ)).isEqualTo("2 INVITE");
    assertThat(Integer.parseInt(r.header(HeaderNames.RETRY_AFTER))).isBetween(0, 10);
    media.last().succeed(HELD);
    assertAnswered(lastResponse(), 1, "INVITE", HELD);
  }

  @Test
  void aReInviteWithoutSdpGets488AndTheCallGoesOn() throws Exception { // WIC-64
    bobCalled();
    socket.receive(fromBob("INVITE", 11, "re1", ""));
    SipResponse r = lastResponse();
    assertThat(r.statusCode()).isEqualTo(488);
    assertThat(r.reasonPhrase()).isEqualTo("SDP Offer Required");
    assertThat(media.last().step).isNull();
    assertThat(callState()).isEqualTo(CallState.CONNECTED);
  }

  @Test
  void byeWhileAReInviteIsAnsweredEndsItWith487() throws Exception { // WIC-64 (RFC 3261 §15.1.2)
    wicCalled();
    socket.receive(fromBob("INVITE", 1, "re1", HOLD));
    socket.receive(fromBob("BYE", 2, "bye1", ""));
    assertThat(socket.sip()).filteredOn(m -> m.startsWith("SIP/2.0 487") && m.contains("CSeq: 1 INVITE")).hasSize(1);
    assertThat(callState()).isEqualTo(CallState.ENDED);
  }

  @Test
  void anUpdateWithoutBodyIsASessionRefresh200() throws Exception { // WIC-64 (RFC 3311, RFC 4028)
    bobCalled();
    socket.receive(fromBob("UPDATE", 11, "up1", ""));
    SipResponse ok = lastResponse();
    assertThat(ok.statusCode()).isEqualTo(200);
    assertThat(ok.header(HeaderNames.CSEQ)).isEqualTo("11 UPDATE");
    assertThat(ok.contacts()).hasSize(1);
    assertThat(ok.bodyLength()).isZero();
    assertThat(media.last().step).isNull();
  }

  @Test
  void anUpdateWithAnOfferIsAnsweredLikeAReInviteWithoutAck() throws Exception { // WIC-64 (RFC 3311)
    wicCalled();
    socket.receive(fromBob("UPDATE", 1, "up1", HOLD));
    media.last().succeed(HELD);
    assertAnswered(lastResponse(), 1, "UPDATE", HELD);
    timers.advance(TIMER_F_MILLIS);
    assertThat(sent("BYE")).isEmpty();
    assertThat(callState()).isEqualTo(CallState.CONNECTED);
  }

  @Test
  void methodsNotServedGet405ListingUpdate() throws Exception { // WIC-64 (RFC 3261 §8.2.1)
    wicCalled();
    socket.receive(fromBob("MESSAGE", 1, "m1", ""));
    SipResponse r = lastResponse();
    assertThat(r.statusCode()).isEqualTo(405);
    assertThat(r.header(HeaderNames.ALLOW)).contains("UPDATE").contains("INVITE").contains("BYE");
  }
}
