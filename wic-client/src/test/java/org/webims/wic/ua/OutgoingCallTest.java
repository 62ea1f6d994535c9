package org.webims.wic.ua;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.webims.sip.header.Address;
import org.webims.sip.header.Contact;
import org.webims.sip.message.HeaderNames;
import org.webims.sip.message.SipRequest;
import org.webims.sip.message.SipResponse;

/** The WIC calls (WIC-60, 61, 62, 64, 65, 66) on the JVM: fake WebSocket, virtual clock, scripted media. */
class OutgoingCallTest extends CallFixture {

  static final String RR = "Record-Route: <sip:epcscf.ims.example.net;lr;flow=f1>, <sip:scscf.ims.example.net;lr>";
  static final String BOB_CONTACT = "Contact: <sip:bob@b0b.invalid;transport=ws;ob>";

  @BeforeEach
  void registered() throws Exception {
    register();
  }

  /** Call, the offer gathered, the INVITE on the wire. */
  SipRequest inviteSent(String target) throws Exception {
    calls.call(target);
    media.last().succeed(OFFER);
    return lastRequest();
  }

  /** Bob's 180 and 200 with the answer; the ACK sent and the answer set. */
  SipRequest connected() throws Exception {
    SipRequest invite = inviteSent("bob");
    socket.receive(response(invite, "180 Ringing", "bob1", "", RR, BOB_CONTACT));
    socket.receive(response(invite, "200 OK", "bob1", ANSWER, RR, BOB_CONTACT));
    media.last().succeed(null);
    return invite;
  }

  @Test
  void inviteCarriesTheCompleteOfferContactServiceRouteAndBearer() throws Exception { // WIC-60, WIC-61
    int before = socket.sip().size();
    calls.call("bob");
    assertThat(callState()).isEqualTo(CallState.CALLING);
    assertThat(peer).isEqualTo("sip:bob@ims.example.net");
    assertThat(media.last().step).isEqualTo("offer");
    assertThat(socket.sip()).hasSize(before); // no INVITE before the offer is complete
    media.last().succeed(OFFER);
    SipRequest invite = lastRequest();
    assertThat(invite.method()).isEqualTo("INVITE");
    assertThat(invite.requestUri().toString()).isEqualTo("sip:bob@ims.example.net");
    assertThat(invite.headerLines(HeaderNames.ROUTE)).containsExactly(SERVICE_ROUTE);
    assertThat(invite.supported()).containsExactly("outbound");
    assertThat(invite.from().uri().toString()).isEqualTo("sip:alice@ims.example.net");
    assertThat(invite.from().tag()).isNotNull();
    assertThat(invite.to().tag()).isNull();
    Contact contact = invite.contacts().get(0);
    SipRequest register = sent("REGISTER").get(0);
    assertThat(contact.address().uri().toString())
        .isEqualTo(register.contacts().get(0).address().uri() + ";ob");
    assertThat(contact.instance()).isEqualTo(agent.instance());
    assertThat(invite.header(HeaderNames.AUTHORIZATION)).isEqualTo("Bearer " + FakeSessions.TOKEN);
    assertThat(invite.header(HeaderNames.CONTENT_TYPE)).isEqualTo("application/sdp");
    assertThat(invite.bodyAsString()).isEqualTo(OFFER);
  }

  @Test
  void sipAndTelTargetsAreCalledAsGiven() throws Exception { // WIC-60
    assertThat(inviteSent("tel:+15551230002").requestUri().toString()).isEqualTo("tel:+15551230002");
    calls.hangUp();
    socket.receive(response(sent("INVITE").get(0), "487 Request Terminated", "x", ""));
    assertThat(inviteSent("sip:carol@other.example.org").requestUri().toString())
        .isEqualTo("sip:carol@other.example.org");
  }

  @Test
  void callIsIgnoredUnlessRegisteredAndIdle() throws Exception { // WIC-60
    inviteSent("bob");
    calls.call("carol");
    assertThat(sent("INVITE")).hasSize(1);
    assertThat(media.sessions).hasSize(1);
  }

