package org.webims.ims;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.webims.ims.testing.TestSubscribers.ALICE_IMPI;
import static org.webims.ims.testing.TestSubscribers.ALICE_PASSWORD;
import static org.webims.ims.testing.TestSubscribers.ALICE_SIP;
import static org.webims.ims.testing.TestSubscribers.ALICE_TEL;
import static org.webims.ims.testing.TestSubscribers.BOB_IMPI;
import static org.webims.ims.testing.TestSubscribers.BOB_SIP;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.context.ConfigurableApplicationContext;
import org.webims.ims.hss.SubscriberRepository;
import org.webims.ims.scscf.Binding;
import org.webims.ims.scscf.Registrar;
import org.webims.ims.scscf.ScscfSipService;
import org.webims.ims.testing.SipTestClient;
import org.webims.ims.testing.TestDigest;
import org.webims.ims.testing.TestRegisters;
import org.webims.ims.testing.TestSubscribers;
import org.webims.sip.auth.DigestChallenge;
import org.webims.sip.digest.DigestAlgorithm;
import org.webims.sip.message.HeaderNames;
import org.webims.sip.message.SipRequest;
import org.webims.sip.message.SipResponse;

/**
 * The IMS core started as another module's test would start it, driven over real UDP and TCP
 * sockets with the checklist §5.2 Trusted Node REGISTER (SCS-05..09) and the §5.3/§5.4 SIP Digest
 * round (SCS-01..04).
 */
class ImsCoreOverSocketsTest {

  static final InetAddress TRUSTED = InetAddress.getLoopbackAddress();
  static InetAddress untrusted;

  @TempDir
  static Path dir;

  static ConfigurableApplicationContext ims;
  static InetSocketAddress udp;
  static InetSocketAddress tcp;
  static Registrar registrar;

  @BeforeAll
  static void start() throws Exception {
    untrusted = InetAddress.getByName("127.0.0.2");
    Path subscribers = Files.writeString(dir.resolve("subscribers.yaml"), TestSubscribers.SEED_YAML);
    ims = ImsCoreApplication.builder().properties(
        "webims.ims.sip.port=0",
        "webims.ims.subscribers-file=" + subscribers,
        "webims.ims.registrar.min-expires=2",
        "spring.datasource.url=jdbc:h2:mem:ims-sockets;DB_CLOSE_DELAY=-1").run();
    ScscfSipService sip = ims.getBean(ScscfSipService.class);
    udp = sip.udpAddress();
    tcp = sip.tcpAddress();
    registrar = ims.getBean(Registrar.class);
  }

  @AfterAll
  static void stop() {
    ims.close();
  }

  static InetSocketAddress server(String transport) {
    return "UDP".equals(transport) ? udp : tcp;
  }

  /** §5.2 for alice with a contact and instance of its own, so tests do not share bindings. */
  static SipRequest.Builder aliceRegister(String transport, String user, long cseq) {
    return TestRegisters.alice(transport, cseq)
        .setHeader(HeaderNames.CALL_ID, "call-" + user)
        .setHeader(HeaderNames.CONTACT, "<sip:" + user + "@df7jal23ls0d.invalid;transport=ws>;+sip.instance=\"<urn:uuid:"
            + UUID.nameUUIDFromBytes(user.getBytes()) + ">\";reg-id=1");
  }

  static SipResponse exchange(String transport, InetAddress from, SipRequest.Builder request) throws Exception {
    try (SipTestClient client = SipTestClient.open(transport, from, server(transport))) {
      return client.exchange(request.build());
    }
  }

  /**
   * Alice's REGISTER relayed by the eP-CSCF for a WIC at {@code wicAddress} (each test its own, so
   * failure counts per client address stay apart) with these Digest credentials, or none when null.
   */
  static SipRequest.Builder digestRegister(String transport, String user, long cseq, String wicAddress,
      String authorization) {
    SipRequest.Builder b = aliceRegister(transport, user, cseq)
        .setHeader(HeaderNames.VIA, "SIP/2.0/" + transport + " epcscf.ims.example.net:5060;branch=z9hG4bKep"
            + Long.toHexString(System.nanoTime()) + ", SIP/2.0/WSS df7jal23ls0d.invalid;rport=52810;received="
            + wicAddress + ";branch=z9hG4bK56sdasks");
    return authorization == null ? b.removeHeader(HeaderNames.AUTHORIZATION)
        : b.setHeader(HeaderNames.AUTHORIZATION, authorization);
  }

