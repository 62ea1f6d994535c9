package org.webims.wic.ua;

import static org.assertj.core.api.Assertions.assertThat;
import static org.webims.wic.ua.RegistrationAgentTest.checklist;
import static org.webims.wic.ua.RegistrationAgentTest.names;
import static org.webims.wic.ua.RegistrationAgentTest.ok;
import static org.webims.wic.ua.RegistrationAgentTest.parse;
import static org.webims.wic.ua.RegistrationAgentTest.response;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.webims.sip.auth.DigestCredentials;
import org.webims.sip.digest.DigestAlgorithm;
import org.webims.sip.digest.Rfc7616Response;
import org.webims.sip.message.HeaderNames;
import org.webims.sip.message.SipRequest;

/**
 * Scenario 1 (SIP Digest with IMS credentials, WIC-20..25, WIC-42) on the JVM, with the fakes of
 * {@link RegistrationAgentTest}; the IMS credentials and nonces are the conformance checklist's §5.3/§5.4.
 */
class DigestRegistrationTest extends AgentFixture {

  static final String IMPI = "alice_private@ims.example.net";
  static final String PASSWORD = "s3cret-webrtc";
  static final String NONCE = "5f6b1c0e9a7d4e2f8b3c1d0e9f8a7b6c";
  static final String MD5_NONCE = "c1d0e9f8a7b6c5f6b1c0e9a7d4e2f8b3";
  static final String CHALLENGE_SHA256 = "WWW-Authenticate: Digest realm=\"ims.example.net\", nonce=\"" + NONCE
      + "\", algorithm=SHA-256, qop=\"auth\", opaque=\"e3b0c442\"";
  static final String CHALLENGE_MD5 = "WWW-Authenticate: Digest realm=\"ims.example.net\", nonce=\"" + MD5_NONCE
      + "\", algorithm=MD5, qop=\"auth\", opaque=\"e3b0c442\"";

  private RegistrationAgent agent;

  @BeforeEach
  void newAgent() {
    agent = newAgent(new Random(11));
  }

  static WicSession typed(String impi, String impu, String password) {
    return new WicSession(null, impi, List.of(impu), "wss://localhost:7443", "ims.example.net", 0, password);
  }

  private SipRequest registerSent() throws Exception {
    agent.register();
    sessions.answer(typed(IMPI, "sip:alice@ims.example.net", PASSWORD));
    socket.accept();
    return parse(socket.last());
  }

  /** First REGISTER, the §5.3 challenge, the answer on the wire (cnonce {@code 0a4f113b}). */
  private SipRequest answerSent() throws Exception {
    agent.authentication.cnonce = "0a4f113b";
    SipRequest first = registerSent();
    socket.receive(response(first, "401 Unauthorized", CHALLENGE_SHA256, CHALLENGE_MD5));
    return parse(socket.last());
  }

  private SipRequest registered() throws Exception {
    SipRequest answer = answerSent();
    socket.receive(ok(answer, "Contact: " + answer.header(HeaderNames.CONTACT) + ";expires=3600",
        "P-Associated-URI: <sip:alice@ims.example.net>, <tel:+15551230001>"));
    assertThat(page.state()).isEqualTo("registered");
    return answer;
  }

  private static DigestCredentials digest(SipRequest r) throws Exception {
    assertThat(r.authValues(HeaderNames.AUTHORIZATION)).hasSize(1);
    return DigestCredentials.from(r.authValues(HeaderNames.AUTHORIZATION).get(0));
  }

  /** The procedure ended in {@code error: <reason>}, the socket closed with 1000, {@code sent} REGISTERs in all. */
  private void assertFailed(String reason, int sent) {
    assertThat(page.state()).isEqualTo("error");
    assertThat(page.reason).isEqualTo(reason);
    assertThat(socket.sent).hasSize(sent);
    assertThat(socket.closeCode).isEqualTo(1000);
  }

