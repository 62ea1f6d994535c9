package org.webims.wic.ua;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.webims.sip.auth.BearerCredentials;
import org.webims.sip.header.Contact;
import org.webims.sip.header.Via;
import org.webims.sip.message.Header;
import org.webims.sip.message.HeaderNames;
import org.webims.sip.message.SipRequest;
import org.webims.sip.parser.SipParser;
import org.webims.sip.uri.SipUri;

/** The UA core on the JVM: fakes for the WebSocket, {@code /wic/session}, the clock and the page. */
class RegistrationAgentTest extends AgentFixture {

  private RegistrationAgent agent;

  @BeforeEach
  void newAgent() {
    agent = newAgent(new Random(7));
  }

  /** Click Register, answer the session fetch, accept the WebSocket: the REGISTER is on the wire. */
  private SipRequest registerSent() throws Exception {
    agent.register();
    sessions.answer(FakeSessions.alice(timers.nowMillis() + 300_000));
    socket.accept();
    return parse(socket.last());
  }

  private SipRequest registered() throws Exception {
    SipRequest register = registerSent();
    socket.receive(ok(register, "Contact: " + register.header(HeaderNames.CONTACT) + ";expires=3600",
        "P-Associated-URI: <sip:alice@ims.example.net>, <tel:+15551230001>"));
    return register;
  }

  static SipRequest parse(String text) throws Exception {
    SipRequest request = (SipRequest) SipParser.DEFAULT.parse(text);
    request.validate();
    return request;
  }

  /** A response as the eP-CSCF relays it: Via, From, To (with a tag), Call-ID and CSeq of the request. */
  static String response(SipRequest request, String statusLine, String... headers) {
    StringBuilder sb = new StringBuilder("SIP/2.0 ").append(statusLine).append("\r\n");
    sb.append("Via: ").append(request.header(HeaderNames.VIA)).append("\r\n");
    sb.append("From: ").append(request.header(HeaderNames.FROM)).append("\r\n");
    sb.append("To: ").append(request.header(HeaderNames.TO)).append(";tag=ab03a0\r\n");
    sb.append("Call-ID: ").append(request.header(HeaderNames.CALL_ID)).append("\r\n");
    sb.append("CSeq: ").append(request.header(HeaderNames.CSEQ)).append("\r\n");
    for (String h : headers) {
      sb.append(h).append("\r\n");
    }
    return sb.append("Content-Length: 0\r\n\r\n").toString();
  }

  static String ok(SipRequest request, String... headers) {
    return response(request, "200 OK", headers);
  }

  @Test
  void registerFetchesSessionThenOpensWssWithSubprotocolSip() {
    agent.register();
    assertThat(page.states).containsExactly("connecting");
    assertThat(sessions.fetches).isEqualTo(1);
    assertThat(socket.opened).isZero();
    sessions.answer(FakeSessions.alice(0));
    assertThat(socket.url).isEqualTo("wss://localhost:7443");
    assertThat(socket.requestedProtocol).isEqualTo("sip");
    assertThat(socket.sent).isEmpty();
    socket.accept();
    assertThat(page.states).containsExactly("connecting", "registering");
    assertThat(socket.sent).hasSize(1);
  }

  /** Issue 12 item 11, RFC 7118 §5.2 (WIC-05): the Via transport is WS over ws:// and WSS over wss://. */
  @Test
  void viaTransportIsWsOverAPlainWebSocket() throws Exception {
    agent.register();
    WicSession alice = FakeSessions.alice(timers.nowMillis() + 300_000);
    sessions.answer(new WicSession(alice.token(), alice.impi(), alice.impus(), "ws://localhost:7080",
        alice.realm(), alice.expiresAtMillis()));
    socket.accept();
    SipRequest register = parse(socket.last());
    socket.receive(ok(register, "Contact: " + register.header(HeaderNames.CONTACT) + ";expires=3600"));
    List<String> sent = socket.sip();
    assertThat(sent).hasSize(2);  // the REGISTER and the reg SUBSCRIBE
    for (String text : sent) {
      Via via = parse(text).topVia();
      assertThat(via.protocol() + "/" + via.transport()).isEqualTo("SIP/2.0/WS");
    }
  }

