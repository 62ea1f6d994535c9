package org.webims.wic.ua;

import static org.assertj.core.api.Assertions.assertThat;
import static org.webims.wic.ua.RegistrationAgentTest.ok;
import static org.webims.wic.ua.RegistrationAgentTest.parse;
import static org.webims.wic.ua.RegistrationAgentTest.response;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.webims.sip.message.HeaderNames;
import org.webims.sip.message.SipRequest;
import org.webims.sip.message.SipResponse;
import org.webims.sip.parser.SipParser;
import org.webims.sip.transaction.TransactionTimers;

/**
 * Issue 13 point 1: the WIC's REGISTER and reg SUBSCRIBE run in sip-core's non-INVITE client
 * transactions, its NOTIFYs in server transactions, and the reg subscription is a sip-core subscriber
 * dialog (WIC-16, WIC-19, WIC-45; RFC 3261 §12, RFC 6665 §4.1.2.4). On the virtual clock.
 */
class RegSubscriptionDialogTest extends AgentFixture {

  private static final String ALICE = "sip:alice@ims.example.net";
  private static final String SCSCF_CONTACT = "<sip:scscf.ims.example.net:5060;transport=tcp>";
  /** RFC 3261 Table 4: Timer F, 64*T1, now the transaction layer's. */
  private static final long TIMER_F = 64 * TransactionTimers.DEFAULT_T1;

  private RegistrationAgent agent;

  @BeforeEach
  void newAgent() {
    agent = newAgent(new Random(7));
  }

  private SipRequest registerSent() throws Exception {
    agent.register();
    sessions.answer(FakeSessions.alice(timers.nowMillis() + 300_000));
    socket.accept();
    return parse(socket.last());
  }

  private SipRequest registered() throws Exception {
    SipRequest register = registerSent();
    socket.receive(ok(register, "Contact: " + register.header(HeaderNames.CONTACT) + ";expires=3600",
        "Service-Route: <sip:orig@scscf.ims.example.net;lr>", "P-Associated-URI: <" + ALICE + ">"));
    return register;
  }

  private SipRequest lastSubscribe() throws Exception {
    for (int i = socket.sent.size() - 1; i >= 0; i--) {
      if (socket.sent.get(i).startsWith("SUBSCRIBE ")) {
        return parse(socket.sent.get(i));
      }
    }
    throw new AssertionError("no SUBSCRIBE sent");
  }

  private long subscribes() {
    return socket.sent.stream().filter(m -> m.startsWith("SUBSCRIBE ")).count();
  }

  /** A NOTIFY of the notifier with From tag {@code remoteTag}, within the SUBSCRIBE's dialog. */
  private static String notify(SipRequest subscribe, String remoteTag, int cseq, String... headers) {
    StringBuilder sb = new StringBuilder("NOTIFY ").append(subscribe.header(HeaderNames.CONTACT)
        .substring(1, subscribe.header(HeaderNames.CONTACT).indexOf('>'))).append(" SIP/2.0\r\n")
        .append("Via: SIP/2.0/WSS epcscf.ims.example.net:443;branch=z9hG4bKepn").append(remoteTag).append(cseq)
        .append("\r\n")
        .append("Max-Forwards: 69\r\n")
        .append("From: <" + ALICE + ">;tag=").append(remoteTag).append("\r\n")
        .append("To: ").append(subscribe.header(HeaderNames.FROM)).append("\r\n")
        .append("Call-ID: ").append(subscribe.header(HeaderNames.CALL_ID)).append("\r\n")
        .append("CSeq: ").append(cseq).append(" NOTIFY\r\n")
        .append("Event: reg\r\n")
        .append("Subscription-State: active;expires=600\r\n");
    for (String h : headers) {
      sb.append(h).append("\r\n");
    }
    return sb.append("Content-Length: 0\r\n\r\n").toString();
  }

  private SipResponse lastResponse() throws Exception {
    SipResponse r = (SipResponse) SipParser.DEFAULT.parse(socket.last());
    r.validate();
    return r;
  }

  // ---- Timer F from the transaction layer: the same user-visible result as the WIC's own had

