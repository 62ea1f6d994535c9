package org.webims.epcscf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import java.net.http.HttpClient;
import java.net.http.WebSocketHandshakeException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.context.ConfigurableApplicationContext;
import org.webims.epcscf.metrics.EpCscfMetrics;
import org.webims.epcscf.registration.FlowRegistration;
import org.webims.epcscf.testing.FakeScscf;
import org.webims.epcscf.testing.RunningEpCscf;
import org.webims.epcscf.testing.TestConfig;
import org.webims.epcscf.testing.TestMessages;
import org.webims.epcscf.testing.TestTokens;
import org.webims.epcscf.testing.WsClient;
import org.webims.sip.auth.BearerChallenge;
import org.webims.sip.message.HeaderNames;
import org.webims.sip.message.SipRequest;
import org.webims.sip.message.SipResponse;

/**
 * The eP-CSCF over real sockets: WSS with the self-signed certificate server-support generates, a
 * JWKS served by the test, and a fake S-CSCF on TCP. Every bad case of issue 3 gets its status and
 * forwards nothing; a good token is forwarded as a Trusted Node REGISTER with no Bearer anywhere.
 * It runs as a token-only W2 endpoint ({@code digest.enabled=false}); with scenario 1 on, a REGISTER
 * without credentials goes to the S-CSCF instead (DigestRegistrationWssTest, EPC-22).
 */
class EpCscfWssTest {

  private static final String ORIGIN = "https://localhost:8443";

  @TempDir
  static Path dir;

  private static final RSAKey wafKey = TestTokens.newKey("waf-1");
  private static RunningEpCscf running;
  private static FakeScscf scscf;
  private static ConfigurableApplicationContext context;
  private static EpCscf epcscf;
  private static HttpClient http;

  @BeforeAll
  static void start() throws Exception {
    running = RunningEpCscf.start(dir, wafKey, "--webims.epcscf.websocket.max-message-size=8192",
        "--webims.epcscf.digest.enabled=false");
    scscf = running.scscf;
    context = running.context;
    epcscf = running.epcscf;
    http = running.http;
  }

  @AfterAll
  static void stop() throws Exception {
    running.close();
  }

  private static WsClient connect() throws Exception {
    return WsClient.connect(http, epcscf.webSocketUri(), "sip", ORIGIN);
  }

  private static String token(Function<JWTClaimsSet.Builder, JWTClaimsSet.Builder> change) {
    return TestTokens.sign(wafKey, change.apply(TestTokens.claims(Instant.now())).build());
  }

  @Test
  void selectsTheSipSubprotocolOverWss_EPC02() throws Exception {
    assertThat(epcscf.webSocketUri().getScheme()).isEqualTo("wss");
    try (WsClient ws = connect()) {
      assertThat(ws.subprotocol()).isEqualTo("sip");
    }
  }

  @Test
  void readsItsOwnConfigNameNotApplicationProperties() {
    assertThat(context.getEnvironment().getProperty("spring.config.name")).isEqualTo("ep-cscf");
    assertThat(context.getBean(org.webims.epcscf.config.EpCscfProperties.class).homeDomain())
        .isEqualTo("ims.example.net");
  }

  @Test
  void refusesAHandshakeWithoutTheSipSubprotocolWith400_EPC02() {
    assertThatThrownBy(() -> WsClient.connect(http, epcscf.webSocketUri(), null, ORIGIN))
        .isInstanceOf(ExecutionException.class)
        .cause().isInstanceOf(WebSocketHandshakeException.class)
        .satisfies(e -> assertThat(((WebSocketHandshakeException) e).getResponse().statusCode()).isEqualTo(400));
  }

  @Test
  void refusesADisallowedOriginWith403_EPC03() {
    assertThatThrownBy(() -> WsClient.connect(http, epcscf.webSocketUri(), "sip", "https://evil.example.net"))
        .cause().isInstanceOf(WebSocketHandshakeException.class)
        .satisfies(e -> assertThat(((WebSocketHandshakeException) e).getResponse().statusCode()).isEqualTo(403));
  }