  @Test
  void initialRegisterHasTheChecklistShape() throws Exception {
    SipRequest r = registerSent();
    // §5.1: same header lines in the same order (Supported without gruu: the WIC does not implement it).
    assertThat(names(r)).isEqualTo(names(parse(checklist("5.1-register-bearer"))));
    assertThat(r.startLine()).isEqualTo("REGISTER sip:ims.example.net SIP/2.0");         // WIC-11
    Via via = r.topVia();                                                                 // WIC-05
    assertThat(via.protocol() + "/" + via.transport()).isEqualTo("SIP/2.0/WSS");
    assertThat(via.host()).endsWith(".invalid").hasSizeGreaterThan(".invalid".length() + 8);
    assertThat(via.hasRport()).isTrue();
    assertThat(via.rport()).isLessThan(0);
    assertThat(r.header(HeaderNames.VIA)).contains(";rport;");
    assertThat(via.branch()).startsWith("z9hG4bK").hasSizeGreaterThan(7 + 8);
    assertThat(r.maxForwards()).isEqualTo(70);
    assertThat(r.from().uri().toString()).isEqualTo("sip:alice@ims.example.net");          // WIC-11
    assertThat(r.from().tag()).isNotEmpty();
    assertThat(r.to().uri().toString()).isEqualTo("sip:alice@ims.example.net");
    assertThat(r.to().tag()).isNull();
    assertThat(r.cseq().toString()).isEqualTo("1 REGISTER");
    Contact contact = r.contacts().get(0);                                                // WIC-06
    SipUri uri = (SipUri) contact.address().uri();
    assertThat(uri.host()).isEqualTo(via.host());
    assertThat(uri.user()).isNotEmpty();
    assertThat(uri.transport()).isEqualTo("ws");
    assertThat(contact.instance()).matches("<urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}>");
    assertThat(contact.regId()).isEqualTo(1);
    assertThat(r.expires()).isEqualTo(600000);                                            // WIC-12
    assertThat(r.supported()).containsExactly("path", "outbound");                        // WIC-07
    BearerCredentials bearer = BearerCredentials.from(r.authValues(HeaderNames.AUTHORIZATION).get(0));
    assertThat(bearer.token()).isEqualTo(FakeSessions.TOKEN);                              // WIC-31
    assertThat(r.header(HeaderNames.AUTHORIZATION)).isEqualTo("Bearer " + FakeSessions.TOKEN);
    assertThat(r.bodyLength()).isZero();
    assertThat(r.header(HeaderNames.CONTENT_LENGTH)).isEqualTo("0");
  }

  @Test
  void okTakesExpiryFromOwnContactAndShowsAssociatedUris() throws Exception {
    SipRequest register = registerSent();
    String ours = register.header(HeaderNames.CONTACT);
    long before = timers.nowMillis();
    socket.receive(ok(register,
        "Contact: <sip:other@x.invalid;transport=ws>;expires=100;+sip.instance=\"<urn:uuid:00000000-0000-4000-8000-000000000000>\";reg-id=1",
        "Contact: " + ours + ";expires=3600",
        "Expires: 600000",
        "Service-Route: <sip:orig@scscf.ims.example.net;lr>",
        "P-Associated-URI: <sip:alice@ims.example.net>, <tel:+15551230001>"));
    assertThat(page.state()).isEqualTo("registered");                                     // WIC-13
    assertThat(page.registeredUntil).isEqualTo(before + 3_600_000);
    assertThat(page.uris).containsExactly("sip:alice@ims.example.net", "tel:+15551230001"); // WIC-14
    assertThat(agent.serviceRoutes()).containsExactly("<sip:orig@scscf.ims.example.net;lr>"); // WIC-15
    assertThat(socket.registers()).hasSize(1);
    assertThat(socket.isOpen()).isTrue();
  }