  @Test
  void provisionalsAlertAndTheTwoHundredIsAckedByTheRouteSet() throws Exception { // WIC-62, WIC-64
    SipRequest invite = inviteSent("bob");
    socket.receive(response(invite, "100 Trying", null, ""));
    assertThat(callState()).isEqualTo(CallState.CALLING);
    socket.receive(response(invite, "183 Session Progress", "bob1", "", RR, BOB_CONTACT));
    assertThat(callState()).isEqualTo(CallState.ALERTING);
    socket.receive(response(invite, "200 OK", "bob1", ANSWER, RR, BOB_CONTACT));
    SipRequest ack = lastRequest();
    assertThat(ack.method()).isEqualTo("ACK");
    assertThat(ack.requestUri().toString()).isEqualTo("sip:bob@b0b.invalid;transport=ws;ob");
    assertThat(ack.headerLines(HeaderNames.ROUTE))
        .containsExactly("<sip:scscf.ims.example.net;lr>", "<sip:epcscf.ims.example.net;lr;flow=f1>");
    assertThat(ack.header(HeaderNames.CSEQ)).isEqualTo("1 ACK");
    assertThat(ack.topVia().branch()).isNotEqualTo(invite.topVia().branch());
    assertThat(ack.header(HeaderNames.AUTHORIZATION)).isEqualTo("Bearer " + FakeSessions.TOKEN); // WIC-61
    assertThat(media.last().step).isEqualTo("accept");
    assertThat(media.last().remote).isEqualTo(ANSWER);
    media.last().succeed(null);
    assertThat(callState()).isEqualTo(CallState.CONNECTED);
    // A retransmitted 200 gets the same ACK again.
    socket.receive(response(invite, "200 OK", "bob1", ANSWER, RR, BOB_CONTACT));
    assertThat(sent("ACK")).hasSize(2);
  }

  @Test
  void aTwoHundredFromASecondForkIsAckedAndEndedWithBye() throws Exception { // WIC-62
    SipRequest invite = connected();
    socket.receive(response(invite, "200 OK", "bob2", ANSWER, "Contact: <sip:bob@tab2.invalid;transport=ws;ob>"));
    SipRequest bye = lastRequest();
    assertThat(bye.method()).isEqualTo("BYE");
    assertThat(bye.to().tag()).isEqualTo("bob2");
    assertThat(bye.requestUri().toString()).isEqualTo("sip:bob@tab2.invalid;transport=ws;ob");
    assertThat(sent("ACK")).extracting(a -> a.to().tag()).containsExactly("bob1", "bob2");
    assertThat(callState()).isEqualTo(CallState.CONNECTED);
  }

  @ParameterizedTest
  @CsvSource({"486 Busy Here, Busy (486)", "603 Decline, Declined (603)", "480 Temporarily Unavailable, Not available (480)",
      "404 Not Found, Not found (404)", "500 Server Internal Error, Server Internal Error (500)"})
  void failureResponsesAreShownInWords(String statusLine, String words) throws Exception { // WIC-62
    SipRequest invite = inviteSent("bob");
    socket.receive(response(invite, "180 Ringing", "bob1", ""));
    socket.receive(response(invite, statusLine, "bob1", ""));
    assertThat(callState()).isEqualTo(CallState.FAILED);
    assertThat(reason).isEqualTo(words);
    assertThat(media.last().closed).isTrue();
    assertThat(lastRequest().method()).isEqualTo("ACK"); // the transaction's ACK for the non-2xx
    // Over: a new call may start.
    inviteSent("carol");
    assertThat(sent("INVITE")).hasSize(2);
  }

  @Test
  void hangUpBeforeAnyProvisionalCancelsWhenOneArrives() throws Exception { // WIC-62 (RFC 3261 §9.1)
    SipRequest invite = inviteSent("bob");
    calls.hangUp();
    assertThat(sent("CANCEL")).isEmpty();
    socket.receive(response(invite, "100 Trying", null, ""));
    assertThat(sent("CANCEL")).isEmpty();
    socket.receive(response(invite, "180 Ringing", "bob1", ""));
    SipRequest cancel = lastRequest();
    assertThat(cancel.method()).isEqualTo("CANCEL");
    assertThat(cancel.topVia().branch()).isEqualTo(invite.topVia().branch());
    assertThat(cancel.header(HeaderNames.CSEQ)).isEqualTo("1 CANCEL");
    assertThat(cancel.requestUri()).isEqualTo(invite.requestUri());
    assertThat(cancel.headerLines(HeaderNames.ROUTE)).containsExactly(SERVICE_ROUTE);
    assertThat(cancel.to().tag()).isNull();
    assertThat(cancel.header(HeaderNames.AUTHORIZATION)).isEqualTo("Bearer " + FakeSessions.TOKEN); // WIC-61
    socket.receive(response(cancel, "200 OK", "bob1", ""));
    socket.receive(response(invite, "487 Request Terminated", "bob1", ""));
    assertThat(callState()).isEqualTo(CallState.ENDED);
    assertThat(reason).isEqualTo("Cancelled");
  }

