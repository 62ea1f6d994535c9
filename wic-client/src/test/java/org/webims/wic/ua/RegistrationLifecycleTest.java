package org.webims.wic.ua;

import static org.assertj.core.api.Assertions.assertThat;
import static org.webims.wic.ua.RegistrationAgentTest.ok;
import static org.webims.wic.ua.RegistrationAgentTest.parse;
import static org.webims.wic.ua.RegistrationAgentTest.response;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.webims.sip.message.HeaderNames;
import org.webims.sip.message.SipRequest;
import org.webims.sip.message.SipResponse;
import org.webims.sip.parser.SipParser;

/**
 * Issue 7 on the JVM, every timer on the virtual clock (no waiting): re-registration (WIC-17, 18) with a
 * fresh token each time (WIC-34), the RFC 8898 retry (WIC-32, 33), the reg event (WIC-16, 19, 44, 45),
 * CRLF keep-alive, reconnect with backoff (WIC-09, 10) and the page going away.
 */
class RegistrationLifecycleTest extends AgentFixture {

  private static final String ALICE = "sip:alice@ims.example.net";
  private static final String SERVICE_ROUTE = "<sip:orig@scscf.ims.example.net;lr>";

  private RegistrationAgent agent;
  private int tokens;

  @BeforeEach
  void newAgent() {
    agent = newAgent(new Random(7));
  }

  /** A new token from the WWSF, valid for {@code lifetimeMillis} from now. */
  private WicSession session(long lifetimeMillis) {
    return new WicSession("token-" + ++tokens, "alice_private@ims.example.net", List.of(ALICE, "tel:+15551230001"),
        "wss://localhost:7443", "ims.example.net", timers.nowMillis() + lifetimeMillis);
  }

  private SipRequest registerSent() throws Exception {
    agent.register();
    sessions.answer(session(300_000));
    socket.accept();
    return parse(socket.last());
  }

  /** Registered for {@code granted} seconds; returns the REGISTER. */
  private SipRequest registered(long granted) throws Exception {
    SipRequest register = registerSent();
    grant(register, granted);
    return register;
  }

  private void grant(SipRequest register, long granted) {
    socket.receive(ok(register, "Contact: " + register.header(HeaderNames.CONTACT) + ";expires=" + granted,
        "Service-Route: " + SERVICE_ROUTE, "P-Associated-URI: <" + ALICE + ">, <tel:+15551230001>"));
  }

  private SipRequest lastRegister() throws Exception {
    return parse(socket.lastRegister());
  }

  private SipRequest subscribe() throws Exception {
    for (int i = socket.sent.size() - 1; i >= 0; i--) {
      if (socket.sent.get(i).startsWith("SUBSCRIBE ")) {
        return parse(socket.sent.get(i));
      }
    }
    throw new AssertionError("no SUBSCRIBE sent");
  }

  /** The Contact URI the WIC registered, without its parameters. */
  private static String contactUri(SipRequest register) throws Exception {
    String uri = register.contacts().get(0).address().uri().toString();
    return uri.substring(0, uri.indexOf(';'));
  }

  /** A reg NOTIFY within the WIC's subscription, as the eP-CSCF relays it (checklist §5.7 shape). */
  private static String notify(SipRequest subscribe, int cseq, String subscriptionState, String contact,
      String contactState, String event) throws Exception {
    String body = "<?xml version=\"1.0\"?>\r\n"
        + "<reginfo xmlns=\"urn:ietf:params:xml:ns:reginfo\" version=\"" + cseq + "\" state=\"full\">\r\n"
        + " <registration aor=\"" + ALICE + "\" id=\"a7\" state=\"" + ("active".equals(contactState) ? "active" : "terminated") + "\">\r\n"
        + "  <contact id=\"76\" state=\"" + contactState + "\" event=\"" + event + "\">\r\n"
        + "   <uri>" + contact + ";transport=ws</uri>\r\n"
        + "  </contact>\r\n"
        + " </registration>\r\n"
        + "</reginfo>\r\n";
    return notify(subscribe, cseq, subscriptionState, body);
  }

