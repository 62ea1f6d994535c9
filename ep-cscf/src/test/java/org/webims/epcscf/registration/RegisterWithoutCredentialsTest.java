package org.webims.epcscf.registration;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.webims.epcscf.core.CoreProxy;
import org.webims.epcscf.core.CoreProxy.CoreHop;
import org.webims.epcscf.testing.FakeCoreNetwork;
import org.webims.epcscf.testing.FakeWicFlow;
import org.webims.epcscf.testing.TestConfig;
import org.webims.epcscf.testing.TestMessages;
import org.webims.epcscf.testing.TestScscf;
import org.webims.sip.message.Header;
import org.webims.sip.message.HeaderNames;
import org.webims.sip.message.SipRequest;
import org.webims.sip.message.SipResponse;
import org.webims.sip.testing.MutableClock;
import org.webims.sip.transaction.TransactionTimers;

/**
 * EPC-22 as an ordinary SIP UA (JsSIP, SIP.js) meets it: its first REGISTER carries no credentials.
 * With scenario 1 offered, that REGISTER goes to the S-CSCF as scenario 1 (EPC-11: no
 * {@code integrity-protected}, here no Authorization at all) and the S-CSCF's 401 comes back with the
 * eP-CSCF's RFC 8898 Bearer challenge in front of the S-CSCF's Digest challenges; with scenario 1
 * off, the eP-CSCF answers the Bearer challenge alone and forwards nothing.
 */
class RegisterWithoutCredentialsTest {

  private static final String BEARER = "Bearer realm=\"ims.example.net\", authz_server=\"https://localhost:8443\"";
  private static final String SHA256 =
      "Digest realm=\"ims.example.net\", nonce=\"5f6b\", algorithm=SHA-256, qop=\"auth\", opaque=\"e3b0c442\"";
  private static final String MD5 =
      "Digest realm=\"ims.example.net\", nonce=\"c1d0\", algorithm=MD5, qop=\"auth\", opaque=\"e3b0c442\"";
  private static final String ANSWER = "Digest username=\"alice_private@ims.example.net\", realm=\"ims.example.net\", "
      + "nonce=\"c1d0\", uri=\"sip:ims.example.net\", response=\"cb26142a5d7f13150e112cd1c6da6e7b\", algorithm=MD5, "
      + "cnonce=\"0a4f113b\", opaque=\"e3b0c442\", qop=auth, nc=00000001";

  private final MutableClock clock = new MutableClock(Instant.now());
  private final CoreHop hop =
      new CoreHop("TCP", new InetSocketAddress("127.0.0.1", 5060), "epcscf.ims.example.net", 5060);
  private final FakeWicFlow flow = new FakeWicFlow("fl-7Q2xYc");
  private final Registrations registrations = new Registrations();
  private final TlsAssociations associations = new TlsAssociations();
  private final FakeCoreNetwork core = new FakeCoreNetwork();
  private final CoreProxy proxy = new CoreProxy(core, hop, TransactionTimers.DEFAULT);
  /**
   * The WIC side as wired; {@code scenario1} false is {@code webims.epcscf.digest.enabled=false}. No
   * REGISTER here carries a token, so no validator is needed.
   */
  private WicRequests edge(boolean scenario1) {
    TrustedNodeRegister rewrite = new TrustedNodeRegister("ims.example.net", "ims.example.net", false, hop);
    return new WicRequests(new TrustedNodeAuthentication(null, rewrite, proxy, registrations,
        "ims.example.net", "https://localhost:8443", TestConfig.noLeaseCheck(clock), Duration.ofSeconds(10), clock),
        scenario1 ? new SipDigestWithTls(rewrite, proxy, registrations, associations, clock) : null,
        new OriginatingRequests(proxy, registrations), registrations);
  }

  private static SipRequest register(String authorization, int cseq, String expires) {
    return TestMessages.parse(TestMessages.register(authorization, "z9hG4bKjs" + cseq, cseq, expires,
        "sip:alice@ims.example.net"));
  }

  private static SipResponse unauthorized(SipRequest forwarded) {
    return SipResponse.to(forwarded, 401, "Unauthorized")
        .header(HeaderNames.WWW_AUTHENTICATE, SHA256)
        .header(HeaderNames.WWW_AUTHENTICATE, MD5)
        .header(HeaderNames.P_CHARGING_VECTOR, "icid-value=\"x\"")
        .build();
  }

  /** The WWW-Authenticate lines, in order. */
  private static List<String> challenges(SipResponse r) {
    return r.headers().stream().filter(h -> h.is(HeaderNames.WWW_AUTHENTICATE)).map(Header::value).toList();
  }