  @Test
  void hangUpWhileAlertingCancelsAndATwoHundredThatCrossesIsAckedAndByed() throws Exception { // WIC-62
    SipRequest invite = inviteSent("bob");
    socket.receive(response(invite, "180 Ringing", "bob1", "", RR, BOB_CONTACT));
    calls.hangUp();
    assertThat(lastRequest().method()).isEqualTo("CANCEL");
    socket.receive(response(invite, "200 OK", "bob1", ANSWER, RR, BOB_CONTACT));
    assertThat(sent("ACK")).hasSize(1);
    assertThat(lastRequest().method()).isEqualTo("BYE");
    assertThat(callState()).isEqualTo(CallState.ENDED);
  }

  @Test
  void noFinalResponseAfterCancelEndsTheCallAfter64T1() throws Exception { // WIC-62 (RFC 3261 §9.1)
    SipRequest invite = inviteSent("bob");
    socket.receive(response(invite, "180 Ringing", "bob1", ""));
    calls.hangUp();
    timers.advance(TIMER_F_MILLIS - 1);
    assertThat(callState()).isEqualTo(CallState.ALERTING);
    timers.advance(1);
    assertThat(callState()).isEqualTo(CallState.ENDED);
  }

  @Test
  void timerBFailsTheCall() throws Exception { // WIC-62
    inviteSent("bob");
    timers.advance(TIMER_F_MILLIS - 1);
    assertThat(callState()).isEqualTo(CallState.CALLING);
    timers.advance(1);
    assertThat(callState()).isEqualTo(CallState.FAILED);
    assertThat(reason).isEqualTo("No response (timeout)");
    assertThat(agent.state()).isEqualTo(RegistrationState.REGISTERED);
  }

  @Test
  void aMediaFailureBeforeTheOfferSendsNoInvite() throws Exception { // WIC-65
    calls.call("bob");
    media.last().fail("Microphone permission denied");
    assertThat(callState()).isEqualTo(CallState.FAILED);
    assertThat(reason).isEqualTo("Microphone permission denied");
    assertThat(sent("INVITE")).isEmpty();
  }

  @Test
  void hangUpWhileTheOfferIsGatheredEndsTheCallWithoutInvite() throws Exception { // WIC-60, WIC-65
    calls.call("bob");
    calls.hangUp();
    assertThat(callState()).isEqualTo(CallState.ENDED);
    assertThat(media.last().closed).isTrue();
    assertThat(sent("INVITE")).isEmpty();
  }

  @Test
  void anAnswerTheBrowserRefusesEndsTheCallWithBye() throws Exception { // WIC-65
    SipRequest invite = inviteSent("bob");
    socket.receive(response(invite, "200 OK", "bob1", ANSWER, RR, BOB_CONTACT));
    media.last().fail("The answer cannot be used");
    assertThat(lastRequest().method()).isEqualTo("BYE");
    assertThat(callState()).isEqualTo(CallState.FAILED);
    assertThat(reason).isEqualTo("The answer cannot be used");
  }

  @Test
  void muteAndCameraGoToTheMediaSession() throws Exception { // WIC-65
    connected();
    calls.mute(true);
    calls.camera(false);
    calls.mute(false);
    assertThat(media.last().controls).containsExactly("mute true", "camera false", "mute false");
  }

  @Test
  void ownByeFollowsTheRouteSetAndEndsTheCallAtOnce() throws Exception { // WIC-64
    connected();
    calls.hangUp();
    SipRequest bye = lastRequest();
    assertThat(bye.method()).isEqualTo("BYE");
    assertThat(bye.requestUri().toString()).isEqualTo("sip:bob@b0b.invalid;transport=ws;ob");
    assertThat(bye.headerLines(HeaderNames.ROUTE))
        .containsExactly("<sip:scscf.ims.example.net;lr>", "<sip:epcscf.ims.example.net;lr;flow=f1>");
    assertThat(bye.header(HeaderNames.CSEQ)).isEqualTo("2 BYE");
    assertThat(bye.header(HeaderNames.AUTHORIZATION)).isEqualTo("Bearer " + FakeSessions.TOKEN);
    assertThat(callState()).isEqualTo(CallState.ENDED);
    assertThat(media.last().closed).isTrue();
    socket.receive(response(bye, "200 OK", null, ""));
    assertThat(callStates).containsOnlyOnce(CallState.ENDED);
  }

