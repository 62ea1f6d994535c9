package org.webims.e2e.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.http.WebSocketHandshakeException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;
import org.webims.e2e.support.TokenEpCscf;
import org.webims.e2e.support.WicRegister;
import org.webims.e2e.support.WsSipClient;
import org.webims.epcscf.EpCscf;
import org.webims.ims.ImsCoreApplication;
import org.webims.ims.scscf.RegEventNotifier;
import org.webims.ims.scscf.Registrar;
import org.webims.ims.metrics.ImsMetrics;
import org.webims.ims.scscf.ScscfSipService;
import org.webims.sip.auth.AuthValue;
import org.webims.sip.auth.BearerChallenge;
import org.webims.sip.message.HeaderNames;
import org.webims.sip.message.SipMessage;
import org.webims.sip.message.SipRequest;
import org.webims.sip.message.SipResponse;
import org.webims.sip.parser.SipParser;
import org.webims.waf.pool.ImpuLease;
import org.webims.waf.pool.ImpuLeaseService;
import org.webims.waf.pool.LeaseState;
import org.webims.waf.testing.TestSeedFile;
import org.webims.waf.testing.WafTestServer;
import org.webims.waf.testing.WafTokenClient;

/**
 * Issue 3 end to end at the SIP level, the three components running on real sockets: a real WAF
 * (HTTPS, authorization code + PKCE), the eP-CSCF (WSS) and the IMS core (TCP). Tokens come from
 * the WAF; tokens with other claims come from further WAF instances on the same database, hence
 * signed with the same key.
 */
class TokenRegistrationSystemTest {

  private static final String DOMAIN = "ims.example.net";
  private static final String ORIGIN = "https://localhost:8443";
  private static final String ALICE_SIP = "sip:alice@ims.example.net";
  private static final String CAROL = "carol";
  private static final String CAROL_PASSWORD = "carol-password";
  private static final String CAROL_SIP = "sip:carol@ims.example.net";

  @TempDir
  static Path dir;

  private static WafTestServer waf;
  private static final List<WafTestServer> otherWafs = new ArrayList<>();
  private static ConfigurableApplicationContext ims;
  private static ConfigurableApplicationContext epcscf;
  private static EpCscf ep;

  @BeforeAll
  static void startTheNetwork() throws Exception {
    Path subscribers = Files.writeString(dir.resolve("subscribers.yaml"), String.join("\n",
        "subscribers:",
        "  - impi: alice_private@ims.example.net",
        "    password: s3cret-webrtc",
        "    impus: [ 'sip:alice@ims.example.net', 'tel:+15551230001' ]",
        "    allowed-waf-identities: []",
        "  - impi: carol_private@ims.example.net",
        "    password: carol-webrtc",
        "    impus: [ 'sip:carol@ims.example.net' ]",
        "    allowed-waf-identities: [ 'waf.partner.example' ]",
        guestSubscribers()));
    ims = ImsCoreApplication.builder().run("--webims.ims.sip.port=0",
        "--webims.ims.subscribers-file=" + subscribers,
        "--webims.ims.registrar.min-expires=1",
        "--spring.datasource.url=jdbc:h2:mem:ims-system;DB_CLOSE_DELAY=-1");
    waf = WafTestServer.startHttps(dir.resolve("waf"), seed());
    epcscf = startEpCscf("127.0.0.1", "--webims.epcscf.token.clock-skew=0s");
    ep = epcscf.getBean(EpCscf.class);
  }

  private static TestSeedFile seed() {
    return TestSeedFile.standard()
        .user(CAROL, CAROL_PASSWORD, "carol_private@ims.example.net", List.of(CAROL_SIP))
        .withGuestPool(4);
  }

  /** An HSS subscriber per IMPU of the WAF's guest pool, registered only through the WAF (scenario 3). */
  private static String guestSubscribers() {
    StringBuilder yaml = new StringBuilder();
    for (int i = 1; i <= TestSeedFile.GUEST_POOL_SIZE; i++) {
      String n = String.format("%03d", i);
      yaml.append("  - impi: guest-").append(n).append("@ims.example.net\n")
          .append("    impus: [ 'sip:guest-").append(n).append("@ims.example.net' ]\n")
          .append("    allowed-waf-identities: []\n");
    }
    return yaml.toString();
  }