  @Test
  void refusesAHandshakeWithoutOriginWith403_EPC03() {
    assertThatThrownBy(() -> WsClient.connect(http, epcscf.webSocketUri(), "sip", null))
        .cause().isInstanceOf(WebSocketHandshakeException.class)
        .satisfies(e -> assertThat(((WebSocketHandshakeException) e).getResponse().statusCode()).isEqualTo(403));
  }

  @Test
  void registersAndDeregistersAsTrustedNodeWithNoBearerTowardTheCore() throws Exception {
    try (WsClient ws = connect()) {
      ws.send(TestMessages.register(TestMessages.bearer(token(c -> c))));

      SipRequest forwarded = scscf.next();
      assertThat(forwarded).isNotNull();
      String wire = forwarded.encode();
      assertThat(wire).doesNotContain("Bearer").doesNotContain("eyJ");
      assertThat(forwarded.vias()).hasSize(2);
      int corePort = epcscf.coreAddress().getPort();
      assertThat(forwarded.vias().get(0).toString())
          .matches("SIP/2\\.0/TCP 127\\.0\\.0\\.1:" + corePort + ";branch=z9hG4bK[A-Za-z0-9_-]+");
      assertThat(forwarded.vias().get(1).toString())
          .matches("SIP/2\\.0/WSS df7jal23ls0d\\.invalid;rport=\\d+;received=127\\.0\\.0\\.1;branch=z9hG4bK56sdasks");
      assertThat(forwarded.maxForwards()).isEqualTo(69);
      assertThat(forwarded.header(HeaderNames.PATH))
          .matches("<sip:fl-[A-Za-z0-9_-]{12}@127\\.0\\.0\\.1:" + corePort + ";transport=tcp;lr;ob>");
      assertThat(forwarded.require()).containsExactly("path");
      assertThat(forwarded.header(HeaderNames.P_VISITED_NETWORK_ID)).isEqualTo("\"ims.example.net\"");
      assertThat(forwarded.pChargingVector().icidValue()).isNotBlank();
      assertThat(forwarded.header(HeaderNames.AUTHORIZATION)).isEqualTo("Digest username=\"alice_private@ims.example.net\", "
          + "realm=\"ims.example.net\", uri=\"sip:ims.example.net\", nonce=\"\", response=\"\", integrity-protected=\"auth-done\", "
          + "authorization-entity=\"localhost\""); // EPC-25 by default: the host of the token's issuer

      SipResponse ok = ws.nextResponse();
      assertThat(ok.statusCode()).isEqualTo(200);
      assertThat(ok.vias()).hasSize(1);
      assertThat(ok.hasHeader(HeaderNames.P_CHARGING_VECTOR)).isFalse();
      assertThat(ok.hasHeader(HeaderNames.P_CHARGING_FUNCTION_ADDRESSES)).isFalse();

      String flowId = forwarded.paths().get(0).uri().toString().substring(4, 19);
      FlowRegistration reg = epcscf.registrations().forFlow(flowId).orElseThrow();
      assertThat(reg.impi()).isEqualTo(TestTokens.IMPI);
      assertThat(reg.associatedUris()).containsExactly(TestTokens.IMPU, TestTokens.TEL_IMPU);
      assertThat(reg.grantedExpires()).isEqualTo(3600);

      ws.send(TestMessages.register(TestMessages.bearer(token(c -> c)), "z9hG4bKdereg3", 3, "0", TestTokens.IMPU));
      assertThat(scscf.next().expires()).isZero();
      assertThat(ws.nextResponse().statusCode()).isEqualTo(200);
      assertThat(epcscf.registrations().forFlow(flowId)).isEmpty(); // EPC-41
    }
  }