  static boolean isBound(String impu, String user) {
    return registrar.bindings(impu).stream().anyMatch(b -> b.uri().startsWith("sip:" + user + "@"));
  }

  @Test
  void listensOnEphemeralUdpAndTcpPortsOfTheConfiguredAddress() {
    assertThat(udp.getPort()).isPositive();
    assertThat(tcp.getPort()).isPositive();
    assertThat(udp.getAddress()).isEqualTo(TRUSTED);
    assertThat(ims.getBean(SubscriberRepository.class).findByImpi(ALICE_IMPI)).isPresent();
  }

  @ParameterizedTest
  @ValueSource(strings = {"UDP", "TCP"})
  void scs05And07TrustedNodeRegisterGetsOkWithPathServiceRouteAndAssociatedUris(String transport) throws Exception {
    String user = "ok-" + transport;

    SipResponse ok = exchange(transport, TRUSTED, aliceRegister(transport, user, 1));

    assertThat(ok.statusCode()).isEqualTo(200);
    assertThat(ok.to().tag()).isNotBlank();
    assertThat(ok.headerLines(HeaderNames.PATH)).containsExactly(TestRegisters.PATH);
    assertThat(ok.header(HeaderNames.SERVICE_ROUTE)).isEqualTo("<sip:orig@scscf.ims.example.net;lr>");
    assertThat(ok.header(HeaderNames.P_ASSOCIATED_URI)).isEqualTo("<" + ALICE_SIP + ">, <" + ALICE_TEL + ">");
    assertThat(ok.require()).containsExactly("outbound");
    assertThat(ok.header(HeaderNames.P_CHARGING_VECTOR)).isEqualTo(TestRegisters.ICID);
    assertThat(ok.header(HeaderNames.P_CHARGING_FUNCTION_ADDRESSES)).isEqualTo("ccf=192.0.2.10");
    assertThat(ok.contacts()).anySatisfy(c -> {
      assertThat(c.address().uri().toString()).startsWith("sip:" + user + "@");
      assertThat(c.expires()).isEqualTo(3600);
    });
    assertThat(isBound(ALICE_SIP, user)).isTrue();
    assertThat(isBound(ALICE_TEL, user)).isTrue();
    Binding binding = registrar.bindings(ALICE_SIP).stream().filter(b -> b.uri().startsWith("sip:" + user + "@"))
        .findFirst().orElseThrow();
    assertThat(binding.path()).containsExactly(TestRegisters.PATH);
  }

  @ParameterizedTest
  @ValueSource(strings = {"UDP", "TCP"})
  void scs05AuthDoneFromAnUntrustedAddressIsForbidden(String transport) throws Exception {
    String user = "untrusted-" + transport;

    SipResponse r = exchange(transport, untrusted, aliceRegister(transport, user, 1));

    assertThat(r.statusCode()).isEqualTo(403);
    assertThat(r.reasonPhrase()).isEqualTo("Untrusted node");
    assertThat(isBound(ALICE_SIP, user)).isFalse();
  }

  @ParameterizedTest
  @ValueSource(strings = {"UDP", "TCP"})
  void scs06BarredWafIdentityIsForbiddenAndAnAllowedOneRegisters(String transport) throws Exception {
    SipRequest.Builder barred = TestRegisters.register(transport, BOB_SIP, BOB_IMPI, 1)
        .setHeader(HeaderNames.CALL_ID, "waf-" + transport)
        .setHeader(HeaderNames.AUTHORIZATION, TestRegisters.tnaAuthorization(BOB_IMPI, "waf.barred.example"));
    SipRequest.Builder allowed = TestRegisters.register(transport, BOB_SIP, BOB_IMPI, 2)
        .setHeader(HeaderNames.CALL_ID, "waf-" + transport)
        .setHeader(HeaderNames.AUTHORIZATION, TestRegisters.tnaAuthorization(BOB_IMPI, TestSubscribers.ALLOWED_WAF));

    SipResponse r403 = exchange(transport, TRUSTED, barred);
    SipResponse r200 = exchange(transport, TRUSTED, allowed);

    assertThat(r403.statusCode()).isEqualTo(403);
    assertThat(r403.reasonPhrase()).isEqualTo("WAF not allowed for this subscriber");
    assertThat(r200.statusCode()).isEqualTo(200);
  }

