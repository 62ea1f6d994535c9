package org.webims.epcscf;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.context.ConfigurableApplicationContext;
import org.webims.epcscf.registration.TlsAssociation;
import org.webims.epcscf.testing.SipTcpTap;
import org.webims.epcscf.testing.TestMessages;
import org.webims.epcscf.testing.WsClient;
import org.webims.ims.ImsCoreApplication;
import org.webims.ims.scscf.ScscfSipService;
import org.webims.ims.testing.TestDigest;
import org.webims.ims.testing.TestSubscribers;
import org.webims.sip.auth.AuthValue;
import org.webims.sip.auth.BearerChallenge;
import org.webims.sip.auth.DigestChallenge;
import org.webims.sip.digest.DigestAlgorithm;
import org.webims.sip.message.HeaderNames;
import org.webims.sip.message.SipResponse;

/**
 * Scenario 1 (SIP Digest with TLS, EPC-09..18) over real WSS against the real IMS core in-process.
 * A TCP tap between the eP-CSCF and the S-CSCF shows the {@code integrity-protected} each REGISTER
 * was forwarded with.
 */
class DigestRegistrationWssTest {

  private static final String ORIGIN = "https://localhost:8443";
  private static final String IMPI = TestSubscribers.ALICE_IMPI;
  private static final String IMPU = TestSubscribers.ALICE_SIP;
  private static final String PASSWORD = TestSubscribers.ALICE_PASSWORD;

  @TempDir
  static Path dir;

  private static ConfigurableApplicationContext ims;
  private static SipTcpTap tap;
  private static ConfigurableApplicationContext context;
  private static EpCscf epcscf;
  private static HttpClient http;
  private static int callIds;

  @BeforeAll
  static void start() throws Exception {
    Path subscribers = Files.writeString(dir.resolve("subscribers.yaml"), String.join("\n",
        "subscribers:",
        "  - impi: " + IMPI,
        "    password: " + PASSWORD,
        "    impus: [ '" + IMPU + "', '" + TestSubscribers.ALICE_TEL + "' ]",
        "    allowed-waf-identities: []",
        ""));
    ims = ImsCoreApplication.builder().run("--webims.ims.sip.port=0",
        "--webims.ims.subscribers-file=" + subscribers,
        "--webims.ims.digest.algorithms=SHA-256,MD5",
        "--spring.datasource.url=jdbc:h2:mem:ep-digest;DB_CLOSE_DELAY=-1");
    InetSocketAddress scscf = ims.getBean(ScscfSipService.class).tcpAddress();
    tap = new SipTcpTap(scscf);
    Path keyStore = dir.resolve("ep-cscf-tls.p12");
    context = EpCscfApplication.builder().run(
        "--server.port=0",
        "--webims.tls.key-store=" + keyStore,
        "--webims.epcscf.core.port=0",
        "--webims.epcscf.core.uri=sip:127.0.0.1:" + tap.port() + ";transport=tcp");
    epcscf = context.getBean(EpCscf.class);
    http = WsClient.httpClient(keyStore, "webims-dev-only");
  }

  @AfterAll
  static void stop() throws Exception {
    context.close();
    tap.close();
    ims.close();
  }

  /** One WIC connection with its own Call-ID and CSeq, as the WIC keeps them (WIC-21). */
  private static final class Wic implements AutoCloseable {
    private final WsClient ws;
    private final String callId = "digest-call-" + (++callIds);
    private int cseq;

    Wic() throws Exception {
      ws = WsClient.connect(http, epcscf.webSocketUri(), "sip", ORIGIN);
    }

    SipResponse register(String authorization, String expires) throws Exception {
      cseq++;
      ws.send(TestMessages.register(authorization, "z9hG4bK" + callId + "x" + cseq, cseq, expires, IMPU)
          .replace("ro5f0ohad43lkhevfara26", callId));
      return ws.nextResponse();
    }

    SipResponse send(String request) throws Exception {
      ws.send(request);
      return ws.nextResponse();
    }

    @Override
    public void close() {
      ws.close();
    }
  }

  private static List<TlsAssociation> associations() {
    return epcscf.tlsAssociations().all().stream().filter(a -> a.impi().equals(IMPI)).toList();
  }