  @Test
  void dropsTheRegistrationWhenTheWebSocketCloses_EPC43() throws Exception {
    WsClient ws = connect();
    ws.send(TestMessages.register(TestMessages.bearer(token(c -> c))));
    String flowId = scscf.next().paths().get(0).uri().toString().substring(4, 19);
    assertThat(ws.nextResponse().statusCode()).isEqualTo(200);
    assertThat(epcscf.registrations().forFlow(flowId)).isPresent();

    ws.close();
    await().atMost(Duration.ofSeconds(10)).until(() -> epcscf.registrations().forFlow(flowId).isEmpty());
  }

  static Stream<Arguments> badRegisters() {
    RSAKey attacker = TestTokens.newKey("waf-1");
    RSAKey unknown = TestTokens.newKey("unknown-kid");
    Instant now = Instant.now();
    return Stream.of(
        Arguments.of("no Authorization", null, 401, null),
        Arguments.of("forged signature", TestMessages.bearer(TestTokens.sign(attacker, TestTokens.claims(now).build())), 401, "invalid_token"),
        Arguments.of("unknown kid", TestMessages.bearer(TestTokens.sign(unknown, TestTokens.claims(now).build())), 401, "invalid_token"),
        Arguments.of("expired", TestMessages.bearer(TestTokens.sign(wafKey, TestTokens.claims(now.minusSeconds(900)).build())), 401, "invalid_token"),
        Arguments.of("wrong audience", TestMessages.bearer(TestTokens.sign(wafKey, TestTokens.claims(now).audience("x.example.net").build())), 401, "invalid_token"),
        Arguments.of("wrong issuer", TestMessages.bearer(TestTokens.sign(wafKey, TestTokens.claims(now).issuer("https://evil.example.net").build())), 401, "invalid_token"),
        Arguments.of("missing scope", TestMessages.bearer(TestTokens.sign(wafKey, TestTokens.claims(now).claim("scope", List.of("openid")).build())), 401, "invalid_token"),
        Arguments.of("IMPU not granted", TestMessages.bearer(TestTokens.sign(wafKey, TestTokens.claims(now).claim("impu", List.of("sip:bob@ims.example.net")).build())), 403, null),
        Arguments.of("alg=none", TestMessages.bearer(TestTokens.unsigned(TestTokens.claims(now).build())), 401, "invalid_token"),
        // With scenario 1 off, Digest credentials get the Bearer challenge too; so does any other scheme.
        Arguments.of("Digest only (scenario 1 off)", "Digest username=\"alice_private@ims.example.net\", "
            + "realm=\"ims.example.net\", uri=\"sip:ims.example.net\", nonce=\"\", response=\"\"", 401, null),
        Arguments.of("Basic only (no token)", "Basic YWxpY2U6c2VjcmV0", 401, null));
  }

  @ParameterizedTest(name = "{0} -> {2}, nothing forwarded")
  @MethodSource("badRegisters")
  void answersEveryBadRegisterAndForwardsNothing_EPC21_EPC22_EPC23(String name, String authorization, int status,
      String error) throws Exception {
    try (WsClient ws = connect()) {
      ws.send(TestMessages.register(authorization, "z9hG4bKbad", 1, "600000", TestTokens.IMPU));
      SipResponse r = ws.nextResponse();
      assertThat(r.statusCode()).as(name).isEqualTo(status);
      if (status == 401) {
        assertThat(r.authValues(HeaderNames.WWW_AUTHENTICATE)).as(name).hasSize(1);
        BearerChallenge c = BearerChallenge.from(r.authValues(HeaderNames.WWW_AUTHENTICATE).get(0));
        assertThat(c.realm()).isEqualTo("ims.example.net");
        assertThat(c.authzServer()).isEqualTo("https://localhost:8443");
        assertThat(c.error()).isEqualTo(error);
      }
      // A good REGISTER on the same connection is the first thing the S-CSCF sees: nothing went before it.
      ws.send(TestMessages.register(TestMessages.bearer(token(c -> c)), "z9hG4bKgood", 2, "600000", TestTokens.IMPU));
      assertThat(scscf.next().cseq().sequence()).as(name).isEqualTo(2);
      assertThat(ws.nextResponse().statusCode()).isEqualTo(200);
    }
  }