  private static String expected(DigestAlgorithm algorithm, String nonce, String nc, String cnonce) {
    return Rfc7616Response.compute(algorithm, IMPI, "ims.example.net", PASSWORD, "REGISTER", "sip:ims.example.net",
        nonce, nc, cnonce, "auth", null);
  }

  @Test
  void firstRegisterHasTheBearerShapeWithAnEmptyDigestResponse() throws Exception {
    SipRequest r = registerSent();
    assertThat(names(r)).isEqualTo(names(parse(checklist("5.1-register-bearer"))));
    assertThat(r.startLine()).isEqualTo("REGISTER sip:ims.example.net SIP/2.0");
    assertThat(r.from().uri().toString()).isEqualTo("sip:alice@ims.example.net");
    assertThat(r.to().uri().toString()).isEqualTo("sip:alice@ims.example.net");
    assertThat(r.cseq().toString()).isEqualTo("1 REGISTER");
    assertThat(r.expires()).isEqualTo(600000);
    assertThat(r.supported()).containsExactly("path", "outbound");
    assertThat(r.header(HeaderNames.AUTHORIZATION)).isEqualTo("Digest username=\"alice_private@ims.example.net\", "
        + "realm=\"ims.example.net\", uri=\"sip:ims.example.net\", nonce=\"\", response=\"\"");   // WIC-20
    assertThat(digest(r).hasResponse()).isFalse();
    assertThat(socket.last()).doesNotContain("integrity-protected").doesNotContain("Bearer");  // WIC-21
  }

  @Test
  void answerToTheChallengeIsTheChecklistVector() throws Exception {
    SipRequest answer = answerSent();
    SipRequest first = parse(socket.sent.get(0));
    assertThat(answer.callId()).isEqualTo(first.callId());                                   // WIC-22
    assertThat(answer.cseq().toString()).isEqualTo("2 REGISTER");
    assertThat(answer.header(HeaderNames.FROM)).isEqualTo(first.header(HeaderNames.FROM));
    assertThat(answer.header(HeaderNames.CONTACT)).isEqualTo(first.header(HeaderNames.CONTACT));
    assertThat(answer.topVia().branch()).isNotEqualTo(first.topVia().branch());
    assertThat(answer.expires()).isEqualTo(600000);
    assertThat(names(answer)).isEqualTo(names(first));
    DigestCredentials d = digest(answer);
    assertThat(d.username()).isEqualTo(IMPI);
    assertThat(d.realm()).isEqualTo("ims.example.net");
    assertThat(d.uri()).isEqualTo("sip:ims.example.net");
    assertThat(d.nonce()).isEqualTo(NONCE);
    assertThat(d.algorithm()).isEqualTo("SHA-256");                                          // WIC-23
    assertThat(d.qop()).isEqualTo("auth");
    assertThat(d.nc()).isEqualTo("00000001");
    assertThat(d.cnonce()).isEqualTo("0a4f113b");
    assertThat(d.opaque()).isEqualTo("e3b0c442");
    assertThat(d.integrityProtected()).isNull();                                             // WIC-21
    // §5.4's response, and the same as sip-core computes it.
    assertThat(d.response()).isEqualTo("184a6ce536be2bb86580e428b53a5142a64a9f55176929b6bd29b03319a5d49a")
        .isEqualTo(expected(DigestAlgorithm.SHA_256, NONCE, "00000001", "0a4f113b"))
        .isEqualTo(digest(parse(checklist("5.4-register-digest"))).response());
    assertThat(page.state()).isEqualTo("registering");
  }