  /** An eP-CSCF in front of the IMS core whose core-side socket is on {@code coreAddress}. */
  private static ConfigurableApplicationContext startEpCscf(String coreAddress, String... more) {
    return TokenEpCscf.start(ims, waf, coreAddress, dir.resolve("ep-" + coreAddress + "-tls.p12"), more);
  }

  @AfterAll
  static void stopTheNetwork() {
    for (AutoCloseable c : new AutoCloseable[] {epcscf, ims, waf}) {
      try {
        if (c != null) {
          c.close();
        }
      } catch (Exception e) {
        // keep closing the others
      }
    }
    otherWafs.forEach(WafTestServer::close);
  }

  private static String aliceToken() throws Exception {
    return waf.tokenClient().accessToken(TestSeedFile.ALICE, TestSeedFile.ALICE_PASSWORD);
  }

  private static WsSipClient connect() throws Exception {
    WsSipClient client = WsSipClient.connect(ep.webSocketUri(), ORIGIN, true);
    assertThat(client.subprotocol()).isEqualTo("sip");
    return client;
  }

  /** The IMS core's request counter (issue 16: the meter operators read, {@code webims_ims_requests_total}). */
  private static long coreRequests() {
    return (long) ims.getBean(ImsMetrics.class).registry().counter(ImsMetrics.REQUESTS).count();
  }

  private static List<?> bindings(String impu) {
    return ims.getBean(Registrar.class).bindings(impu);
  }

  @Test
  void registersWithAWafTokenAndDeregistersTheCoreHoldingThenDroppingTheBinding() throws Exception {
    // WAF-02, WIC-31, EPC-20, EPC-24, SCS-05, SCS-07, EPC-30, EPC-41, SCS-09
    String token = aliceToken();
    try (WsSipClient wic = connect()) {
      WicRegister register = new WicRegister(DOMAIN, ALICE_SIP);
      SipResponse ok = wic.nextResponseAfter(register.next(600000, "Bearer " + token));
      assertThat(ok.statusCode()).isEqualTo(200);
      assertThat(ok.contacts().get(0).expires()).isEqualTo(3600);
      assertThat(ok.pAssociatedUris()).extracting(a -> a.uri().toString())
          .containsExactly(ALICE_SIP, "tel:+15551230001");
      assertThat(ok.hasHeader(HeaderNames.P_CHARGING_VECTOR)).isFalse();
      assertThat(ok.vias()).hasSize(1);
      assertThat(bindings(ALICE_SIP)).hasSize(1);
      assertThat(bindings("tel:+15551230001")).hasSize(1);
      assertThat(ep.registrations().forImpu(ALICE_SIP)).isPresent();

      SipResponse bye = wic.nextResponseAfter(register.next(0, "Bearer " + token));
      assertThat(bye.statusCode()).isEqualTo(200);
      assertThat(bindings(ALICE_SIP)).isEmpty();
      await().atMost(Duration.ofSeconds(5)).until(() -> ep.registrations().forImpu(ALICE_SIP).isEmpty());
    }
  }