  /** A reg NOTIFY within the WIC's subscription with {@code body} as its reginfo. */
  private static String notify(SipRequest subscribe, int cseq, String subscriptionState, String body)
      throws Exception {
    return "NOTIFY " + subscribe.contacts().get(0).address().uri() + " SIP/2.0\r\n"
        + "Via: SIP/2.0/WSS epcscf.ims.example.net:443;branch=z9hG4bKepn00" + cseq + "\r\n"
        + "Via: SIP/2.0/TCP scscf.ims.example.net:5060;branch=z9hG4bKsc0n0" + cseq + "\r\n"
        + "Max-Forwards: 69\r\n"
        + "From: <" + ALICE + ">;tag=nt-151170\r\n"
        + "To: " + subscribe.header(HeaderNames.FROM) + "\r\n"
        + "Call-ID: " + subscribe.callId() + "\r\n"
        + "CSeq: " + cseq + " NOTIFY\r\n"
        + "Event: reg\r\n"
        + "Subscription-State: " + subscriptionState + "\r\n"
        + "Content-Type: application/reginfo+xml\r\n"
        + "Content-Length: " + body.getBytes(StandardCharsets.UTF_8).length + "\r\n\r\n" + body;
  }

  // ---- re-registration (WIC-17, 18, 34)

  @ParameterizedTest(name = "granted {0} s: re-REGISTER after {1} s")
  @CsvSource({"3600, 3000", "1201, 601", "1200, 600", "600, 300", "601, 300.5", "60, 30"})
  void reRegistersAtTheWic17InstantWithAFreshTokenOverTheSameConnection(long granted, double afterSeconds)
      throws Exception {
    SipRequest register = registered(granted);
    long at = (long) (afterSeconds * 1000);
    timers.advance(at - 1);
    assertThat(sessions.fetches).isEqualTo(1);
    assertThat(page.state()).isEqualTo("registered");
    timers.advance(1);
    // WIC-34: the token is fetched again before the re-REGISTER, which waits for it.
    assertThat(sessions.fetches).isEqualTo(2);
    assertThat(socket.registers()).hasSize(1);
    sessions.answer(session(300_000));
    SipRequest again = lastRegister();
    assertThat(socket.registers()).hasSize(2);
    assertThat(socket.opened).isEqualTo(1);                                                // WIC-18: same WebSocket
    assertThat(again.callId()).isEqualTo(register.callId());
    assertThat(again.cseq().toString()).isEqualTo("2 REGISTER");
    assertThat(again.header(HeaderNames.CONTACT)).isEqualTo(register.header(HeaderNames.CONTACT));
    assertThat(again.header(HeaderNames.FROM)).isEqualTo(register.header(HeaderNames.FROM));
    assertThat(again.expires()).isEqualTo(600000);
    assertThat(again.header(HeaderNames.AUTHORIZATION)).isEqualTo("Bearer token-2");
    grant(again, granted);
    assertThat(page.state()).isEqualTo("registered");
    assertThat(page.registeredUntil).isEqualTo(timers.nowMillis() + granted * 1000);
  }

  @Test
  void everyReRegisterCarriesTheTokenJustFetchedAndTheNextComesAgainAtTheInstant() throws Exception {
    registered(3600);
    for (int round = 2; round <= 4; round++) {
      timers.advance(3_000_000);
      assertThat(sessions.fetches).isEqualTo(round);
      sessions.answer(session(120_000));
      SipRequest again = lastRegister();
      assertThat(again.header(HeaderNames.AUTHORIZATION)).isEqualTo("Bearer token-" + round);
      assertThat(again.cseq().sequence()).isEqualTo(round);
      grant(again, 3600);
    }
    assertThat(socket.opened).isEqualTo(1);
    assertThat(page.states).containsSubsequence("registered", "registering", "registered", "registering", "registered");
  }