  @Test
  void aProvisionalResponseDoesNotStopTimerFAndALateFinalIsIgnored() throws Exception {
    SipRequest register = registerSent();
    socket.receive(response(register, "100 Trying"));
    timers.advance(TIMER_F - 1);
    assertThat(page.state()).isEqualTo("registering");
    timers.advance(1);
    assertThat(page.state()).isEqualTo("error");
    assertThat(page.reason).isEqualTo("no response");
    assertThat(socket.closeCode).isEqualTo(1000);
    socket.receive(ok(register, "Contact: " + register.header(HeaderNames.CONTACT) + ";expires=3600"));
    assertThat(page.state()).isEqualTo("error");
    assertThat(timers.pending()).isZero();
  }

  @Test
  void closingTheConnectionEndsEveryTransactionWithItsTimers() throws Exception {
    registered();
    // The SUBSCRIBE is unanswered; deregistration's 200 closes the socket: no Timer F may fire later.
    agent.deregister();
    socket.receive(ok(parse(socket.lastRegister())));
    assertThat(page.state()).isEqualTo("deregistered");
    assertThat(timers.pending()).isZero();
  }

  // ---- the subscriber dialog (RFC 3261 §12, RFC 6665)

  @Test
  void aNotifyBeforeThe2xxCreatesTheDialogAndTheRefreshFollowsIt() throws Exception {
    registered();
    SipRequest s = lastSubscribe();
    socket.receive(notify(s, "nt-1", 1, "Contact: " + SCSCF_CONTACT,
        "Record-Route: <sip:epcscf.ims.example.net;lr>", "Record-Route: <sip:scscf.ims.example.net;lr>"));
    assertThat(lastResponse().statusCode()).isEqualTo(200);
    socket.receive(ok(s, "Expires: 1000").replace(";tag=ab03a0", ";tag=nt-1"));
    timers.advance(500_000);
    SipRequest refresh = lastSubscribe();
    assertThat(refresh.cseq().toString()).isEqualTo("2 SUBSCRIBE");
    assertThat(refresh.to().tag()).isEqualTo("nt-1");
    assertThat(refresh.from().tag()).isEqualTo(s.from().tag());
    // RFC 3261 §12.1.1 applied to the NOTIFY: its Record-Route in order, its Contact as the target.
    assertThat(refresh.requestUri().toString()).isEqualTo("sip:scscf.ims.example.net:5060;transport=tcp");
    assertThat(refresh.routes().toString())
        .isEqualTo("[<sip:epcscf.ims.example.net;lr>, <sip:scscf.ims.example.net;lr>]");
  }

  @Test
  void aNotifyBeforeThe2xxThatNeverComesStillMakesTheRefreshAnInDialogRequest() throws Exception {
    registered();
    SipRequest s = lastSubscribe();
    socket.receive(notify(s, "nt-1", 1, "Contact: " + SCSCF_CONTACT));
    assertThat(lastResponse().statusCode()).isEqualTo(200);
    socket.receive(notify(s, "nt-1", 2, "Contact: " + SCSCF_CONTACT));
    assertThat(lastResponse().statusCode()).isEqualTo(200);
  }

  @Test
  void aNotifyForAnUnknownDialogGets481() throws Exception {
    registered();
    SipRequest s = lastSubscribe();
    socket.receive(ok(s, "Expires: 1000", "Contact: " + SCSCF_CONTACT));
    // Same Call-ID, but a From tag that names no dialog of the WIC (RFC 3261 §12.2.2).
    socket.receive(notify(s, "other-notifier", 1, "Contact: " + SCSCF_CONTACT));
    SipResponse answer = lastResponse();
    assertThat(answer.statusCode()).isEqualTo(481);
    assertThat(answer.cseq().toString()).isEqualTo("1 NOTIFY");
    assertThat(page.state()).isEqualTo("registered");
    // The dialog's own notifier is answered 200.
    socket.receive(notify(s, "ab03a0", 1, "Contact: " + SCSCF_CONTACT));
    assertThat(lastResponse().statusCode()).isEqualTo(200);
  }

  @Test
  void aNotifyWhoseToTagIsNotTheSubscribersFromTagGets481() throws Exception {
    registered();
    SipRequest s = lastSubscribe();
    socket.receive(notify(s, "nt-1", 1, "Contact: " + SCSCF_CONTACT).replace(s.from().tag(), "not-mine"));
    assertThat(lastResponse().statusCode()).isEqualTo(481);
  }