  @Test
  void byeCarriesTheRefreshedToken() throws Exception { // WIC-61
    connected();
    timers.advance(Refresh.delayMillis(3600));
    sessions.answer(new WicSession("refreshed.token.value", "alice_private@ims.example.net",
        java.util.List.of("sip:alice@ims.example.net"), "wss://localhost:7443", "ims.example.net",
        timers.nowMillis() + 7_200_000));
    SipRequest register = sent("REGISTER").get(1);
    socket.receive(RegistrationAgentTest.ok(register, "Contact: " + register.header(HeaderNames.CONTACT) + ";expires=3600"));
    calls.hangUp();
    assertThat(lastRequest().header(HeaderNames.AUTHORIZATION)).isEqualTo("Bearer refreshed.token.value");
  }

  @Test
  void anExpiredTokenIsNotSentOnTheCallsRequests() throws Exception { // WIC-61 with EPC-64
    connected();
    // The re-registration's session fetch gets no answer: the token of the last REGISTER runs out.
    timers.advance(7_200_000);
    assertThat(callState()).isEqualTo(CallState.CONNECTED);
    calls.hangUp();
    SipRequest bye = lastRequest();
    assertThat(bye.method()).isEqualTo("BYE");
    assertThat(bye.header(HeaderNames.AUTHORIZATION)).isNull();
  }

  /** A request from bob inside (or outside) alice's dialog, as the eP-CSCF delivers it. */
  static String inDialog(SipRequest invite, String method, int cseq, String toTag) throws Exception {
    Address from = invite.from();
    return message(method + " " + "sip:alice@a1.invalid;transport=ws SIP/2.0", "",
        "Via: SIP/2.0/WSS epcscf.ims.example.net;branch=z9hG4bK" + method + cseq,
        "Max-Forwards: 69",
        "From: " + invite.header(HeaderNames.TO) + ";tag=" + toTag,
        "To: " + from,
        "Call-ID: " + invite.header(HeaderNames.CALL_ID),
        "CSeq: " + cseq + " " + method);
  }

  @Test
  void byeFromTheOtherSideIsAnswered200AndEndsTheCall() throws Exception { // WIC-64
    SipRequest invite = connected();
    socket.receive(inDialog(invite, "BYE", 1, "bob1"));
    SipResponse ok = lastResponse();
    assertThat(ok.statusCode()).isEqualTo(200);
    assertThat(ok.header(HeaderNames.CSEQ)).isEqualTo("1 BYE");
    assertThat(callState()).isEqualTo(CallState.ENDED);
    assertThat(reason).isEqualTo("Hung up by the other side");
    assertThat(media.last().closed).isTrue();
  }

  @Test
  void requestsForUnknownDialogsGet481() throws Exception { // WIC-64
    SipRequest invite = connected();
    for (String method : new String[] {"BYE", "INFO", "INVITE"}) {
      socket.receive(inDialog(invite, method, 5, "nobody"));
      assertThat(lastResponse().statusCode()).as(method).isEqualTo(481);
    }
    assertThat(callState()).isEqualTo(CallState.CONNECTED);
    socket.receive(inDialog(invite, "BYE", 6, "bob1"));
    socket.receive(inDialog(invite, "BYE", 7, "bob1"));
    assertThat(lastResponse().statusCode()).isEqualTo(481); // the dialog is gone after the first BYE
  }

  @Test
  void infoInTheCallGets200AndAReInvite488() throws Exception { // WIC-64
    SipRequest invite = connected();
    socket.receive(inDialog(invite, "INFO", 2, "bob1"));
    assertThat(lastResponse().statusCode()).isEqualTo(200);
    socket.receive(inDialog(invite, "INVITE", 3, "bob1"));
    assertThat(lastResponse().statusCode()).isEqualTo(488);
    assertThat(callState()).isEqualTo(CallState.CONNECTED);
  }

  @Test
  void aLostWebSocketEndsTheCallAndTheWicReRegisters() throws Exception { // WIC-66, WIC-10
    connected();
    socket.drop();
    assertThat(callState()).isEqualTo(CallState.FAILED);
    assertThat(reason).isEqualTo("Connection lost");
    assertThat(media.last().closed).isTrue();
    assertThat(agent.state()).isEqualTo(RegistrationState.RECONNECTING);
    timers.advance(WicConfig.RECONNECT_BASE_MILLIS);
    sessions.answer(FakeSessions.alice(timers.nowMillis() + 7_200_000));
    socket.accept();
    SipRequest register = lastRequest();
    assertThat(register.method()).isEqualTo("REGISTER");
    socket.receive(RegistrationAgentTest.ok(register, "Contact: " + register.header(HeaderNames.CONTACT) + ";expires=3600"));
    assertThat(agent.state()).isEqualTo(RegistrationState.REGISTERED);
    inviteSent("bob"); // calls work again on the new flow
    assertThat(callState()).isEqualTo(CallState.CALLING);
    assertThat(sent("INVITE")).hasSize(2);
  }
}