  @Test
  void okWithoutOwnContactIsAnError() throws Exception {
    SipRequest register = registerSent();
    socket.receive(ok(register, "Contact: <sip:other@x.invalid>;expires=100"));
    assertThat(page.state()).isEqualTo("error");
    assertThat(page.reason).isEqualTo("200 OK without own Contact");
  }

  @Test
  void provisionalAndStrayResponsesAreIgnored() throws Exception {
    SipRequest register = registerSent();
    socket.receive(response(register, "100 Trying"));
    socket.receive(ok(register).replace(register.topVia().branch(), "z9hG4bKother"));
    socket.receive("not SIP at all");
    assertThat(page.state()).isEqualTo("registering");
    socket.receive(ok(register, "Contact: " + register.header(HeaderNames.CONTACT) + ";expires=60"));
    assertThat(page.state()).isEqualTo("registered");
  }

  @Test
  void deregisterSendsExpiresZeroSameCallIdNextCSeqAndClosesWith1000AfterOk() throws Exception {
    SipRequest register = registered();
    agent.deregister();
    assertThat(page.state()).isEqualTo("deregistering");
    SipRequest d = parse(socket.last());
    assertThat(names(d)).isEqualTo(names(parse(checklist("5.6-deregister-bearer"))));   // §5.6
    assertThat(d.startLine()).isEqualTo(register.startLine());
    assertThat(d.expires()).isZero();                                                    // WIC-40
    assertThat(d.callId()).isEqualTo(register.callId());
    assertThat(d.cseq().toString()).isEqualTo("2 REGISTER");
    assertThat(d.header(HeaderNames.CONTACT)).isEqualTo(register.header(HeaderNames.CONTACT));
    assertThat(d.header(HeaderNames.FROM)).isEqualTo(register.header(HeaderNames.FROM));
    assertThat(d.header(HeaderNames.AUTHORIZATION)).isEqualTo("Bearer " + FakeSessions.TOKEN); // WIC-42
    assertThat(d.topVia().host()).isEqualTo(register.topVia().host());
    assertThat(d.topVia().branch()).isNotEqualTo(register.topVia().branch());
    assertThat(socket.closeCode).isEqualTo(-1);
    socket.receive(ok(d));
    assertThat(page.state()).isEqualTo("deregistered");                                  // WIC-43
    assertThat(page.uris).isEmpty();
    assertThat(agent.serviceRoutes()).isEmpty();
    assertThat(socket.closeCode).isEqualTo(1000);                                        // WIC-46
    assertThat(socket.registers()).hasSize(2);
  }

  @Test
  void deregisterFetchesAFreshTokenWhenTheOldOneIsAboutToExpire() throws Exception {
    registered();
    timers.advance(290_000);
    agent.deregister();
    assertThat(sessions.fetches).isEqualTo(2);
    assertThat(socket.registers()).hasSize(1);
    sessions.answer(new WicSession("fresh-token-0123456789", "alice_private@ims.example.net",
        List.of("sip:alice@ims.example.net"), "wss://localhost:7443", "ims.example.net", timers.nowMillis() + 600_000));
    assertThat(parse(socket.last()).header(HeaderNames.AUTHORIZATION)).isEqualTo("Bearer fresh-token-0123456789");
  }

  @Test
  void bearerChallengeShowsStatusAndReasonAndSendsNothingMore() throws Exception {
    SipRequest register = registerSent();
    socket.receive(response(register, "401 Unauthorized",
        "WWW-Authenticate: Bearer realm=\"ims.example.net\", error=\"invalid_token\""));
    assertThat(page.state()).isEqualTo("error");
    assertThat(page.reason).isEqualTo("401 Unauthorized");
    timers.advance(120_000);
    assertThat(socket.sent).hasSize(1);
    assertThat(sessions.fetches).isEqualTo(1);
    assertThat(socket.opened).isEqualTo(1);
    assertThat(page.state()).isEqualTo("error");
  }