  @Test
  void regEventSubscriptionsAndANetworkInitiatedDeregistrationReachTheWicThroughTheEpCscf() throws Exception {
    // EPC-32, EPC-33, EPC-42, SCS-10, SCS-12, SCS-14, WIC-16, WIC-19, WIC-44, WIC-45 on the real components
    String token = aliceToken();
    RegEventNotifier notifier = ims.getBean(RegEventNotifier.class);
    int subscriptionsBefore = notifier.subscriptionCount();
    try (WsSipClient wic = connect()) {
      WicRegister register = new WicRegister(DOMAIN, ALICE_SIP);
      SipResponse ok = wic.nextResponseAfter(register.next(600000, "Bearer " + token));
      assertThat(ok.statusCode()).isEqualTo(200);
      // The eP-CSCF subscribes to the reg event of the default IMPU on its own (EPC-32).
      await().atMost(Duration.ofSeconds(10)).until(() -> notifier.subscriptionCount() == subscriptionsBefore + 1);

      // The WIC subscribes too (WIC-16), along the Service-Route; the full NOTIFY comes back on its Path.
      SipRequest subscribe = register.regSubscribe(ok.header(HeaderNames.SERVICE_ROUTE));
      wic.send(subscribe);
      // The 200 and the first NOTIFY reach the eP-CSCF on different connections, so either may come first
      // (RFC 6665 §4.1.2.4: a subscriber accepts a NOTIFY before the 200).
      SipMessage one = wic.next(15);
      SipMessage two = wic.next(15);
      assertThat(one).as("the 200 or the NOTIFY").isNotNull();
      assertThat(two).as("the 200 or the NOTIFY").isNotNull();
      SipResponse accepted = (SipResponse) (one.isRequest() ? two : one);
      assertThat(accepted.statusCode()).isEqualTo(200);
      SipRequest full = (SipRequest) (one.isRequest() ? one : two);
      assertThat(full.method()).isEqualTo(SipRequest.NOTIFY);
      assertThat(full.bodyAsString()).contains("state=\"full\"").contains("version=\"0\"");
      wic.send(SipResponse.to(full, 200, null).build());

      // The operator deactivates alice in the network (SCS-12): the WIC is told, the eP-CSCF drops its state (EPC-42).
      ScscfSipService scscf = ims.getBean(ScscfSipService.class);
      Registrar registrar = ims.getBean(Registrar.class);
      scscf.onLoop(() -> registrar.deregister(ALICE_SIP, "deactivated")).get(10, TimeUnit.SECONDS);
      SipRequest terminated = nextRequest(wic);
      assertThat(terminated.method()).isEqualTo(SipRequest.NOTIFY);
      assertThat(terminated.subscriptionState().isTerminated()).isTrue();
      assertThat(terminated.bodyAsString()).contains("event=\"deactivated\"");
      wic.send(SipResponse.to(terminated, 200, null).build());
      await().atMost(Duration.ofSeconds(10)).until(() -> ep.registrations().forImpu(ALICE_SIP).isEmpty());
      assertThat(bindings(ALICE_SIP)).isEmpty();
      await().atMost(Duration.ofSeconds(10)).until(() -> notifier.subscriptionCount() == subscriptionsBefore);
    }
  }

  /** A pool guest's token (scenario 3) with the lease and the IMPU it carries. */
  private record GuestToken(String token, String lease, String impu) {

    static GuestToken of(String guest) throws Exception {
      String token = waf.tokenClient().accessToken(guest, TestSeedFile.GUEST_PASSWORD);
      JWTClaimsSet claims = SignedJWT.parse(token).getJWTClaimsSet();
      return new GuestToken(token, claims.getStringClaim("impu_lease"), claims.getStringListClaim("impu").get(0));
    }

    String bearer() {
      return "Bearer " + token;
    }
  }

  private static ImpuLeaseService leases() {
    return waf.context().getBean(ImpuLeaseService.class);
  }

  /** The lease once the eP-CSCF has released it at the WAF. */
  private static ImpuLease awaitReleased(String lease) {
    await().atMost(Duration.ofSeconds(20))
        .until(() -> leases().find(lease).orElseThrow().state() == LeaseState.RELEASED);
    ImpuLease released = leases().find(lease).orElseThrow();
    assertThat(released.releasedBy()).isEqualTo("ep-cscf");
    return released;
  }