  /** The 401 → answer → 200 round of WIC-20/21 on {@code wic}; returns the challenge answered. */
  private static DigestChallenge registerWithDigest(Wic wic, DigestAlgorithm algorithm) throws Exception {
    SipResponse unauthorized = wic.register(TestDigest.emptyResponse(IMPI, null), "600000");
    assertThat(unauthorized.statusCode()).isEqualTo(401);
    assertThat(tap.lastAuthorization()).doesNotContain("integrity-protected"); // EPC-11
    DigestChallenge challenge = TestDigest.challenge(unauthorized, algorithm);
    SipResponse ok = wic.register(TestDigest.answer(challenge, IMPI, PASSWORD, 1, null), "600000");
    assertThat(ok.statusCode()).isEqualTo(200);
    assertThat(tap.lastAuthorization()).endsWith("integrity-protected=\"tls-pending\""); // EPC-12
    return challenge;
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(value = DigestAlgorithm.class, names = {"SHA_256", "MD5"})
  void registersWithDigestThenReRegistersWithTlsYesAndDeregisters_EPC11_12_13_14_41(DigestAlgorithm algorithm)
      throws Exception {
    try (Wic wic = new Wic()) {
      DigestChallenge challenge = registerWithDigest(wic, algorithm);
      assertThat(associations()).hasSize(1);
      TlsAssociation association = associations().get(0);
      assertThat(association.tlsSessionId()).isNotBlank();
      assertThat(association.sourceIp()).isEqualTo("127.0.0.1");
      assertThat(association.impus()).containsExactly(IMPU, TestSubscribers.ALICE_TEL);

      SipResponse reRegistered = wic.register(TestDigest.answer(challenge, IMPI, PASSWORD, 2, null), "600000");
      assertThat(reRegistered.statusCode()).isEqualTo(200);
      assertThat(tap.lastAuthorization()).endsWith("nc=00000002, integrity-protected=\"tls-yes\""); // EPC-13

      SipResponse deregistered = wic.register(TestDigest.answer(challenge, IMPI, PASSWORD, 3, null), "0");
      assertThat(deregistered.statusCode()).isEqualTo(200);
      assertThat(tap.lastAuthorization()).endsWith("integrity-protected=\"tls-yes\"");
      assertThat(associations()).isEmpty(); // EPC-41
      assertThat(epcscf.registrations().count()).isZero();
    }
  }

  /**
   * EPC-22 with scenario 1 on (the default): an ordinary SIP UA such as JsSIP sends no credentials
   * until challenged, keeps only the last challenge (JsSIP 3.13), answers only MD5, and starts every
   * REGISTER (re-registration and deregistration too) without credentials again.
   */
  @Test
  void anOrdinaryUaRegistersReRegistersAndDeregistersStartingEachRegisterWithoutCredentials_EPC22() throws Exception {
    try (Wic ua = new Wic()) {
      List<String> steps = List.of("600", "600", "0"); // registration, re-registration, deregistration
      for (int step = 0; step < steps.size(); step++) {
        String expires = steps.get(step);
        int forwardedAuthorizations = tap.authorizations().size();
        SipResponse unauthorized = ua.register(null, expires);
        assertThat(unauthorized.statusCode()).as("step %d, Expires %s", step, expires).isEqualTo(401);
        assertThat(tap.authorizations()).hasSize(forwardedAuthorizations); // forwarded without Authorization
        List<AuthValue> challenges = unauthorized.authValues(HeaderNames.WWW_AUTHENTICATE);
        assertThat(challenges).extracting(AuthValue::scheme).containsExactly("Bearer", "Digest", "Digest");
        BearerChallenge bearer = BearerChallenge.from(challenges.get(0));
        assertThat(bearer.realm()).isEqualTo("ims.example.net");
        assertThat(bearer.authzServer()).isEqualTo("https://localhost:8443");
        assertThat(bearer.error()).isNull();

        DigestChallenge md5 = DigestChallenge.from(challenges.get(2)); // the last (SHA-256,MD5 configured)
        assertThat(md5.algorithm()).isEqualTo("MD5");
        SipResponse answered = ua.register(TestDigest.answer(md5, IMPI, PASSWORD, 1, null), expires);
        assertThat(answered.statusCode()).as("step %d, Expires %s", step, expires).isEqualTo(200);
        assertThat(associations()).hasSize(expires.equals("0") ? 0 : 1);
      }
      assertThat(epcscf.registrations().count()).isZero();
    }
  }

  @Test
  void relaysTheChallengeWithTheWicsViaOnlyAndNoCharging_EPC18() throws Exception {
    try (Wic wic = new Wic()) {
      SipResponse unauthorized = wic.register(TestDigest.emptyResponse(IMPI, null), "600000");
      assertThat(unauthorized.statusCode()).isEqualTo(401);
      assertThat(unauthorized.vias()).hasSize(1);
      assertThat(unauthorized.topVia().received()).isEqualTo("127.0.0.1");
      assertThat(unauthorized.authValues(HeaderNames.WWW_AUTHENTICATE)).hasSize(2);
      assertThat(unauthorized.hasHeader(HeaderNames.P_CHARGING_VECTOR)).isFalse();
    }
  }

  @Test
  void treatsANewConnectionWithTheSameImpiAsUnbound_EPC13() throws Exception {
    try (Wic first = new Wic(); Wic second = new Wic()) {
      DigestChallenge challenge = registerWithDigest(first, DigestAlgorithm.SHA_256);

      // The nonce of the first connection answered on the second: a challenge response, but no binding here.
      SipResponse ok = second.register(TestDigest.answer(challenge, IMPI, PASSWORD, 5, null), "600000");
      assertThat(tap.lastAuthorization()).endsWith("integrity-protected=\"tls-pending\"");
      assertThat(ok.statusCode()).isEqualTo(200);
      assertThat(associations()).hasSize(2); // its own association, after its own 200
      assertThat(tap.authorizations().stream().filter(a -> a.contains("tls-yes"))).isEmpty();

      SipResponse dereg = second.register(TestDigest.answer(challenge, IMPI, PASSWORD, 6, null), "0");
      assertThat(dereg.statusCode()).isEqualTo(200);
      assertThat(tap.lastAuthorization()).endsWith("integrity-protected=\"tls-yes\"");
      first.register(TestDigest.answer(challenge, IMPI, PASSWORD, 7, null), "0");
    }
  }

  @Test
  void relaysThe403ForAWrongPasswordAndBindsNothing() throws Exception {
    try (Wic wic = new Wic()) {
      SipResponse unauthorized = wic.register(TestDigest.emptyResponse(IMPI, null), "600000");
      DigestChallenge challenge = TestDigest.challenge(unauthorized, DigestAlgorithm.SHA_256);
      SipResponse refused = wic.register(TestDigest.answer(challenge, IMPI, "wrong-password", 1, null), "600000");
      assertThat(refused.statusCode()).isEqualTo(403);
      assertThat(associations()).isEmpty();
    }
  }

  @Test
  void stripsTheIntegrityProtectedTheWicSent_EPC09() throws Exception {
    try (Wic wic = new Wic()) {
      // A WIC claiming tls-yes on an unbound connection: the S-CSCF sees no marking and challenges.
      SipResponse r = wic.register(TestDigest.emptyResponse(IMPI, null) + ", integrity-protected=\"tls-yes\"", "600000");
      assertThat(r.statusCode()).isEqualTo(401);
      assertThat(tap.lastAuthorization()).doesNotContain("integrity-protected");
    }
  }

  @Test
  void refusesOtherRequestsOnAnUnboundConnectionAndAssertsTheIdentityOnABoundOne_EPC16_EPC17() throws Exception {
    String message = TestMessages.register(null).replace("REGISTER sip:ims.example.net", "MESSAGE sip:bob@ims.example.net")
        .replace("CSeq: 1 REGISTER", "CSeq: 1 MESSAGE").replace("Call-ID: ro5f0ohad43lkhevfara26", "Call-ID: msg-1");
    try (Wic wic = new Wic()) {
      assertThat(wic.send(message).statusCode()).isEqualTo(403); // EPC-16
      DigestChallenge challenge = registerWithDigest(wic, DigestAlgorithm.SHA_256);
      String bob = message.replace("Supported:", "P-Preferred-Identity: <sip:bob@ims.example.net>\r\nSupported:");
      assertThat(wic.send(bob).statusCode()).isEqualTo(403); // EPC-17
      // Forwarded with the asserted identity, which the S-CSCF accepts (SCS-30): it then routes to bob, who is
      // no home IMPU in this test's HSS.
      SipResponse routed = wic.send(message.replace("CSeq: 1", "CSeq: 2"));
      assertThat(routed.statusCode()).isEqualTo(404);
      assertThat(routed.reasonPhrase()).isEqualTo("Not a home public identity");
      wic.register(TestDigest.answer(challenge, IMPI, PASSWORD, 2, null), "0");
    }
  }
}