  @Test
  void withScenario1ARegisterWithoutCredentialsGoesToTheScscfWithoutAuthorization_EPC22_EPC11() throws Exception {
    edge(true).onRequest(flow, register(null, 1, "600000"));

    assertThat(core.sent()).hasSize(1);
    SipRequest out = core.lastRequest();
    assertThat(out.hasHeader(HeaderNames.AUTHORIZATION)).isFalse();
    // The rewrite every forwarded REGISTER gets (EPC-04, 05, 07, 08).
    assertThat(out.header(HeaderNames.PATH)).isEqualTo("<sip:fl-7Q2xYc@epcscf.ims.example.net:5060;transport=tcp;lr;ob>");
    assertThat(out.vias().get(1).received()).isEqualTo("198.51.100.23");
    assertThat(out.header(HeaderNames.P_VISITED_NETWORK_ID)).isEqualTo("\"ims.example.net\"");
    assertThat(flow.received()).isEmpty();
  }

  @Test
  void withScenario1The401CarriesTheBearerChallengeThenTheScscfsDigestChallenges_EPC22_EPC18() throws Exception {
    edge(true).onRequest(flow, register(null, 1, "600000"));
    proxy.onMessage(unauthorized(core.lastRequest()), core.toScscf);

    SipResponse r = flow.lastResponse();
    assertThat(r.statusCode()).isEqualTo(401);
    // The Digest challenges last, in the S-CSCF's order: JsSIP keeps only the last line.
    assertThat(challenges(r)).containsExactly(BEARER, SHA256, MD5);
    assertThat(r.hasHeader(HeaderNames.P_CHARGING_VECTOR)).isFalse(); // EPC-31
    assertThat(r.vias()).hasSize(1);
  }

  @Test
  void withScenario1TheAnswerToThatChallengeRegistersAsScenario1_EPC12_EPC14() throws Exception {
    WicRequests edge = edge(true);
    edge.onRequest(flow, register(null, 1, "600000"));
    proxy.onMessage(unauthorized(core.lastRequest()), core.toScscf);

    edge.onRequest(flow, register(ANSWER, 2, "600000"));
    assertThat(core.lastRequest().header(HeaderNames.AUTHORIZATION))
        .isEqualTo(ANSWER + ", integrity-protected=\"tls-pending\"");
    proxy.onMessage(TestScscf.ok(core.lastRequest(), 3600), core.toScscf);

    assertThat(flow.lastResponse().statusCode()).isEqualTo(200);
    assertThat(associations.forFlow(flow.id()).orElseThrow().impi()).isEqualTo("alice_private@ims.example.net");
    assertThat(registrations.forFlow(flow.id())).isPresent();
  }

  @Test
  void withScenario1OtherAnswersOfTheScscfAreRelayedWithoutTheBearerChallenge() throws Exception {
    edge(true).onRequest(flow, register(null, 1, "600000"));
    proxy.onMessage(SipResponse.to(core.lastRequest(), 403, "Too many failed authentication attempts").build(),
        core.toScscf);

    SipResponse r = flow.lastResponse();
    assertThat(r.statusCode()).isEqualTo(403);
    assertThat(r.reasonPhrase()).isEqualTo("Too many failed authentication attempts");
    assertThat(r.hasHeader(HeaderNames.WWW_AUTHENTICATE)).isFalse();
  }

  @Test
  void withScenario1AChallengeResponsesOwn401StaysAsTheScscfSentIt_EPC18() throws Exception {
    edge(true).onRequest(flow, register(ANSWER, 2, "600000"));
    proxy.onMessage(unauthorized(core.lastRequest()), core.toScscf);

    assertThat(challenges(flow.lastResponse())).containsExactly(SHA256, MD5);
  }

  @Test
  void withScenario1AnotherSchemeStillGetsTheBearerChallengeAloneAndNothingIsForwarded_EPC22() throws Exception {
    edge(true).onRequest(flow, register("Basic YWxpY2U6c2VjcmV0", 1, "600000"));

    assertThat(core.sent()).isEmpty();
    assertThat(challenges(flow.lastResponse())).containsExactly(BEARER);
  }

  @Test
  void withoutScenario1ARegisterWithoutCredentialsGetsTheBearerChallengeAloneAndNothingIsForwarded_EPC22()
      throws Exception {
    edge(false).onRequest(flow, register(null, 1, "600000"));

    SipResponse r = flow.lastResponse();
    assertThat(r.statusCode()).isEqualTo(401);
    assertThat(challenges(r)).containsExactly(BEARER);
    assertThat(r.to().tag()).isNotNull();
    assertThat(core.sent()).isEmpty();
  }

  @Test
  void withoutScenario1DigestCredentialsGetTheBearerChallengeAndNothingIsForwarded_EPC22() throws Exception {
    edge(false).onRequest(flow, register(ANSWER, 2, "600000"));

    assertThat(challenges(flow.lastResponse())).containsExactly(BEARER);
    assertThat(core.sent()).isEmpty();
  }
}