  @Test
  void aTokenThatHasExpiredIsNeverSent() throws Exception {
    registered(3600);
    timers.advance(3_000_000);
    sessions.answer(session(-1));
    assertThat(socket.registers()).hasSize(1);
    assertThat(page.state()).isEqualTo("error");
    assertThat(page.reason).isEqualTo("token expired");
    assertThat(socket.closeCode).isEqualTo(1000);
  }

  @Test
  void whileReRegisteringAnotherProcedureIsRefused() throws Exception {
    registered(600);
    timers.advance(300_000);
    assertThat(page.state()).isEqualTo("registering");
    agent.register();
    agent.deregister();
    assertThat(sessions.fetches).isEqualTo(2);
    assertThat(socket.registers()).hasSize(1);
    assertThat(socket.opened).isEqualTo(1);
  }

  @Test
  void noAnswerToTheReRegisterIsALostConnection() throws Exception {
    registered(600);
    timers.advance(300_000);
    sessions.answer(session(300_000));
    timers.advance(TIMER_F_MILLIS);
    assertThat(page.state()).isEqualTo("reconnecting");
    assertThat(page.reason).isEqualTo("no response");
    assertThat(socket.closeCode).isEqualTo(1000);
  }

  // ---- RFC 8898 (WIC-32, 33)

  @Test
  void bearerChallengeFromTheTrustedWafFetchesOneNewTokenAndRetriesOnce() throws Exception {
    SipRequest first = registerSent();
    socket.receive(response(first, "401 Unauthorized", "WWW-Authenticate: Bearer realm=\"ims.example.net\", "
        + "authz_server=\"" + WAF + "\", error=\"invalid_token\""));
    assertThat(sessions.fetches).isEqualTo(2);
    assertThat(page.state()).isEqualTo("registering");
    sessions.answer(session(300_000));
    SipRequest retry = lastRegister();
    assertThat(retry.callId()).isEqualTo(first.callId());
    assertThat(retry.cseq().toString()).isEqualTo("2 REGISTER");
    assertThat(retry.header(HeaderNames.AUTHORIZATION)).isEqualTo("Bearer token-2");
    // Only once: a second challenge ends the procedure without another fetch.
    socket.receive(response(retry, "401 Unauthorized", "WWW-Authenticate: Bearer realm=\"ims.example.net\", "
        + "authz_server=\"" + WAF + "/\", error=\"invalid_token\""));
    assertThat(page.state()).isEqualTo("error");
    assertThat(page.reason).isEqualTo("401 Unauthorized");
    assertThat(sessions.fetches).isEqualTo(2);
    assertThat(socket.registers()).hasSize(2);
  }

  @Test
  void retriedRegistrationSucceeds() throws Exception {
    SipRequest first = registerSent();
    socket.receive(response(first, "401 Unauthorized",
        "WWW-Authenticate: Digest realm=\"ims.example.net\", nonce=\"abc\", algorithm=MD5",
        "WWW-Authenticate: Bearer realm=\"ims.example.net\", authz_server=\"" + WAF + "/\""));   // WIC-33
    sessions.answer(session(300_000));
    SipRequest retry = lastRegister();
    assertThat(retry.header(HeaderNames.AUTHORIZATION)).startsWith("Bearer ");
    grant(retry, 3600);
    assertThat(page.state()).isEqualTo("registered");
  }

  @Test
  void bearerChallengeFromAnUntrustedServerContactsNothing() throws Exception {
    for (String as : new String[] {"https://evil.example.net", "https://localhost:8443.evil.example", ""}) {
      agent = newAgent(new Random(3));
      int fetches = sessions.fetches;
      SipRequest first = registerSent();
      socket.receive(response(first, "401 Unauthorized",
          "WWW-Authenticate: Bearer realm=\"ims.example.net\", authz_server=\"" + as + "\""));
      assertThat(page.state()).as(as).isEqualTo("error");
      assertThat(page.reason).isEqualTo("401 Unauthorized");
      assertThat(sessions.fetches).as(as).isEqualTo(fetches + 1);
    }
  }