  @Test
  void aGuestsLeaseIsReleasedAfterTheOkToItsDeregistrationAndItsTokenIsRefusedThen() throws Exception {
    // EPC-28, EPC-41, WAF-10, WAF-11: scenario 3 on the real WAF, eP-CSCF and IMS core
    GuestToken guest = GuestToken.of("guest1");
    try (WsSipClient wic = connect()) {
      WicRegister register = new WicRegister(DOMAIN, guest.impu());
      assertThat(wic.nextResponseAfter(register.next(600000, guest.bearer())).statusCode()).isEqualTo(200);
      assertThat(bindings(guest.impu())).hasSize(1);
      assertThat(leases().find(guest.lease()).orElseThrow().isLive()).isTrue();

      assertThat(wic.nextResponseAfter(register.next(0, guest.bearer())).statusCode()).isEqualTo(200);
      assertThat(awaitReleased(guest.lease()).releaseReason()).isEqualTo("deregistered");

      long before = coreRequests();
      SipResponse refused = wic.nextResponseAfter(register.next(600000, guest.bearer()));
      assertThat(refused.statusCode()).isEqualTo(401);
      BearerChallenge c = BearerChallenge.from(refused.authValues(HeaderNames.WWW_AUTHENTICATE).get(0));
      assertThat(c.error()).isEqualTo("invalid_token");
      assertThat(c.errorDescription()).isEqualTo("lease released");
      assertThat(coreRequests()).isEqualTo(before);
    }
    GuestToken again = GuestToken.of("guest1"); // the WWSF would fetch this one for the WIC
    assertThat(again.lease()).isNotEqualTo(guest.lease());
    try (WsSipClient wic = connect()) {
      WicRegister register = new WicRegister(DOMAIN, again.impu());
      assertThat(wic.nextResponseAfter(register.next(600000, again.bearer())).statusCode()).isEqualTo(200);
      assertThat(wic.nextResponseAfter(register.next(0, again.bearer())).statusCode()).isEqualTo(200);
      awaitReleased(again.lease());
    }
  }

  @Test
  void theOldTokenOfAReleasedLeaseIsRefusedByARestartedEpCscf() throws Exception {
    // EPC-28, WAF-11 (issue 12): the release is remembered by the WAF, not only by the node that sent it
    GuestToken guest = GuestToken.of("guest4");
    try (WsSipClient wic = connect()) {
      WicRegister register = new WicRegister(DOMAIN, guest.impu());
      assertThat(wic.nextResponseAfter(register.next(600000, guest.bearer())).statusCode()).isEqualTo(200);
      assertThat(wic.nextResponseAfter(register.next(0, guest.bearer())).statusCode()).isEqualTo(200);
      awaitReleased(guest.lease());
    }
    try (ConfigurableApplicationContext restarted = startEpCscf("127.0.0.1");
        WsSipClient wic = WsSipClient.connect(restarted.getBean(EpCscf.class).webSocketUri(), ORIGIN, true)) {
      long before = coreRequests();
      SipResponse refused = wic.nextResponseAfter(new WicRegister(DOMAIN, guest.impu()).next(600000,
          guest.bearer()));

      assertThat(refused.statusCode()).isEqualTo(401);
      BearerChallenge c = BearerChallenge.from(refused.authValues(HeaderNames.WWW_AUTHENTICATE).get(0));
      assertThat(c.error()).isEqualTo("invalid_token");
      assertThat(c.errorDescription()).isEqualTo("lease released");
      assertThat(coreRequests()).isEqualTo(before);
    }
    assertThat(bindings(guest.impu())).isEmpty();
    // and the WAF leases that IMPU to nobody while the old token is valid
    GuestToken next = GuestToken.of("guest4");
    assertThat(next.impu()).isNotEqualTo(guest.impu());
    assertThat(next.lease()).isNotEqualTo(guest.lease());
  }

  @Test
  void aGuestsLeaseIsReleasedAfterANetworkDeregistration() throws Exception {
    // EPC-28, EPC-42, SCS-12, WAF-11
    GuestToken guest = GuestToken.of("guest2");
    RegEventNotifier notifier = ims.getBean(RegEventNotifier.class);
    int subscriptionsBefore = notifier.subscriptionCount();
    try (WsSipClient wic = connect()) {
      WicRegister register = new WicRegister(DOMAIN, guest.impu());
      assertThat(wic.nextResponseAfter(register.next(600000, guest.bearer())).statusCode()).isEqualTo(200);
      // The eP-CSCF's own reg-event subscription carries the network deregistration to it (EPC-32).
      await().atMost(Duration.ofSeconds(10)).until(() -> notifier.subscriptionCount() == subscriptionsBefore + 1);

      ScscfSipService scscf = ims.getBean(ScscfSipService.class);
      Registrar registrar = ims.getBean(Registrar.class);
      scscf.onLoop(() -> registrar.deregister(guest.impu(), "deactivated")).get(10, TimeUnit.SECONDS);
      assertThat(awaitReleased(guest.lease()).releaseReason()).isEqualTo("network-deregistered");
      assertThat(ep.registrations().forImpu(guest.impu())).isEmpty();
    }
  }

