package org.webims.epcscf.registration;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.webims.epcscf.core.CoreProxy;
import org.webims.epcscf.core.CoreProxy.CoreHop;
import org.webims.epcscf.testing.TestConfig;
import org.webims.server.testing.EventLines;
import org.webims.epcscf.testing.FakeCoreNetwork;
import org.webims.epcscf.testing.FakeWicFlow;
import org.webims.sip.testing.MutableClock;
import org.webims.epcscf.testing.TestMessages;
import org.webims.epcscf.testing.TestScscf;
import org.webims.epcscf.testing.TestTokens;
import org.webims.epcscf.testing.TestWaf;
import org.webims.epcscf.token.AccessTokenValidator;
import org.webims.sip.auth.BearerChallenge;
import org.webims.sip.message.HeaderNames;
import org.webims.sip.message.SipRequest;
import org.webims.sip.message.SipResponse;
import org.webims.sip.transaction.TransactionTimers;

/**
 * The registration layer without sockets: a WIC REGISTER in, the Trusted Node REGISTER out to a
 * fake core, responses back to a fake flow (EPC-04..08, 20..24, 30, 31, 41, 43).
 */
class TrustedNodeAuthenticationTest {

  /** Checklist §5.2, byte for byte, with the random branch and ICID of the example (sip-core's test-jar). */
  private static final String SECTION_5_2 = checklist("5.2-register-tna");