  @Test
  void aWicThatTrustsNoWafNeverRetries() throws Exception {
    config = WicConfig.defaults(null);
    agent = newAgent(new Random(3));
    SipRequest first = registerSent();
    socket.receive(response(first, "401 Unauthorized",
        "WWW-Authenticate: Bearer realm=\"ims.example.net\", authz_server=\"" + WAF + "\""));
    assertThat(page.state()).isEqualTo("error");
    assertThat(sessions.fetches).isEqualTo(1);
  }

  // ---- reg event (WIC-16, 19, 44, 45)

  @Test
  void afterTheFirstRegistrationTheWicSubscribesToItsRegEvent() throws Exception {
    SipRequest register = registered(3600);
    SipRequest s = subscribe();
    s.validate();
    assertThat(s.startLine()).isEqualTo("SUBSCRIBE " + ALICE + " SIP/2.0");
    assertThat(s.header(HeaderNames.ROUTE)).isEqualTo(SERVICE_ROUTE);                         // WIC-15
    assertThat(s.event().eventType()).isEqualTo("reg");                                       // WIC-16
    assertThat(s.header(HeaderNames.ACCEPT)).isEqualTo("application/reginfo+xml");
    assertThat(s.expires()).isEqualTo(600000);
    assertThat(s.from().uri().toString()).isEqualTo(ALICE);
    assertThat(s.from().tag()).isNotEmpty();
    assertThat(s.to().tag()).isNull();
    assertThat(s.callId()).isNotEqualTo(register.callId());
    assertThat(s.cseq().toString()).isEqualTo("1 SUBSCRIBE");
    assertThat(contactUri(s)).isEqualTo(contactUri(register));
    assertThat(s.topVia().host()).isEqualTo(register.topVia().host());
    // A re-registration does not subscribe again.
    timers.advance(3_000_000);
    sessions.answer(session(300_000));
    grant(lastRegister(), 3600);
    assertThat(socket.sent).filteredOn(m -> m.startsWith("SUBSCRIBE ")).hasSize(1);
  }

  @Test
  void theSubscriptionIsRefreshedWithinItsDialogBeforeItExpires() throws Exception {
    registered(3600);
    SipRequest s = subscribe();
    socket.receive(ok(s, "Expires: 1000", "Contact: <sip:scscf.ims.example.net:5060;transport=tcp>",
        "Record-Route: <sip:scscf.ims.example.net;lr>", "Record-Route: <sip:epcscf.ims.example.net;lr>"));
    timers.advance(499_999);
    assertThat(subscribe().cseq().sequence()).isEqualTo(1);
    timers.advance(1);
    SipRequest refresh = subscribe();
    assertThat(refresh.cseq().toString()).isEqualTo("2 SUBSCRIBE");
    assertThat(refresh.callId()).isEqualTo(s.callId());
    assertThat(refresh.startLine()).isEqualTo("SUBSCRIBE sip:scscf.ims.example.net:5060;transport=tcp SIP/2.0");
    // The route set, one Route line per entry (RFC 3261 §12.2.1.1).
    assertThat(refresh.routes().toString())
        .isEqualTo("[<sip:epcscf.ims.example.net;lr>, <sip:scscf.ims.example.net;lr>]");
    assertThat(refresh.to().tag()).isEqualTo("ab03a0");
    assertThat(refresh.from().tag()).isEqualTo(s.from().tag());
    assertThat(refresh.expires()).isEqualTo(600000);
  }