  @Test
  void forbiddenShowsStatusAndReasonAndSendsNothingMore() throws Exception {
    SipRequest register = registerSent();
    socket.receive(response(register, "403 Forbidden"));
    timers.advance(120_000);
    assertThat(page.states).containsExactly("connecting", "registering", "error");
    assertThat(page.reason).isEqualTo("403 Forbidden");
    assertThat(socket.sent).hasSize(1);
    assertThat(socket.closeCode).isEqualTo(1000);
  }

  @Test
  void socketLossWhileRegisteredIsConnectionLostAndReconnecting() throws Exception {
    registered();
    socket.drop();
    assertThat(page.state()).isEqualTo("reconnecting");                                  // WIC-10
    assertThat(page.reason).isEqualTo("connection lost");
    assertThat(page.attempts).containsExactly(1);
    assertThat(page.states).containsExactly("connecting", "registering", "registered", "reconnecting");
  }

  @Test
  void socketThatNeverOpensCannotConnect() {
    agent.register();
    sessions.answer(FakeSessions.alice(0));
    socket.drop();
    assertThat(page.state()).isEqualTo("error");
    assertThat(page.reason).isEqualTo("cannot connect");
  }

  @Test
  void noFinalResponseWithinTimerFIsAnError() throws Exception {
    registerSent();
    timers.advance(TIMER_F_MILLIS - 1);
    assertThat(page.state()).isEqualTo("registering");
    timers.advance(1);
    assertThat(page.state()).isEqualTo("error");
    assertThat(page.reason).isEqualTo("no response");
    assertThat(socket.closeCode).isEqualTo(1000);
  }

  @Test
  void serverThatDoesNotSelectSipIsClosedWithoutAnySip() {
    agent.register();
    sessions.answer(FakeSessions.alice(0));
    socket.selectedProtocol = "";
    socket.accept();
    assertThat(socket.sent).isEmpty();                                                    // WIC-03
    assertThat(socket.closeCode).isEqualTo(1000);
    assertThat(page.state()).isEqualTo("error");
    assertThat(page.reason).isEqualTo("server did not select subprotocol sip");
  }

  @Test
  void signedOutBrowserShowsNotSignedIn() {
    agent.register();
    sessions.refuse(401, "Unauthorized");
    assertThat(page.state()).isEqualTo("error");
    assertThat(page.reason).isEqualTo("not signed in");
    assertThat(socket.opened).isZero();
  }

  @Test
  void secondRegisterClickWhileBusyIsIgnored() throws Exception {
    agent.register();
    agent.register();
    assertThat(sessions.fetches).isEqualTo(1);
    sessions.answer(FakeSessions.alice(0));
    agent.register();
    socket.accept();
    agent.register();
    agent.deregister();
    assertThat(sessions.fetches).isEqualTo(1);
    assertThat(socket.opened).isEqualTo(1);
    assertThat(socket.sent).hasSize(1);
    SipRequest register = parse(socket.last());
    socket.receive(ok(register, "Contact: " + register.header(HeaderNames.CONTACT) + ";expires=3600"));
    agent.register();
    assertThat(socket.registers()).hasSize(1);
    assertThat(page.states).containsExactly("connecting", "registering", "registered");
  }

  @Test
  void registerAgainAfterErrorStartsAFreshRegistration() throws Exception {
    SipRequest first = registerSent();
    socket.receive(response(first, "403 Forbidden"));
    SipRequest second = registerSent();
    assertThat(socket.opened).isEqualTo(2);
    assertThat(second.cseq().sequence()).isEqualTo(1);
    assertThat(second.header(HeaderNames.CONTACT)).isNotEqualTo(first.header(HeaderNames.CONTACT));
    assertThat(second.contacts().get(0).instance()).isEqualTo(first.contacts().get(0).instance());
  }

  @Test
  void tokenNeverAppearsWholeInTheLog() throws Exception {
    SipRequest register = registered();
    agent.deregister();
    socket.receive(ok(parse(socket.last())));
    assertThat(page.log).hasSize(5);   // 2 REGISTERs and their answers, the reg SUBSCRIBE
    assertThat(page.log.get(0)).startsWith("> REGISTER ").contains("Authorization: Bearer eyJhbGci\u2026\r\n");
    for (String line : page.log) {
      assertThat(line).doesNotContain(FakeSessions.TOKEN).doesNotContain(FakeSessions.TOKEN.substring(0, 9));
    }
    assertThat(register.header(HeaderNames.AUTHORIZATION)).contains(FakeSessions.TOKEN);
  }