  @Test
  void aGuestsLeaseIsReleasedWhenTheRegistrationOfItsLostFlowExpires() throws Exception {
    // EPC-28, EPC-43, WAF-11: the binding at the S-CSCF lives on until its expiry, and so does the lease
    GuestToken guest = GuestToken.of("guest3");
    Instant lost;
    try (WsSipClient wic = connect()) {
      SipResponse ok = wic.nextResponseAfter(new WicRegister(DOMAIN, guest.impu()).next(2, guest.bearer()));
      assertThat(ok.statusCode()).isEqualTo(200);
      assertThat(ok.contacts().get(0).expires()).isEqualTo(2);
      lost = Instant.now();
    }
    await().atMost(Duration.ofSeconds(10)).until(() -> ep.registrations().forImpu(guest.impu()).isEmpty());
    assertThat(leases().find(guest.lease()).orElseThrow().isLive()).isTrue();

    ImpuLease released = awaitReleased(guest.lease());
    assertThat(released.releaseReason()).isEqualTo("flow-lost-expired");
    assertThat(released.releasedAt()).isAfter(lost.plusMillis(1500));
  }

  private static SipRequest nextRequest(WsSipClient wic) throws Exception {
    SipMessage m = wic.next(15);
    assertThat(m).as("a request from the network").isNotNull();
    assertThat(m.isRequest()).as(m.startLine()).isTrue();
    return (SipRequest) m;
  }

  @Test
  void registerWithoutCredentialsGetsTheScscfsDigestChallengesAndAnRfc8898ChallengeNamingTheWaf() throws Exception {
    // EPC-22, WAF-08: scenario 1 is on (the default), so the S-CSCF challenges and the eP-CSCF adds its own.
    long before = coreRequests();
    try (WsSipClient wic = connect()) {
      SipResponse r = wic.nextResponseAfter(new WicRegister(DOMAIN, ALICE_SIP).next(600000, null));
      assertThat(r.statusCode()).isEqualTo(401);
      List<AuthValue> challenges = r.authValues(HeaderNames.WWW_AUTHENTICATE);
      // The Bearer challenge, then the IMS core's, one per default algorithm (SHA-512-256, SHA-256, MD5).
      assertThat(challenges).extracting(AuthValue::scheme).containsExactly("Bearer", "Digest", "Digest", "Digest");
      BearerChallenge bearer = BearerChallenge.from(challenges.get(0));
      assertThat(bearer.realm()).isEqualTo(DOMAIN);
      assertThat(bearer.authzServer()).isEqualTo(waf.issuer());
      assertThat(bearer.error()).isNull();
    }
    assertThat(coreRequests()).isEqualTo(before + 1);
  }

  @Test
  void tamperedTokensAreRefusedAndNothingIsForwarded() throws Exception {
    // EPC-21: forged signature, unknown kid, alg=none
    String token = aliceToken();
    String[] parts = token.split("\\.");
    String header = decode(parts[0]);
    String payload = decode(parts[1]);
    String forged = parts[0] + "." + encode(payload.replace("alice_private", "bobby_private")) + "." + parts[2];
    String unknownKid = encode(header.replaceFirst("\"kid\"\\s*:\\s*\"[^\"]+\"", "\"kid\":\"no-such-key\"")) + "."
        + parts[1] + "." + parts[2];
    String none = encode("{\"alg\":\"none\",\"typ\":\"JWT\"}") + "." + parts[1] + ".";
    expectInvalidToken(forged, ALICE_SIP);
    expectInvalidToken(unknownKid, ALICE_SIP);
    expectInvalidToken(none, ALICE_SIP);
  }