  private static String checklist(String id) {
    try (java.io.InputStream in = TrustedNodeAuthenticationTest.class.getResourceAsStream("/checklist/" + id + ".sip")) {
      return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private final Instant now = Instant.now();
  private final MutableClock clock = new MutableClock(now);
  private final CoreHop hop =
      new CoreHop("TCP", new InetSocketAddress("127.0.0.1", 5060), "epcscf.ims.example.net", 5060);
  private final FakeWicFlow flow = new FakeWicFlow("fl-7Q2xYc");
  private final Registrations registrations = new Registrations();
  private FakeCoreNetwork core;
  private CoreProxy proxy;
  private TestWaf waf;
  private AccessTokenValidator validator;

  @BeforeEach
  void start() throws Exception {
    waf = new TestWaf(clock);
    validator = waf.validator;
    useCore(new FakeCoreNetwork());
  }

  @AfterEach
  void stop() {
    waf.close();
  }

  private void useCore(FakeCoreNetwork network) {
    useCore(network, hop);
  }

  private void useCore(FakeCoreNetwork network, CoreHop mw) {
    core = network;
    proxy = new CoreProxy(core, mw, TransactionTimers.DEFAULT);
  }

  /** The WIC side as wired: a Bearer REGISTER reaches the Trusted Node logic. */
  private WicRequests tna(boolean sendWafIdentity) {
    TrustedNodeRegister rewrite = new TrustedNodeRegister("ims.example.net", "ims.example.net", sendWafIdentity, hop);
    return new WicRequests(new TrustedNodeAuthentication(validator, rewrite, proxy, registrations,
        "ims.example.net", "https://localhost:8443", TestConfig.noLeaseCheck(clock), Duration.ofSeconds(10), clock),
        new SipDigestWithTls(rewrite, proxy, registrations, new TlsAssociations(), clock),
        new OriginatingRequests(proxy, registrations), registrations);
  }

  private String token() {
    return waf.sign(TestTokens.claims(now).build());
  }

  private static String normalized(SipRequest forwarded) {
    return forwarded.encode()
        .replaceFirst("branch=z9hG4bKep[A-Za-z0-9_-]+", "branch=z9hG4bKep0001")
        .replaceFirst("icid-value=\"[^\"]+\"", "icid-value=\"AyretyU0dm+6O2IrT5tAFrbHLso=023551024\"");
  }

  @Test
  void forwardsAValidTokenRegisterInTheExactSection52Shape() {
    tna(false).onRequest(flow, TestMessages.parse(TestMessages.register(TestMessages.bearer(token()))));

    assertThat(core.sent()).hasSize(1);
    assertThat(normalized(core.lastRequest())).isEqualTo(SECTION_5_2);
    assertThat(core.lastRequest().encode()).doesNotContain("Bearer").doesNotContain("eyJ");
    assertThat(flow.received()).isEmpty();
  }

  @Test
  void acceptsTheAccessTokenParameterFormOfTable_A_3_2_1() {
    tna(false).onRequest(flow, TestMessages.parse(TestMessages.register("Bearer access_token=\"" + token() + "\"")));
    assertThat(normalized(core.lastRequest())).isEqualTo(SECTION_5_2);
  }

  @Test
  void everyForwardedRegisterGetsAUniqueBranchAndIcid() {
    WicRequests tna = tna(false);
    String token = token();
    tna.onRequest(flow, TestMessages.parse(TestMessages.register(TestMessages.bearer(token))));
    tna.onRequest(flow, TestMessages.parse(TestMessages.register(TestMessages.bearer(token), "z9hG4bKsecond", 2,
        "600000", TestTokens.IMPU)));
    SipRequest a = (SipRequest) core.sent().get(0);
    SipRequest b = (SipRequest) core.sent().get(1);
    assertThat(a.header(HeaderNames.VIA)).startsWith("SIP/2.0/TCP epcscf.ims.example.net:5060;branch=z9hG4bK");
    assertThat(a.header(HeaderNames.VIA)).isNotEqualTo(b.header(HeaderNames.VIA));
    assertThat(a.header(HeaderNames.P_CHARGING_VECTOR)).isNotEqualTo(b.header(HeaderNames.P_CHARGING_VECTOR));
  }

  @Test
  void addsTheWafIdentityOnlyWhenSwitchedOn_EPC25() {
    tna(true).onRequest(flow, TestMessages.parse(TestMessages.register(TestMessages.bearer(token()))));
    assertThat(core.lastRequest().header(HeaderNames.AUTHORIZATION))
        .endsWith("integrity-protected=\"auth-done\", authorization-entity=\"localhost\"");
  }

  @Test
  void answersAnInvalidTokenWith401InvalidToken_EPC21() throws Exception {
    tna(false).onRequest(flow, TestMessages.parse(TestMessages.register(TestMessages.bearer("eyJhbGciOi.bad.token"))));

    SipResponse r = flow.lastResponse();
    assertThat(r.statusCode()).isEqualTo(401);
    BearerChallenge c = BearerChallenge.from(r.authValues(HeaderNames.WWW_AUTHENTICATE).get(0));
    assertThat(c.realm()).isEqualTo("ims.example.net");
    assertThat(c.authzServer()).isEqualTo("https://localhost:8443");
    assertThat(c.error()).isEqualTo("invalid_token");
    assertThat(r.encode()).doesNotContain("bad.token");
    assertThat(core.sent()).isEmpty();
  }

  @Test
  void answersAnImpuTheTokenDoesNotGrantWith403_EPC23() {
    tna(false).onRequest(flow, TestMessages.parse(TestMessages.register(TestMessages.bearer(token()),
        "z9hG4bKbob", 1, "600000", "sip:bob@ims.example.net")));
    assertThat(flow.lastResponse().statusCode()).isEqualTo(403);
    assertThat(core.sent()).isEmpty();
  }

  @Test
  void registersATelImpuTheTokenGrants() {
    tna(false).onRequest(flow, TestMessages.parse(TestMessages.register(TestMessages.bearer(token()),
        "z9hG4bKtel", 1, "600000", TestTokens.TEL_IMPU)));
    assertThat(core.sent()).hasSize(1);
  }

  @Test
  void relaysThe200WithoutOwnViaAndChargingHeadersAndStoresTheRegistration_EPC06_EPC30_EPC31() throws Exception {
    tna(false).onRequest(flow, TestMessages.parse(TestMessages.register(TestMessages.bearer(token()))));
    proxy.onMessage(TestScscf.ok(core.lastRequest(), 3600), core.toScscf);

    SipResponse r = flow.lastResponse();
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.vias()).hasSize(1);
    assertThat(r.topVia().received()).isEqualTo("198.51.100.23");
    assertThat(r.hasHeader(HeaderNames.P_CHARGING_VECTOR)).isFalse();
    assertThat(r.hasHeader(HeaderNames.P_CHARGING_FUNCTION_ADDRESSES)).isFalse();
    assertThat(r.hasHeader(HeaderNames.PATH)).isTrue();
    assertThat(r.hasHeader(HeaderNames.SERVICE_ROUTE)).isTrue();
    assertThat(r.hasHeader(HeaderNames.P_ASSOCIATED_URI)).isTrue();

    FlowRegistration reg = registrations.forFlow("fl-7Q2xYc").orElseThrow();
    assertThat(reg.impi()).isEqualTo(TestTokens.IMPI);
    assertThat(reg.associatedUris()).containsExactly(TestTokens.IMPU, TestTokens.TEL_IMPU);
    assertThat(reg.defaultImpu()).isEqualTo(TestTokens.IMPU);
    assertThat(reg.serviceRoutes()).containsExactly("<sip:orig@scscf.ims.example.net;lr>");
    assertThat(reg.grantedExpires()).isEqualTo(3600);
    assertThat(reg.expiresAt()).isEqualTo(now.plusSeconds(3600));
    assertThat(reg.wafIssuer()).isEqualTo(TestTokens.ISSUER);
    assertThat(registrations.forImpu(TestTokens.TEL_IMPU)).contains(reg);
  }

  @Test
  void revalidatesTheTokenOnReRegisterAndDeregistrationThenRemovesStateOn200_EPC27_EPC41() {
    WicRequests tna = tna(false);
    String token = token();
    tna.onRequest(flow, TestMessages.parse(TestMessages.register(TestMessages.bearer(token))));
    proxy.onMessage(TestScscf.ok(core.lastRequest(), 3600), core.toScscf);
    assertThat(registrations.count()).isEqualTo(1);

    tna.onRequest(flow, TestMessages.parse(TestMessages.register(TestMessages.bearer(token), "z9hG4bKdereg3", 3,
        "0", TestTokens.IMPU)));
    assertThat(core.sent()).hasSize(2);
    assertThat(core.lastRequest().header(HeaderNames.AUTHORIZATION)).contains("integrity-protected=\"auth-done\"");
    proxy.onMessage(TestScscf.ok(core.lastRequest(), 0), core.toScscf);

    assertThat(flow.lastResponse().statusCode()).isEqualTo(200);
    assertThat(registrations.count()).isZero();
    assertThat(TestConfig.signatureChecks(waf.metrics)).isEqualTo(1);
  }

  @Test
  void refusesAReRegisterOnceTheTokenExpired_EPC27() {
    WicRequests tna = tna(false);
    String token = token();
    tna.onRequest(flow, TestMessages.parse(TestMessages.register(TestMessages.bearer(token))));
    clock.advance(Duration.ofMinutes(10));
    tna.onRequest(flow, TestMessages.parse(TestMessages.register(TestMessages.bearer(token), "z9hG4bKlate", 2,
        "600000", TestTokens.IMPU)));
    assertThat(flow.lastResponse().statusCode()).isEqualTo(401);
    assertThat(core.sent()).hasSize(1);
  }

  @Test
  void dropsTheFlowStateWhenTheWebSocketCloses_EPC43() {
    WicRequests tna = tna(false);
    tna.onRequest(flow, TestMessages.parse(TestMessages.register(TestMessages.bearer(token()))));
    proxy.onMessage(TestScscf.ok(core.lastRequest(), 3600), core.toScscf);
    assertThat(registrations.forFlow(flow.id())).isPresent();

    flow.close();
    tna.onClose(flow);
    assertThat(registrations.forFlow(flow.id())).isEmpty();
  }

  @Test
  void keepsNoStateFor200ArrivingAfterTheFlowClosed_EPC06_EPC43() {
    WicRequests tna = tna(false);
    tna.onRequest(flow, TestMessages.parse(TestMessages.register(TestMessages.bearer(token()))));
    flow.close();
    tna.onClose(flow);
    proxy.onMessage(TestScscf.ok(core.lastRequest(), 3600), core.toScscf);
    assertThat(registrations.count()).isZero();
    assertThat(flow.received()).isEmpty();
  }

  @Test
  void answers408WhenTheCoreNeverAnswers_TimerF() {
    useCore(new FakeCoreNetwork().unreliable(), new CoreHop("UDP", hop.target(), hop.host(), hop.port()));
    tna(false).onRequest(flow, TestMessages.parse(TestMessages.register(TestMessages.bearer(token()))));
    core.advance(TransactionTimers.DEFAULT.transactionTimeout());
    assertThat(core.sent()).hasSizeGreaterThan(1); // Timer E retransmissions over UDP
    assertThat(flow.lastResponse().statusCode()).isEqualTo(408);
  }

  @Test
  void answers503WhenTheCoreCannotBeReached() {
    useCore(new FakeCoreNetwork().unreachable());
    tna(false).onRequest(flow, TestMessages.parse(TestMessages.register(TestMessages.bearer(token()))));
    assertThat(flow.lastResponse().statusCode()).isEqualTo(503);
  }

  /** Issue 16: and the refusal is one {@code register.refused} event with the core's status and phrase. */
  @Test
  void relaysA403FromTheCoreWithoutStoringState() {
    try (EventLines events = new EventLines(CoreProxy.EVENTS)) {
      tna(false).onRequest(flow, TestMessages.parse(TestMessages.register(TestMessages.bearer(token()))));
      proxy.onMessage(SipResponse.to(core.lastRequest(), 403, "Untrusted node").build(), core.toScscf);
      assertThat(flow.lastResponse().statusCode()).isEqualTo(403);
      assertThat(flow.lastResponse().reasonPhrase()).isEqualTo("Untrusted node");
      assertThat(registrations.count()).isZero();
      assertThat(events.of("register.refused")).containsExactly("register.refused impu=sip:alice@ims.example.net"
          + " flow=" + flow.id() + " source=" + flow.sourceAddress() + " reason=403 phrase=\"Untrusted node\"");
    }
  }

  @Test
  void answersOtherMethodsOnAnUnregisteredFlowWith403_EPC16() {
    tna(false).onRequest(flow, TestMessages.parse(TestMessages.register(null).replace("REGISTER", "OPTIONS")));
    assertThat(flow.lastResponse().statusCode()).isEqualTo(403);
    assertThat(core.sent()).isEmpty();
  }

  @Test
  void answersMaxForwardsZeroWith483() {
    tna(false).onRequest(flow, TestMessages.parse(TestMessages.register(TestMessages.bearer(token()))
        .replace("Max-Forwards: 70", "Max-Forwards: 0")));
    assertThat(flow.lastResponse().statusCode()).isEqualTo(483);
    assertThat(core.sent()).isEmpty();
  }

  @Test
  void grantedExpiryComesFromTheMatchingContact() throws Exception {
    SipRequest register = TestMessages.parse(TestMessages.register(null));
    SipResponse ok = SipResponse.to(register, 200, "OK")
        .header(HeaderNames.CONTACT, "<sip:other@x.invalid;transport=ws>;expires=99, "
            + "<sip:k2not68h@df7jal23ls0d.invalid;transport=ws>;expires=1800;+sip.instance=\"<urn:uuid:a384eef3-4ff1-4e4d-b5bb-14aa5620b252>\";reg-id=1")
        .build();
    assertThat(RegisterResults.grantedExpires(register, ok)).isEqualTo(1800);
    assertThat(RegisterResults.isDeregistration(register)).isFalse();
    assertThat(RegisterResults.isDeregistration(TestMessages.parse(TestMessages.register(null)
        .replace("Expires: 600000", "Expires: 0")))).isTrue();
    assertThat(List.of()).isEmpty();
  }
}