  /**
   * WIC-23 on the JVM, where sip-core's SHA-512/256 is there: the topmost supported challenge is SHA-512-256. The
   * browser's wic.js is built without it (BrowserHashFunctions), so there the same 401 is answered with SHA-256;
   * WicPageWiringTest and the e2e DigestBrowserRegistrationTest check the served file.
   */
  @Test
  void topmostChallengeWithASupportedAlgorithmIsAnswered() throws Exception {
    agent.authentication.cnonce = "0a4f113b";
    SipRequest first = registerSent();
    socket.receive(response(first, "401 Unauthorized",
        "WWW-Authenticate: Bearer realm=\"ims.example.net\"",
        "WWW-Authenticate: Digest realm=\"ims.example.net\", nonce=\"n-sess\", algorithm=SHA-512-256-sess, qop=\"auth\"",
        "WWW-Authenticate: Digest realm=\"ims.example.net\", nonce=\"n-sha3\", algorithm=SHA3-256, qop=\"auth\"",
        "WWW-Authenticate: Digest realm=\"ims.example.net\", nonce=\"n-512\", algorithm=SHA-512-256, qop=\"auth\"",
        CHALLENGE_SHA256, CHALLENGE_MD5));
    DigestCredentials d = digest(parse(socket.last()));
    assertThat(d.algorithm()).isEqualTo("SHA-512-256");
    assertThat(d.nonce()).isEqualTo("n-512");
    assertThat(d.opaque()).isNull();
    assertThat(socket.last()).doesNotContain("opaque");
    assertThat(d.response()).isEqualTo(expected(DigestAlgorithm.SHA_512_256, "n-512", "00000001", "0a4f113b"));
  }

  @Test
  void md5OnTopIsAnsweredWithMd5() throws Exception {
    agent.authentication.cnonce = "0a4f113b";
    SipRequest first = registerSent();
    socket.receive(response(first, "401 Unauthorized", CHALLENGE_MD5, CHALLENGE_SHA256));
    DigestCredentials d = digest(parse(socket.last()));
    assertThat(d.algorithm()).isEqualTo("MD5");
    assertThat(d.response()).isEqualTo(expected(DigestAlgorithm.MD5, MD5_NONCE, "00000001", "0a4f113b"));
  }

  @Test
  void challengeWithoutASupportedAlgorithmIsAnErrorAndNothingMoreIsSent() throws Exception {
    SipRequest first = registerSent();
    socket.receive(response(first, "401 Unauthorized",
        "WWW-Authenticate: Digest realm=\"ims.example.net\", nonce=\"n\", algorithm=MD5-sess, qop=\"auth\""));
    assertFailed("401 Unauthorized without a supported Digest challenge", 1);
  }

  @Test
  void okAfterTheAnswerRegistersAndEachAnswerHasAFreshCnonce() throws Exception {
    SipRequest first = registerSent();
    socket.receive(response(first, "401 Unauthorized", CHALLENGE_SHA256));
    SipRequest answer = parse(socket.last());
    socket.receive(ok(answer, "Contact: " + answer.header(HeaderNames.CONTACT) + ";expires=3600",
        "P-Associated-URI: <sip:alice@ims.example.net>, <tel:+15551230001>"));
    assertThat(page.states).containsExactly("connecting", "registering", "registered");
    assertThat(page.uris).containsExactly("sip:alice@ims.example.net", "tel:+15551230001");
    agent.deregister();
    String cnonce1 = digest(answer).cnonce();
    String cnonce2 = digest(parse(socket.last())).cnonce();
    assertThat(cnonce1).hasSize(16).isNotEqualTo(cnonce2);
    assertThat(cnonce2).hasSize(16);
  }

  @Test
  void staleChallengeRestartsAtTheNewNonceWithNc1() throws Exception {
    SipRequest answer = answerSent();
    socket.receive(response(answer, "401 Unauthorized", CHALLENGE_SHA256.replace(NONCE, "fresh-nonce")
        + ", stale=true"));
    SipRequest again = parse(socket.last());                                                 // WIC-24
    assertThat(socket.sent).hasSize(3);
    assertThat(again.callId()).isEqualTo(answer.callId());
    assertThat(again.cseq().toString()).isEqualTo("3 REGISTER");
    DigestCredentials d = digest(again);
    assertThat(d.nonce()).isEqualTo("fresh-nonce");
    assertThat(d.nc()).isEqualTo("00000001");
    assertThat(d.response()).isEqualTo(expected(DigestAlgorithm.SHA_256, "fresh-nonce", "00000001", "0a4f113b"));
    socket.receive(ok(again, "Contact: " + again.header(HeaderNames.CONTACT) + ";expires=3600"));
    assertThat(page.state()).isEqualTo("registered");
  }