  @Test
  void tokensWithTheWrongAudienceIssuerOrScopeAreRefused() throws Exception {
    // EPC-21, WAF-04, WAF-05: validly signed (same key, same database) but not for this eP-CSCF
    WafTestServer otherAudience = anotherWaf("--webims.waf.issuer=" + waf.issuer(),
        "--webims.waf.token.audience=someone-else.example.net");
    expectInvalidToken(otherAudience.tokenClient().accessToken(TestSeedFile.ALICE, TestSeedFile.ALICE_PASSWORD),
        ALICE_SIP);
    WafTestServer otherIssuer = anotherWaf("--webims.waf.issuer=https://rogue.example.net");
    expectInvalidToken(otherIssuer.tokenClient().accessToken(TestSeedFile.ALICE, TestSeedFile.ALICE_PASSWORD),
        ALICE_SIP);
    WafTokenClient openidOnly = WafTokenClient.builder(waf.baseUrl()).clientSecret(WafTestServer.CLIENT_SECRET)
        .trustKeyStore(waf.tlsKeyStore(), WafTestServer.KEY_STORE_PASSWORD.toCharArray()).scope("openid").build();
    expectInvalidToken(openidOnly.accessToken(TestSeedFile.ALICE, TestSeedFile.ALICE_PASSWORD), ALICE_SIP);
  }

  @Test
  void anExpiredTokenIsRefused() throws Exception {
    // EPC-21, WAF-05; the eP-CSCF of this test allows no clock skew
    WafTestServer shortLived = anotherWaf("--webims.waf.issuer=" + waf.issuer(), "--webims.waf.token.lifetime=1s");
    String token = shortLived.tokenClient().accessToken(TestSeedFile.ALICE, TestSeedFile.ALICE_PASSWORD);
    Instant exp = Instant.ofEpochSecond(Long.parseLong(
        decode(token.split("\\.")[1]).replaceFirst("(?s).*\"exp\"\\s*:\\s*(\\d+).*", "$1")));
    await().atMost(Duration.ofSeconds(10)).until(() -> Instant.now().isAfter(exp.plusSeconds(1)));
    expectInvalidToken(token, ALICE_SIP);
  }

  @Test
  void anImpuTheTokenDoesNotGrantIsForbiddenAndNothingIsForwarded() throws Exception {
    // EPC-23
    String token = aliceToken();
    long before = coreRequests();
    try (WsSipClient wic = connect()) {
      SipResponse r = wic.nextResponseAfter(new WicRegister(DOMAIN, CAROL_SIP).next(600000, "Bearer " + token));
      assertThat(r.statusCode()).isEqualTo(403);
    }
    assertThat(coreRequests()).isEqualTo(before);
    assertThat(bindings(CAROL_SIP)).isEmpty();
  }

  @Test
  void aSubscriberThatDoesNotAllowThisWafIsRefusedByTheCore() throws Exception {
    // SCS-06, EPC-25 (on by default), WAF-12
    String token = waf.tokenClient().accessToken(CAROL, CAROL_PASSWORD);
    try (WsSipClient wic = connect()) {
      SipResponse r = wic.nextResponseAfter(new WicRegister(DOMAIN, CAROL_SIP).next(600000, "Bearer " + token));
      assertThat(r.statusCode()).isEqualTo(403);
      assertThat(r.reasonPhrase()).isEqualTo("WAF not allowed for this subscriber");
    }
    assertThat(bindings(CAROL_SIP)).isEmpty();
  }

  /** Issue 12, EPC-42: a client that never subscribes (JsSIP) learns of a network deregistration by the close. */
  @Test
  void aNetworkDeregistrationClosesTheWebSocketOfAClientThatNeverSubscribed() throws Exception {
    String token = aliceToken();
    RegEventNotifier notifier = ims.getBean(RegEventNotifier.class);
    int subscriptionsBefore = notifier.subscriptionCount();
    try (WsSipClient wic = connect()) {
      assertThat(wic.nextResponseAfter(new WicRegister(DOMAIN, ALICE_SIP).next(600000, "Bearer " + token))
          .statusCode()).isEqualTo(200);
      await().atMost(Duration.ofSeconds(10)).until(() -> notifier.subscriptionCount() == subscriptionsBefore + 1);

      ScscfSipService scscf = ims.getBean(ScscfSipService.class);
      Registrar registrar = ims.getBean(Registrar.class);
      scscf.onLoop(() -> registrar.deregister(ALICE_SIP, "deactivated")).get(10, TimeUnit.SECONDS);

      assertThat(wic.awaitClose(15)).isEqualTo(1000);
      assertThat(ep.registrations().forImpu(ALICE_SIP)).isEmpty();
    }
  }