  @Test
  void answersMalformedSipWith400AndKeepsTheConnectionUsable() throws Exception {
    try (WsClient ws = connect()) {
      ws.send(TestMessages.register(null).replace("CSeq: 1 REGISTER", "CSeq: one REGISTER"));
      SipResponse bad = ws.nextResponse();
      assertThat(bad.statusCode()).isEqualTo(400);
      assertThat(bad.reasonPhrase()).startsWith("Bad CSeq");

      ws.send(TestMessages.register(TestMessages.bearer(token(c -> c))));
      assertThat(scscf.next().cseq().sequence()).isEqualTo(1);
      assertThat(ws.nextResponse().statusCode()).isEqualTo(200);
    }
  }

  /**
   * Issue 12: a REGISTER with 150 Via lines comes back from the core with 150 Vias and the Contacts on top:
   * past the core side's header limit. It is refused at the edge (RFC 3261 §21.5.14) and the flow stays.
   */
  @Test
  void refusesARequestWithTooManyHeaderFieldsWith513BeforeForwardingAndKeepsTheFlow() throws Exception {
    try (WsClient ws = connect()) {
      StringBuilder vias = new StringBuilder();
      for (int i = 0; i < 150; i++) {
        vias.append("Via: SIP/2.0/WSS h").append(i).append(";branch=z9hG4bK").append(i).append("\r\n"); // fits 8 kB
      }
      ws.send(TestMessages.register(TestMessages.bearer(token(c -> c)), "z9hG4bKvias", 1, "600000", TestTokens.IMPU)
          .replace("Max-Forwards:", vias + "Max-Forwards:"));
      SipResponse tooLarge = ws.nextResponse();
      assertThat(tooLarge.statusCode()).isEqualTo(513);
      assertThat(tooLarge.reasonPhrase()).isEqualTo("Message Too Large: more than 64 header fields");

      ws.send(TestMessages.register(TestMessages.bearer(token(c -> c)), "z9hG4bKafter", 2, "600000", TestTokens.IMPU));
      assertThat(scscf.next().cseq().sequence()).isEqualTo(2); // the refused one was never forwarded
      assertThat(ws.nextResponse().statusCode()).isEqualTo(200);
    }
  }

  @Test
  void answersACrlfKeepAlive() throws Exception {
    try (WsClient ws = connect()) {
      ws.send("\r\n\r\n");
      assertThat(ws.next()).isEqualTo("\r\n");
    }
  }

  @Test
  void closesWith1009OnAnOversizeMessage() throws Exception {
    WsClient ws = connect();
    ws.send(TestMessages.register("Bearer " + "A".repeat(9000)));
    assertThat(ws.awaitCloseCode()).isEqualTo(1009);
  }

  @Test
  void reRegisterWithTheSameTokenCostsNoSignatureCheck_EPC27() throws Exception {
    String token = token(c -> c);
    try (WsClient ws = connect()) {
      ws.send(TestMessages.register(TestMessages.bearer(token)));
      scscf.next();
      assertThat(ws.nextResponse().statusCode()).isEqualTo(200);
      EpCscfMetrics metrics = context.getBean(EpCscfMetrics.class);
      double checks = TestConfig.signatureChecks(metrics);
      ws.send(TestMessages.register(TestMessages.bearer(token), "z9hG4bKre2", 2, "600000", TestTokens.IMPU));
      scscf.next();
      assertThat(ws.nextResponse().statusCode()).isEqualTo(200);
      assertThat(TestConfig.signatureChecks(metrics)).isEqualTo(checks);
    }
  }
}