  @Test
  void everyNotifyOfTheSubscriptionGets200() throws Exception {
    SipRequest register = registered(3600);
    SipRequest s = subscribe();
    String full = notify(s, 1, "active;expires=599999", contactUri(register), "active", "registered");
    socket.receive(full);
    SipResponse answer = (SipResponse) SipParser.DEFAULT.parse(socket.last());
    answer.validate();
    SipRequest n = parse(full);
    assertThat(answer.statusCode()).isEqualTo(200);                                           // WIC-19
    assertThat(answer.headerLines(HeaderNames.VIA)).isEqualTo(n.headerLines(HeaderNames.VIA));
    assertThat(answer.header(HeaderNames.FROM)).isEqualTo(n.header(HeaderNames.FROM));
    assertThat(answer.header(HeaderNames.TO)).isEqualTo(n.header(HeaderNames.TO));
    assertThat(answer.callId()).isEqualTo(n.callId());
    assertThat(answer.cseq().toString()).isEqualTo("1 NOTIFY");
    assertThat(page.state()).isEqualTo("registered");
    // Another IMPU's or another device's terminated contact changes nothing here.
    socket.receive(notify(s, 2, "active;expires=599000", "sip:other@else.invalid", "terminated", "rejected"));
    assertThat(socket.last()).startsWith("SIP/2.0 200 OK");
    assertThat(page.state()).isEqualTo("registered");
  }

  @Test
  void deactivatedClosesTheSocketAndStartsANewInitialRegistration() throws Exception {
    SipRequest register = registered(3600);
    SipRequest s = subscribe();
    socket.receive(notify(s, 2, "terminated;reason=deactivated", contactUri(register), "terminated", "deactivated"));
    assertThat(socket.last()).startsWith("SIP/2.0 200 OK");                                  // WIC-19
    assertThat(socket.closeCode).isEqualTo(1000);                                            // WIC-46
    assertThat(page.state()).isEqualTo("connecting");                                        // WIC-44
    assertThat(sessions.fetches).isEqualTo(2);
    sessions.answer(session(300_000));
    socket.accept();
    SipRequest fresh = lastRegister();
    assertThat(socket.opened).isEqualTo(2);
    assertThat(fresh.callId()).isNotEqualTo(register.callId());
    assertThat(fresh.cseq().sequence()).isEqualTo(1);
    assertThat(fresh.expires()).isEqualTo(600000);
    grant(fresh, 3600);
    assertThat(page.state()).isEqualTo("registered");
    assertThat(subscribe().callId()).isNotEqualTo(s.callId());
  }

  @Test
  void rejectedStopsTellsTheUserAndClosesTheSocket() throws Exception {
    SipRequest register = registered(3600);
    SipRequest s = subscribe();
    int sent = socket.sent.size();
    socket.receive(notify(s, 2, "terminated;reason=rejected", contactUri(register), "terminated", "rejected"));
    assertThat(socket.sent).hasSize(sent + 1);
    assertThat(socket.last()).startsWith("SIP/2.0 200 OK");
    assertThat(page.state()).isEqualTo("deregistered");                                      // WIC-44
    assertThat(page.reason).isEqualTo("rejected by the network");
    assertThat(page.uris).isEmpty();
    assertThat(socket.closeCode).isEqualTo(1000);                                            // WIC-46
    timers.advance(86_400_000);
    assertThat(socket.sent).hasSize(sent + 1);
    assertThat(sessions.fetches).isEqualTo(1);
    assertThat(socket.opened).isEqualTo(1);
    assertThat(timers.pending()).isZero();
  }