  @ParameterizedTest
  @ValueSource(strings = {"UDP", "TCP"})
  void scs08IntervalBelowTheMinimumGetsIntervalTooBrief(String transport) throws Exception {
    SipResponse r = exchange(transport, TRUSTED,
        aliceRegister(transport, "brief-" + transport, 1).setHeader(HeaderNames.EXPIRES, "1"));

    assertThat(r.statusCode()).isEqualTo(423);
    assertThat(r.header(HeaderNames.MIN_EXPIRES)).isEqualTo("2");
  }

  @ParameterizedTest
  @ValueSource(strings = {"UDP", "TCP"})
  void scs09DeregistrationRemovesTheBinding(String transport) throws Exception {
    String user = "dereg-" + transport;
    assertThat(exchange(transport, TRUSTED, aliceRegister(transport, user, 1)).statusCode()).isEqualTo(200);
    assertThat(isBound(ALICE_SIP, user)).isTrue();

    SipResponse ok = exchange(transport, TRUSTED, aliceRegister(transport, user, 2).setHeader(HeaderNames.EXPIRES, "0"));

    assertThat(ok.statusCode()).isEqualTo(200);
    assertThat(isBound(ALICE_SIP, user)).isFalse();
    assertThat(isBound(ALICE_TEL, user)).isFalse();
  }

  @ParameterizedTest
  @ValueSource(strings = {"UDP", "TCP"})
  void bindingLapsesAtItsGrantedExpiry(String transport) throws Exception {
    String user = "lapse-" + transport;

    SipResponse ok = exchange(transport, TRUSTED, aliceRegister(transport, user, 1).setHeader(HeaderNames.EXPIRES, "2"));

    assertThat(ok.statusCode()).isEqualTo(200);
    await().atMost(Duration.ofSeconds(10)).until(() -> !isBound(ALICE_SIP, user));
    assertThat(isBound(ALICE_TEL, user)).isFalse();
  }

  @Test
  void aRetransmittedUdpRegisterGetsTheSameAnswerFromItsTransaction() throws Exception {
    SipRequest register = aliceRegister("UDP", "retransmit", 1).build();
    try (SipTestClient client = SipTestClient.open("UDP", TRUSTED, udp)) {
      SipResponse first = client.exchange(register);
      SipResponse again = client.exchange(register);

      assertThat(again).isEqualTo(first);
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"UDP", "TCP"})
  void otherMethodsGetMethodNotAllowedWithAllow(String transport) throws Exception {
    SipResponse r = exchange(transport, TRUSTED, aliceRegister(transport, "options", 1).method("OPTIONS")
        .setHeader(HeaderNames.CSEQ, "1 OPTIONS"));

    assertThat(r.statusCode()).isEqualTo(405);
    assertThat(r.header(HeaderNames.ALLOW)).isEqualTo("REGISTER, SUBSCRIBE");
  }

  @ParameterizedTest
  @ValueSource(strings = {"UDP", "TCP"})
  void invalidRequestGetsBadRequestWithTheParserReason(String transport) throws Exception {
    SipResponse r = exchange(transport, TRUSTED, aliceRegister(transport, "invalid", 1)
        .setHeader(HeaderNames.CSEQ, "1 OPTIONS"));

    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(r.reasonPhrase()).isEqualTo("Bad CSeq: method does not match request line");
  }

  @Test
  void unparsableUdpRequestGetsBadRequest() throws Exception {
    String text = "REGISTER sip:ims.example.net SIP/2.0\r\n"
        + "Via: SIP/2.0/UDP 127.0.0.1:5999;branch=z9hG4bKbad1\r\n"
        + "From: <sip:alice@ims.example.net>;tag=1\r\n"
        + "To: <sip:alice@ims.example.net>\r\n"
        + "Call-ID: bad-1\r\n"
        + "CSeq: x REGISTER\r\n"
        + "Content-Length: 0\r\n\r\n";
    try (SipTestClient client = SipTestClient.open("UDP", TRUSTED, udp)) {
      SipResponse r = client.exchangeRaw(text);

      assertThat(r.statusCode()).isEqualTo(400);
      assertThat(r.reasonPhrase()).startsWith("Bad CSeq");
    }
  }