  @Test
  void aNotifyWithACSeqBelowTheLastOneGets500() throws Exception {
    registered();
    SipRequest s = lastSubscribe();
    socket.receive(notify(s, "nt-1", 5, "Contact: " + SCSCF_CONTACT));
    socket.receive(notify(s, "nt-1", 4, "Contact: " + SCSCF_CONTACT));
    assertThat(lastResponse().statusCode()).isEqualTo(500);
  }

  @Test
  void aNotifyWhoseDialogHeadersDoNotParseGets400AndChangesNothing() throws Exception {
    registered();
    SipRequest s = lastSubscribe();
    socket.receive(notify(s, "nt-1", 1, "Contact: " + SCSCF_CONTACT).replace("From: <" + ALICE + ">", "From: <" + ALICE));
    // The answer copies the From as received (RFC 3261 §8.2.6.2), so only its status line is read here.
    SipResponse answer = (SipResponse) SipParser.DEFAULT.parse(socket.last());
    assertThat(answer.statusCode()).isEqualTo(400);
    assertThat(answer.reasonPhrase()).isEqualTo("Bad From: missing '>'");
    assertThat(page.state()).isEqualTo("registered");
    socket.receive(notify(s, "nt-1", 2, "Contact: " + SCSCF_CONTACT));
    assertThat(lastResponse().statusCode()).isEqualTo(200);
  }

  @Test
  void a2xxWithoutExpiresIsRefreshedAsForTheRequested600000Seconds() throws Exception {
    registered();
    SipRequest s = lastSubscribe();
    socket.receive(ok(s, "Contact: " + SCSCF_CONTACT));
    // WIC-17's rule for 600000 s: 600 s before expiry.
    timers.advance((600_000 - 600) * 1000L - 1);
    assertThat(subscribes()).isEqualTo(1);
    timers.advance(1);
    assertThat(subscribes()).isEqualTo(2);
  }

  @Test
  void aRefreshThroughAStrictRouterPutsItInTheRequestUri() throws Exception {
    registered();
    SipRequest s = lastSubscribe();
    // RFC 3261 §12.2.1.1: the first route (the UAC reverses Record-Route) has no lr: strict routing.
    socket.receive(ok(s, "Expires: 1000", "Contact: " + SCSCF_CONTACT,
        "Record-Route: <sip:scscf.ims.example.net;lr>", "Record-Route: <sip:strict.ims.example.net>"));
    timers.advance(500_000);
    SipRequest refresh = lastSubscribe();
    assertThat(refresh.requestUri().toString()).isEqualTo("sip:strict.ims.example.net");
    assertThat(refresh.routes().toString())
        .isEqualTo("[<sip:scscf.ims.example.net;lr>, <sip:scscf.ims.example.net:5060;transport=tcp>]");
  }

  @Test
  void aRefreshWithoutAnAnswerEndsTheSubscriptionAfterTimerF() throws Exception {
    registered();
    SipRequest s = lastSubscribe();
    socket.receive(ok(s, "Expires: 1000", "Contact: " + SCSCF_CONTACT));
    timers.advance(500_000);
    assertThat(subscribes()).isEqualTo(2);
    timers.advance(TIMER_F);
    // RFC 6665 §4.1.2.2: a refresh that fails ends the subscription: its NOTIFYs now get 481.
    socket.receive(notify(s, "ab03a0", 3, "Contact: " + SCSCF_CONTACT));
    assertThat(lastResponse().statusCode()).isEqualTo(481);
    assertThat(page.state()).isEqualTo("registered");
    timers.advance(1_000_000);
    assertThat(subscribes()).isEqualTo(2);
  }

  @Test
  void theInitialSubscribeStillGoesAlongTheServiceRoute() throws Exception {
    registered();
    SipRequest s = lastSubscribe();
    assertThat(s.requestUri().toString()).isEqualTo(ALICE);
    assertThat(s.routes().toString()).isEqualTo("[<sip:orig@scscf.ims.example.net;lr>]");
    assertThat(s.headers().get(0).name()).isEqualTo(HeaderNames.VIA);
    assertThat(List.of(s.cseq().toString())).containsExactly("1 SUBSCRIBE");
  }
}