  /** WIC-44 with a reginfo as Kamailio's ims_registrar_scscf writes it, here with a namespace prefix and single quotes. */
  @Test
  void aPrefixedReginfoFromAStandardCoreEndsTheBinding() throws Exception {
    SipRequest register = registered(3600);
    SipRequest s = subscribe();
    String body = "<?xml version='1.0'?>\n<ri:reginfo xmlns:ri='urn:ietf:params:xml:ns:reginfo' state='full' version='2'>\n"
        + "\t<ri:registration id='0x7f01' state='terminated' aor='" + ALICE + "'>\n"
        + "\t\t<ri:contact expires='0' event='rejected' state='terminated' id='0x7f02'>\n"
        + "\t\t\t<ri:uri>" + register.contacts().get(0).address().uri() + "</ri:uri>\n"
        + "\t\t</ri:contact>\n\t</ri:registration>\n</ri:reginfo>\n";
    socket.receive(notify(s, 2, "terminated;reason=rejected", body));
    assertThat(socket.last()).startsWith("SIP/2.0 200 OK");
    assertThat(page.state()).isEqualTo("deregistered");                                      // WIC-44
    assertThat(page.reason).isEqualTo("rejected by the network");
  }

  /**
   * WIC-44, RFC 5626 §6: the old contact of the WIC's instance and reg-id terminated while a new one of the
   * same instance and reg-id is active is the binding replaced, not ended: the WIC stays registered.
   */
  @Test
  void aBindingReplacedUnderTheSameInstanceAndRegIdIsNotEnded() throws Exception {
    SipRequest register = registered(3600);
    SipRequest s = subscribe();
    String instance = register.contacts().get(0).instance().replace("<", "&lt;").replace(">", "&gt;");
    String params = "<unknown-param name=\"+sip.instance\">\"" + instance + "\"</unknown-param>"
        + "<unknown-param name=\"reg-id\">1</unknown-param>";
    String body = "<reginfo xmlns=\"urn:ietf:params:xml:ns:reginfo\" version=\"2\" state=\"full\">"
        + "<registration aor=\"" + ALICE + "\" id=\"a7\" state=\"active\">"
        + "<contact id=\"76\" state=\"terminated\" event=\"unregistered\"><uri>"
        + register.contacts().get(0).address().uri() + "</uri>" + params + "</contact>"
        + "<contact id=\"77\" state=\"active\" event=\"created\"><uri>sip:n3w@fl0w.invalid;transport=ws</uri>"
        + params + "</contact></registration></reginfo>";
    socket.receive(notify(s, 2, "active;expires=599000", body));
    assertThat(socket.last()).startsWith("SIP/2.0 200 OK");
    assertThat(page.state()).isEqualTo("registered");
    assertThat(socket.closeCode).isEqualTo(-1); // never closed
  }

  @Test
  void aTerminatedSubscriptionIsNotRefreshedNorUnsubscribed() throws Exception {
    SipRequest register = registered(3600);
    SipRequest s = subscribe();
    // The 2xx and the NOTIFY come from one notifier (To tag = NOTIFY's From tag): one dialog.
    socket.receive(ok(s, "Expires: 1000").replace(";tag=ab03a0", ";tag=nt-151170"));
    socket.receive(notify(s, 2, "terminated;reason=timeout", contactUri(register), "active", "registered"));
    assertThat(socket.last()).startsWith("SIP/2.0 200 OK");
    assertThat(page.state()).isEqualTo("registered");
    timers.advance(1_000_000);
    assertThat(socket.sent).filteredOn(m -> m.startsWith("SUBSCRIBE ")).hasSize(1);          // WIC-45
    // A late NOTIFY of the ended subscription is answered 481.
    socket.receive(notify(s, 3, "terminated", contactUri(register), "active", "registered"));
    assertThat(socket.last()).startsWith("SIP/2.0 481 ");
  }

  // ---- keep-alive (RFC 5626 §4.4.1)

  @Test
  void keepAlivesGoOutWhileRegisteredAndAnsweredOnesKeepTheRegistration() throws Exception {
    registered(3600);
    timers.advance(WicConfig.KEEP_ALIVE_INTERVAL_MILLIS - 1);
    assertThat(socket.pings).isZero();
    timers.advance(1);
    assertThat(socket.pings).isEqualTo(1);
    timers.advance(10L * WicConfig.KEEP_ALIVE_INTERVAL_MILLIS);
    assertThat(socket.pings).isEqualTo(11);
    assertThat(page.state()).isEqualTo("registered");
    assertThat(page.log).noneMatch(m -> m.trim().isEmpty());
  }