  /**
   * Issue 12: 200 connections of one user registering at once. The core keeps at most 10 bindings, so its
   * answers stay small; every client gets a final answer at once (no 408 from a lost core connection).
   */
  @Test
  void twoHundredConnectionsOfOneUserRegisteringAtOnceAllGetAnAnswerAndTheBindingsStayCapped() throws Exception {
    String token = aliceToken();
    List<WsSipClient> clients = new ArrayList<>();
    List<WicRegister> registers = new ArrayList<>();
    try {
      for (int i = 0; i < 200; i++) {
        clients.add(connect());
        registers.add(new WicRegister(DOMAIN, ALICE_SIP));
      }
      for (int i = 0; i < 200; i++) {
        clients.get(i).send(registers.get(i).next(600000, "Bearer " + token));
      }
      List<Integer> registered = new ArrayList<>();
      int refused = 0;
      for (int i = 0; i < 200; i++) {
        SipResponse r = clients.get(i).nextResponse(30);
        if (r.statusCode() == 200) {
          registered.add(i);
          assertThat(r.contacts()).hasSizeLessThanOrEqualTo(10);
        } else {
          assertThat(r.startLine()).isEqualTo("SIP/2.0 403 Too many registrations for this public identity");
          refused++;
        }
      }
      assertThat(registered).hasSize(10);
      assertThat(refused).isEqualTo(190);
      assertThat(bindings(ALICE_SIP)).hasSize(10);
      for (int i : registered) {
        assertThat(clients.get(i).nextResponseAfter(registers.get(i).next(0, "Bearer " + token)).statusCode())
            .isEqualTo(200);
      }
      assertThat(bindings(ALICE_SIP)).isEmpty();
    } finally {
      clients.forEach(WsSipClient::close);
    }
    await().atMost(Duration.ofSeconds(10)).until(() -> ep.registrations().forImpu(ALICE_SIP).isEmpty());
  }

  /** Issue 12: one REGISTER with 150 Via lines is refused at the edge; the core never sees it, others go on. */
  @Test
  void aRegisterWith150ViaLinesIsRefusedAtTheEdgeAndTheNextOneRegisters() throws Exception {
    String token = aliceToken();
    long before = coreRequests();
    try (WsSipClient wic = connect()) {
      WicRegister register = new WicRegister(DOMAIN, ALICE_SIP);
      SipRequest.Builder many = register.next(600000, "Bearer " + token).toBuilder();
      for (int i = 0; i < 150; i++) {
        many.header(HeaderNames.VIA, "SIP/2.0/WSS hop" + i + ".invalid;branch=z9hG4bKhop" + i);
      }
      SipResponse refused = wic.nextResponseAfter(many.build());
      assertThat(refused.statusCode()).isEqualTo(513);
      assertThat(coreRequests()).isEqualTo(before);

      assertThat(wic.nextResponseAfter(register.next(600000, "Bearer " + token)).statusCode()).isEqualTo(200);
      assertThat(wic.nextResponseAfter(register.next(0, "Bearer " + token)).statusCode()).isEqualTo(200);
    }
    assertThat(bindings(ALICE_SIP)).isEmpty();
  }

  @Test
  void authDoneFromAnEpCscfTheCoreDoesNotTrustIsForbidden() throws Exception {
    // SCS-05: an eP-CSCF whose core-side address (127.0.0.2) is not a trusted node
    try (ConfigurableApplicationContext untrusted = startEpCscf("127.0.0.2");
        WsSipClient wic = WsSipClient.connect(untrusted.getBean(EpCscf.class).webSocketUri(), ORIGIN, true)) {
      SipResponse r = wic.nextResponseAfter(new WicRegister(DOMAIN, ALICE_SIP).next(600000, "Bearer " + aliceToken()));
      assertThat(r.statusCode()).isEqualTo(403);
      assertThat(r.reasonPhrase()).isEqualTo("Untrusted node");
    }
    assertThat(bindings(ALICE_SIP)).isEmpty();
  }