  @Test
  void secondStaleChallengeInARowIsAFailureNotALoop() throws Exception {
    SipRequest answer = answerSent();
    socket.receive(response(answer, "401 Unauthorized", CHALLENGE_SHA256 + ", stale=true"));
    socket.receive(response(parse(socket.last()), "401 Unauthorized", CHALLENGE_SHA256 + ", stale=true"));
    assertFailed("authentication failed", 3);
  }

  @Test
  void secondNonStaleChallengeIsAnAuthenticationFailureAndNothingMoreIsSent() throws Exception {
    SipRequest answer = answerSent();
    socket.receive(response(answer, "401 Unauthorized", CHALLENGE_SHA256.replace(NONCE, "other"), CHALLENGE_MD5));
    assertFailed("authentication failed", 2);                                                 // WIC-25
    timers.advance(120_000);
    assertThat(socket.sent).hasSize(2);
    assertThat(socket.opened).isEqualTo(1);
    assertThat(page.states).containsExactly("connecting", "registering", "error");
  }

  @Test
  void forbiddenAfterTheAnswerShowsTheReason() throws Exception {
    SipRequest answer = answerSent();
    socket.receive(response(answer, "403 Wrong credentials"));
    assertFailed("403 Wrong credentials", 2);
  }

  @Test
  void deregistrationReusesTheNonceWithNc2AndClosesWith1000() throws Exception {
    SipRequest answer = registered();
    agent.deregister();
    SipRequest d = parse(socket.last());                                                     // WIC-42
    assertThat(d.expires()).isZero();
    assertThat(d.callId()).isEqualTo(answer.callId());
    assertThat(d.cseq().toString()).isEqualTo("3 REGISTER");
    assertThat(d.header(HeaderNames.CONTACT)).isEqualTo(answer.header(HeaderNames.CONTACT));
    DigestCredentials c = digest(d);
    assertThat(c.nonce()).isEqualTo(NONCE);
    assertThat(c.nc()).isEqualTo("00000002");
    assertThat(c.opaque()).isEqualTo("e3b0c442");
    assertThat(c.algorithm()).isEqualTo("SHA-256");
    assertThat(c.response()).isEqualTo(expected(DigestAlgorithm.SHA_256, NONCE, "00000002", "0a4f113b"));
    assertThat(sessions.fetches).isEqualTo(1);
    socket.receive(ok(d));
    assertThat(page.state()).isEqualTo("deregistered");
    assertThat(page.uris).isEmpty();
    assertThat(socket.closeCode).isEqualTo(1000);
    assertThat(socket.registers()).hasSize(3);
  }

  @Test
  void staleChallengeToTheDeregistrationRestartsWithExpiresZero() throws Exception {
    registered();
    agent.deregister();
    socket.receive(response(parse(socket.last()), "401 Unauthorized",
        CHALLENGE_SHA256.replace(NONCE, "later-nonce") + ", stale=true"));
    SipRequest again = parse(socket.last());
    assertThat(again.expires()).isZero();
    assertThat(again.cseq().toString()).isEqualTo("4 REGISTER");
    assertThat(digest(again).nonce()).isEqualTo("later-nonce");
    assertThat(digest(again).nc()).isEqualTo("00000001");
    socket.receive(ok(again));
    assertThat(page.state()).isEqualTo("deregistered");
  }

  @Test
  void registerAgainAfterDeregistrationAsksForTheCredentialsAgain() throws Exception {
    registered();
    agent.deregister();
    socket.receive(ok(parse(socket.last())));
    agent.register();
    assertThat(sessions.fetches).isEqualTo(2);
    sessions.answer(typed(IMPI, "sip:alice@ims.example.net", PASSWORD));
    socket.accept();
    SipRequest fresh = parse(socket.last());
    assertThat(fresh.cseq().sequence()).isEqualTo(1);
    assertThat(digest(fresh).hasResponse()).isFalse();
    assertThat(digest(fresh).nonce()).isEmpty();
  }