  @Test
  void aDeadConnectionIsNoticedWithinTheDefaultBoundOf30Seconds() throws Exception {
    registered(3600);
    socket.pong = false;
    timers.advance(29_999);
    assertThat(page.state()).isEqualTo("registered");
    timers.advance(1);
    assertThat(page.state()).isEqualTo("reconnecting");
    assertThat(page.reason).isEqualTo("connection lost");
    assertThat(socket.closeCode).isEqualTo(1000);
  }

  @Test
  void theKeepAliveTimesAreConfigurable() throws Exception {
    config = new WicConfig(5_000, 2_000, 1_000, 8_000, WicConfig.RING_TIMEOUT_MILLIS, WAF);
    agent = newAgent(new Random(7));
    registered(3600);
    timers.advance(15_000);
    assertThat(socket.pings).isEqualTo(3);
    socket.pong = false;
    timers.advance(6_999);
    assertThat(page.state()).isEqualTo("registered");
    timers.advance(1);
    assertThat(page.state()).isEqualTo("reconnecting");
  }

  @Test
  void noKeepAliveBeforeRegistration() throws Exception {
    registerSent();
    timers.advance(TIMER_F_MILLIS - 1);
    assertThat(socket.pings).isZero();
  }

  // ---- reconnect (WIC-09, 10)

  @Test
  void aLostConnectionGetsANewConnectionAndANewInitialRegistration() throws Exception {
    SipRequest register = registered(3600);
    socket.drop();
    assertThat(page.state()).isEqualTo("reconnecting");
    assertThat(page.attempts).containsExactly(1);
    timers.advance(WicConfig.RECONNECT_BASE_MILLIS);
    assertThat(page.state()).isEqualTo("connecting");
    assertThat(sessions.fetches).isEqualTo(2);
    sessions.answer(session(300_000));
    socket.accept();
    SipRequest fresh = lastRegister();
    assertThat(socket.opened).isEqualTo(2);                                                  // WIC-10: new flow
    assertThat(fresh.callId()).isNotEqualTo(register.callId());
    assertThat(fresh.cseq().sequence()).isEqualTo(1);
    assertThat(contactUri(fresh)).isNotEqualTo(contactUri(register));
    assertThat(fresh.contacts().get(0).instance()).isEqualTo(register.contacts().get(0).instance());
    grant(fresh, 3600);
    assertThat(page.state()).isEqualTo("registered");
    // The next loss starts counting from 1 again.
    socket.drop();
    assertThat(page.attempts).containsExactly(1, 1);
  }

  @Test
  void backoffDoublesFromTheBaseUpToTheCapWithJitterBetweenHalfAndFull() throws Exception {
    registered(3600);
    socket.drop();
    long[] waits = {2_000, 4_000, 8_000, 16_000, 32_000, 60_000, 60_000, 60_000};
    for (int n = 1; n <= waits.length; n++) {
      assertThat(page.state()).isEqualTo("reconnecting");
      assertThat(page.attempts).hasSize(n).endsWith(n);
      int fetches = sessions.fetches;
      timers.advance(waits[n - 1] / 2 - 1);
      assertThat(sessions.fetches).as("attempt %d before half the wait", n).isEqualTo(fetches);
      timers.advance(waits[n - 1] / 2 + 1);
      assertThat(sessions.fetches).as("attempt %d by the full wait", n).isEqualTo(fetches + 1);
      sessions.refuse(0, "network error");
    }
  }