  @Test
  void authDoneSentStraightToTheCoreFromAnUntrustedAddressIsForbidden() throws Exception {
    // SCS-05 at the IMS core itself: the checklist's §5.2 TNA REGISTER from 127.0.0.2
    InetSocketAddress core = ims.getBean(ScscfSipService.class).udpAddress();
    String tna;
    try (var in = TokenRegistrationSystemTest.class.getResourceAsStream("/checklist/5.2-register-tna.sip")) {
      tna = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    try (DatagramSocket socket = new DatagramSocket(0, InetAddress.getByName("127.0.0.2"))) {
      socket.setSoTimeout(5000);
      byte[] bytes = tna.getBytes(StandardCharsets.UTF_8);
      socket.send(new DatagramPacket(bytes, bytes.length, core));
      DatagramPacket reply = new DatagramPacket(new byte[65535], 65535);
      socket.receive(reply);
      SipResponse r = (SipResponse) SipParser.DEFAULT.parse(reply.getData(), 0, reply.getLength());
      assertThat(r.statusCode()).isEqualTo(403);
      assertThat(r.reasonPhrase()).isEqualTo("Untrusted node");
    }
  }

  @Test
  void handshakesWithAForeignOriginOrWithoutTheSipSubprotocolAreRefused() throws Exception {
    // EPC-02, EPC-03
    assertThat(handshakeStatus("https://evil.example.com", true)).isEqualTo(403);
    assertThat(handshakeStatus(ORIGIN, false)).isEqualTo(400);
  }

  @Test
  void malformedSipGets400WithTheReasonAndTheConnectionStaysUsable() throws Exception {
    String token = aliceToken();
    try (WsSipClient wic = connect()) {
      WicRegister register = new WicRegister(DOMAIN, ALICE_SIP);
      String bad = register.next(600000, "Bearer " + token).encode().replace("CSeq: 1 REGISTER", "CSeq: 1 INVITE");
      wic.send(bad);
      SipResponse r = wic.nextResponse(10);
      assertThat(r.statusCode()).isEqualTo(400);
      assertThat(r.reasonPhrase()).isEqualTo("Bad CSeq: method does not match request line");
      assertThat(r.reasonPhrase()).doesNotContain(token.substring(0, 20));
      SipResponse ok = wic.nextResponseAfter(register.next(600000, "Bearer " + token));
      assertThat(ok.statusCode()).isEqualTo(200);
      assertThat(wic.nextResponseAfter(register.next(0, "Bearer " + token)).statusCode()).isEqualTo(200);
    }
  }

  private static int handshakeStatus(String origin, boolean subprotocol) throws Exception {
    try (WsSipClient c = WsSipClient.connect(ep.webSocketUri(), origin, subprotocol)) {
      return 101;
    } catch (ExecutionException e) {
      if (e.getCause() instanceof WebSocketHandshakeException h) {
        return h.getResponse().statusCode();
      }
      throw e;
    }
  }

  private static void expectInvalidToken(String token, String impu) throws Exception {
    long before = coreRequests();
    try (WsSipClient wic = connect()) {
      SipResponse r = wic.nextResponseAfter(new WicRegister(DOMAIN, impu).next(600000, "Bearer " + token));
      assertThat(r.statusCode()).isEqualTo(401);
      BearerChallenge c = BearerChallenge.from(r.authValues(HeaderNames.WWW_AUTHENTICATE).get(0));
      assertThat(c.error()).isEqualTo("invalid_token");
      assertThat(c.authzServer()).isEqualTo(waf.issuer());
    }
    assertThat(coreRequests()).isEqualTo(before);
  }

  private static WafTestServer anotherWaf(String... args) {
    // Same data directory as the main WAF: same database, so the same signing key.
    WafTestServer other = WafTestServer.startHttps(dir.resolve("waf"), seed(), args);
    otherWafs.add(other);
    return other;
  }

  private static String decode(String part) {
    return new String(Base64.getUrlDecoder().decode(part), StandardCharsets.UTF_8);
  }

  private static String encode(String json) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
  }
}