  @Test
  void reRegistrationKeepsTheTypedCredentialsAndAnswersTheCachedNonceWithTheNextNc() throws Exception {
    SipRequest answer = registered();
    timers.advance(3_000_000);                                                               // WIC-17: 3600 s granted
    SipRequest again = parse(socket.lastRegister());
    assertThat(sessions.fetches).isEqualTo(1);
    assertThat(again.callId()).isEqualTo(answer.callId());
    assertThat(again.cseq().toString()).isEqualTo("3 REGISTER");
    assertThat(again.expires()).isEqualTo(600000);
    assertThat(digest(again).nonce()).isEqualTo(NONCE);
    assertThat(digest(again).nc()).isEqualTo("00000002");
    socket.receive(ok(again, "Contact: " + again.header(HeaderNames.CONTACT) + ";expires=3600"));
    assertThat(page.state()).isEqualTo("registered");
  }

  @Test
  void reconnectRegistersAgainWithTheTypedCredentialsWithoutAskingForThem() throws Exception {
    registered();
    socket.drop();
    assertThat(page.state()).isEqualTo("reconnecting");
    timers.advance(WicConfig.RECONNECT_BASE_MILLIS);
    assertThat(sessions.fetches).isEqualTo(1);
    assertThat(socket.opened).isEqualTo(2);
    socket.accept();
    SipRequest fresh = parse(socket.lastRegister());
    assertThat(fresh.cseq().sequence()).isEqualTo(1);
    assertThat(digest(fresh).hasResponse()).isFalse();                                       // WIC-20 again
    socket.receive(response(fresh, "401 Unauthorized", CHALLENGE_SHA256));
    assertThat(digest(parse(socket.lastRegister())).response())
        .isEqualTo(expected(DigestAlgorithm.SHA_256, NONCE, "00000001", "0a4f113b"));
  }

  @Test
  void passwordNeverReachesTheLogOrThePage() throws Exception {
    registered();
    agent.deregister();
    socket.receive(ok(parse(socket.last())));
    assertThat(page.log).hasSize(7);   // 3 REGISTERs and their answers, the reg SUBSCRIBE
    assertThat(page.log.get(0)).contains("Authorization: Digest username=\"alice_private@ims.example.net\"");
    for (String line : page.log) {
      assertThat(line).doesNotContain(PASSWORD);
    }
    for (String sent : socket.sent) {
      assertThat(sent).doesNotContain(PASSWORD);
    }
    assertThat(stored.values()).noneMatch(v -> v.contains(PASSWORD));
    assertThat(page.states).noneMatch(s -> s.contains(PASSWORD));
  }

  @Test
  void missingOrUnusableCredentialsAreAnErrorWithoutConnecting() {
    for (WicSession s : List.of(typed("", "sip:alice@ims.example.net", PASSWORD),
        typed(IMPI, "sip:alice@ims.example.net", ""), typed(IMPI, "sip:", PASSWORD),
        typed(IMPI, "tel:+15551230001", PASSWORD), typed("a\r\nX: y", "sip:alice@ims.example.net", PASSWORD))) {
      agent.register();
      sessions.answer(s);
      assertThat(page.state()).isEqualTo("error");
      assertThat(page.reason).isEqualTo("enter IMPI, IMPU (sip:user@domain) and password");
    }
    assertThat(socket.opened).isZero();
  }

  @Test
  void impiWithQuotesIsQuotedNotInjected() throws Exception {
    agent.register();
    sessions.answer(typed("al\"ice", "sip:alice@ims.example.net", PASSWORD));
    socket.accept();
    SipRequest r = parse(socket.last());
    assertThat(digest(r).username()).isEqualTo("al\"ice");
  }
}