  @ParameterizedTest
  @CsvSource({"UDP, MD5", "TCP, MD5", "UDP, SHA-256", "TCP, SHA-256", "UDP, SHA-512-256", "TCP, SHA-512-256"})
  void scs01To03DigestChallengeThenCorrectResponseRegisters(String transport, String algorithm) throws Exception {
    String user = "digest-" + transport + "-" + algorithm;
    String wic = "198.51.100.101";

    SipResponse unauthorized = exchange(transport, TRUSTED,
        digestRegister(transport, user, 1, wic, TestDigest.emptyResponse(ALICE_IMPI, null)));
    DigestChallenge challenge = TestDigest.challenge(unauthorized, DigestAlgorithm.fromToken(algorithm));
    SipResponse ok = exchange(transport, TRUSTED, digestRegister(transport, user, 2, wic,
        TestDigest.answer(challenge, ALICE_IMPI, ALICE_PASSWORD, 1, "tls-pending")));

    assertThat(unauthorized.statusCode()).isEqualTo(401);
    assertThat(TestDigest.challenges(unauthorized)).extracting(DigestChallenge::algorithm)
        .containsExactly("SHA-512-256", "SHA-256", "MD5");
    assertThat(TestDigest.challenges(unauthorized)).extracting(DigestChallenge::nonce).doesNotHaveDuplicates();
    assertThat(ok.statusCode()).isEqualTo(200);
    assertThat(ok.header(HeaderNames.P_ASSOCIATED_URI)).isEqualTo("<" + ALICE_SIP + ">, <" + ALICE_TEL + ">");
    assertThat(isBound(ALICE_SIP, user)).isTrue();
  }

  @ParameterizedTest
  @ValueSource(strings = {"UDP", "TCP"})
  void scs03WrongPasswordIsForbiddenAfterTheChallengeRound(String transport) throws Exception {
    String user = "wrong-" + transport;
    String wic = "198.51.100.102";

    SipResponse unauthorized = exchange(transport, TRUSTED, digestRegister(transport, user, 1, wic, null));
    DigestChallenge challenge = TestDigest.challenge(unauthorized, DigestAlgorithm.SHA_256);
    SipResponse r = exchange(transport, TRUSTED, digestRegister(transport, user, 2, wic,
        TestDigest.answer(challenge, ALICE_IMPI, "not-the-password", 1, "tls-pending")));

    assertThat(unauthorized.statusCode()).isEqualTo(401);
    assertThat(r.statusCode()).isEqualTo(403);
    assertThat(r.reasonPhrase()).isEqualTo("Wrong credentials");
    assertThat(isBound(ALICE_SIP, user)).isFalse();
  }

  @Test
  void scs04TlsYesReRegistrationAndDeregistrationReuseTheNonceOnOneConnection() throws Exception {
    String user = "tls-yes";
    String wic = "198.51.100.103";
    try (SipTestClient client = SipTestClient.open("TCP", TRUSTED, tcp)) {
      DigestChallenge challenge = TestDigest.challenge(client.exchange(
          digestRegister("TCP", user, 1, wic, TestDigest.emptyResponse(ALICE_IMPI, null)).build()),
          DigestAlgorithm.SHA_512_256);
      SipResponse registered = client.exchange(digestRegister("TCP", user, 2, wic,
          TestDigest.answer(challenge, ALICE_IMPI, ALICE_PASSWORD, 1, "tls-pending")).build());
      SipResponse reRegistered = client.exchange(digestRegister("TCP", user, 3, wic,
          TestDigest.answer(challenge, ALICE_IMPI, ALICE_PASSWORD, 2, "tls-yes")).build());
      SipResponse replayed = client.exchange(digestRegister("TCP", user, 4, wic,
          TestDigest.answer(challenge, ALICE_IMPI, ALICE_PASSWORD, 2, "tls-yes")).setHeader(HeaderNames.EXPIRES, "0")
          .build());
      assertThat(isBound(ALICE_SIP, user)).isTrue();
      SipResponse deregistered = client.exchange(digestRegister("TCP", user, 5, wic,
          TestDigest.answer(challenge, ALICE_IMPI, ALICE_PASSWORD, 3, "tls-yes")).setHeader(HeaderNames.EXPIRES, "0")
          .build());

      assertThat(registered.statusCode()).isEqualTo(200);
      assertThat(reRegistered.statusCode()).isEqualTo(200);
      assertThat(replayed.statusCode()).isEqualTo(401);
      assertThat(deregistered.statusCode()).isEqualTo(200);
      assertThat(isBound(ALICE_SIP, user)).isFalse();
    }
  }
}