  @Test
  void instanceIdIsStableForTheBrowserProfile() throws Exception {
    String first = agent.instance();
    assertThat(stored).containsKey(RegistrationAgent.INSTANCE_KEY);
    assertThat(newAgent(new Random(99)).instance()).isEqualTo(first);
    stored.clear();
    assertThat(newAgent(new Random(99)).instance()).isNotEqualTo(first);
  }

  @Test
  void storedInstanceThatIsNoUuidIsReplaced() {
    stored.put(RegistrationAgent.INSTANCE_KEY, "0000000-0000-4000-8000-000000000000\">;x=");
    String instance = newAgent(new Random(5)).instance();
    assertThat(instance).doesNotContain("\"").matches("<urn:uuid:[0-9a-f-]{36}>");
    assertThat(stored.get(RegistrationAgent.INSTANCE_KEY)).isEqualTo(instance.substring(10, 46));
  }

  @Test
  void signOutDeregistersFirstThenProceeds() throws Exception {
    registered();
    List<String> proceeded = new ArrayList<>();
    agent.signOut(() -> proceeded.add(page.state()));
    assertThat(proceeded).isEmpty();
    assertThat(parse(socket.last()).expires()).isZero();
    socket.receive(ok(parse(socket.last())));
    assertThat(proceeded).containsExactly("deregistered");
    timers.advance(10_000);
    assertThat(proceeded).hasSize(1);
  }

  @Test
  void signOutProceedsAfterFiveSecondsWithoutAnswer() throws Exception {
    registered();
    List<String> proceeded = new ArrayList<>();
    agent.signOut(() -> proceeded.add(page.state()));
    timers.advance(RegistrationAgent.SIGN_OUT_WAIT_MILLIS - 1);
    assertThat(proceeded).isEmpty();
    timers.advance(1);
    assertThat(proceeded).containsExactly("deregistering");
  }

  @Test
  void signOutWithNothingRegisteredProceedsAtOnce() {
    List<String> proceeded = new ArrayList<>();
    agent.signOut(() -> proceeded.add("submitted"));
    assertThat(proceeded).containsExactly("submitted");
    assertThat(socket.sent).isEmpty();
  }

  @Test
  void notifyOfNoSubscriptionOfItsOwnGets481AndChangesNothing() throws Exception {
    registered();
    int before = socket.sent.size();
    socket.receive(checklist("5.7-notify-terminated"));
    assertThat(page.state()).isEqualTo("registered");
    assertThat(socket.sent).hasSize(before + 1);
    assertThat(socket.last()).startsWith("SIP/2.0 481 ").contains("CSeq: 2 NOTIFY\r\n");
    assertThat(page.log.get(page.log.size() - 2)).startsWith("< NOTIFY ");
  }

  @Test
  void otherIncomingRequestsWithoutCallsAreAnswered405() throws Exception {
    // Every request gets an answer (no server transaction waits forever); without a CallAgent only NOTIFY is served.
    registered();
    int before = socket.sent.size();
    socket.receive(checklist("5.7-notify-terminated").replace("NOTIFY", "OPTIONS"));
    assertThat(socket.sent).hasSize(before + 1);
    assertThat(socket.last()).startsWith("SIP/2.0 405 ").contains("Allow: NOTIFY\r\n");
    assertThat(page.log.get(page.log.size() - 2)).startsWith("< OPTIONS ");
  }

  static List<String> names(SipRequest r) {
    List<String> names = new ArrayList<>();
    for (Header h : r.headers()) {
      names.add(h.name());
    }
    return names;
  }

  static String checklist(String id) throws IOException {
    try (InputStream in = RegistrationAgentTest.class.getResourceAsStream("/checklist/" + id + ".sip")) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8).replace("\r\n", "\n").replace("\n", "\r\n");
    }
  }
}