  @Test
  void theBackoffSequenceFollowsTheSeededRandom() {
    WicConfig c = WicConfig.defaults(WAF);
    Random random = new Random(42);
    Random same = new Random(42);
    List<Integer> delays = new ArrayList<>();
    for (int n = 1; n <= 8; n++) {
      delays.add(c.reconnectDelayMillis(n, random::nextInt));
    }
    int[] waits = {2_000, 4_000, 8_000, 16_000, 32_000, 60_000, 60_000, 60_000};
    for (int n = 1; n <= 8; n++) {
      int wait = waits[n - 1];
      assertThat(delays.get(n - 1)).isEqualTo(wait / 2 + same.nextInt(wait - wait / 2 + 1)).isBetween(wait / 2, wait);
    }
    assertThat(delays).doesNotHaveDuplicates();
  }

  @Test
  void aConnectionThatCannotBeOpenedWhileReconnectingIsRetried() throws Exception {
    registered(3600);
    socket.drop();
    timers.advance(2_000);
    sessions.answer(session(300_000));
    socket.drop();                                                                           // never opened
    assertThat(page.state()).isEqualTo("reconnecting");
    assertThat(page.attempts).containsExactly(1, 2);
    assertThat(page.reason).isEqualTo("cannot connect");
  }

  @Test
  void signedOutOrRefusedWhileReconnectingStops() throws Exception {
    registered(3600);
    socket.drop();
    timers.advance(2_000);
    sessions.refuse(401, "Unauthorized");
    assertThat(page.state()).isEqualTo("error");
    assertThat(page.reason).isEqualTo("not signed in");
    timers.advance(3_600_000);
    assertThat(sessions.fetches).isEqualTo(2);

    agent = newAgent(new Random(8));
    registered(3600);
    socket.drop();
    timers.advance(2_000);
    sessions.answer(session(300_000));
    socket.accept();
    socket.receive(response(lastRegister(), "403 Forbidden"));
    assertThat(page.state()).isEqualTo("error");
    assertThat(page.reason).isEqualTo("403 Forbidden");
    timers.advance(3_600_000);
    assertThat(timers.pending()).isZero();
  }

  @Test
  void deregisterWhileReconnectingStopsAndRegisterTriesAtOnce() throws Exception {
    registered(3600);
    socket.drop();
    agent.register();                                                                         // WIC-09: now, once
    assertThat(page.state()).isEqualTo("connecting");
    assertThat(sessions.fetches).isEqualTo(2);
    sessions.refuse(0, "network error");
    assertThat(page.state()).isEqualTo("error");
    agent = newAgent(new Random(9));
    registered(3600);
    socket.drop();
    agent.deregister();
    assertThat(page.state()).isEqualTo("deregistered");
    timers.advance(3_600_000);
    assertThat(timers.pending()).isZero();
    assertThat(socket.opened).isEqualTo(2);
  }

  // ---- the page goes away

  @Test
  void pageHiddenSendsTheDeregistrationAndClosesBehindIt() throws Exception {
    SipRequest register = registered(3600);
    agent.pageHidden();
    SipRequest d = lastRegister();
    assertThat(d.expires()).isZero();
    assertThat(d.callId()).isEqualTo(register.callId());
    assertThat(d.cseq().toString()).isEqualTo("2 REGISTER");
    assertThat(socket.closeCode).isEqualTo(1000);
    assertThat(page.state()).isEqualTo("deregistered");
    assertThat(timers.pending()).isZero();
  }

  @Test
  void pageHiddenWithAnExpiredTokenSendsNothingAndWhileReconnectingStops() throws Exception {
    registered(3600);
    timers.advance(300_000);                                                                  // the token's lifetime
    int sent = socket.sent.size();
    agent.pageHidden();
    assertThat(socket.sent).hasSize(sent);
    assertThat(socket.closeCode).isEqualTo(1000);
    assertThat(timers.pending()).isZero();

    agent = newAgent(new Random(9));
    registered(3600);
    socket.drop();
    agent.pageHidden();
    assertThat(timers.pending()).isZero();
  }
}
