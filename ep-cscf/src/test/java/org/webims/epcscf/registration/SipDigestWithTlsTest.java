package org.webims.epcscf.registration;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.net.InetSocketAddress;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.webims.epcscf.core.CoreProxy;
import org.webims.epcscf.core.CoreProxy.CoreHop;
import org.webims.epcscf.testing.FakeCoreNetwork;
import org.webims.epcscf.testing.FakeWicFlow;
import org.webims.sip.testing.MutableClock;
import org.webims.epcscf.testing.TestMessages;
import org.webims.epcscf.testing.TestScscf;
import org.webims.sip.message.HeaderNames;
import org.webims.sip.message.SipRequest;
import org.webims.sip.message.SipResponse;
import org.webims.sip.transaction.TransactionTimers;

/**
 * Scenario 1 without sockets (EPC-09, 11..18, 41): a WIC's Digest REGISTER in, what the S-CSCF gets
 * out to a fake core, the core's answers back to a fake flow.
 */
class SipDigestWithTlsTest {

  /** Checklist §5.4: the WIC's answer to the SHA-256 challenge of §5.3. */
  private static final String ANSWER = "Digest username=\"alice_private@ims.example.net\", realm=\"ims.example.net\", "
      + "nonce=\"5f6b1c0e9a7d4e2f8b3c1d0e9f8a7b6c\", uri=\"sip:ims.example.net\", "
      + "response=\"184a6ce536be2bb86580e428b53a5142a64a9f55176929b6bd29b03319a5d49a\", algorithm=SHA-256, "
      + "cnonce=\"0a4f113b\", opaque=\"e3b0c442\", qop=auth, nc=00000001";
  private static final String EMPTY = "Digest username=\"alice_private@ims.example.net\", realm=\"ims.example.net\", "
      + "uri=\"sip:ims.example.net\", nonce=\"\", response=\"\"";
  private static final String MESSAGE = TestMessages.register(null)
      .replace("REGISTER sip:ims.example.net", "MESSAGE sip:bob@ims.example.net")
      .replace("CSeq: 1 REGISTER", "CSeq: 1 MESSAGE");

  private final MutableClock clock = new MutableClock(Instant.now());
  private final CoreHop hop =
      new CoreHop("TCP", new InetSocketAddress("127.0.0.1", 5060), "epcscf.ims.example.net", 5060);
  private final FakeWicFlow flow = new FakeWicFlow("fl-7Q2xYc");
  private final Registrations registrations = new Registrations();
  private final TlsAssociations associations = new TlsAssociations();
  private final FakeCoreNetwork core = new FakeCoreNetwork();
  private final CoreProxy proxy = new CoreProxy(core, hop, TransactionTimers.DEFAULT);
  private final SipDigestWithTls digest = new SipDigestWithTls(
      new TrustedNodeRegister("ims.example.net", "ims.example.net", false, hop), proxy, registrations, associations,
      clock);
  private final WicRequests edge = new WicRequests(null, digest, new OriginatingRequests(proxy, registrations),
      registrations);

  private static SipRequest register(String authorization, int cseq, String expires) {
    return TestMessages.parse(TestMessages.register(authorization, "z9hG4bKnash0" + cseq, cseq, expires,
        "sip:alice@ims.example.net"));
  }

  private String forwardedAuthorization() {
    return core.lastRequest().header(HeaderNames.AUTHORIZATION);
  }

  /** Registers {@code on} with the §5.4 answer and a 200 from the core. */
  private void bind(FakeWicFlow on) {
    edge.onRequest(on, register(ANSWER, 2, "600000"));
    proxy.onMessage(TestScscf.ok(core.lastRequest(), 3600), core.toScscf);
  }

  @Test
  void forwardsNoIntegrityProtectedWithoutAChallengeResponseOnAnUnboundConnection_EPC11() throws Exception {
    edge.onRequest(flow, register(EMPTY, 1, "600000"));
    assertThat(forwardedAuthorization()).isEqualTo(EMPTY);

    edge.onRequest(flow, register("Digest username=\"alice_private@ims.example.net\", realm=\"ims.example.net\", "
        + "uri=\"sip:ims.example.net\", nonce=\"\"", 2, "600000"));
    assertThat(forwardedAuthorization()).doesNotContain("integrity-protected");
  }

  @Test
  void removesTheIntegrityProtectedTheWicSentBeforeApplyingItsRules_EPC09() throws Exception {
    edge.onRequest(flow, register(EMPTY + ", integrity-protected=\"tls-yes\"", 1, "600000"));
    assertThat(forwardedAuthorization()).isEqualTo(EMPTY);

    edge.onRequest(flow, register(ANSWER + ", integrity-protected=\"auth-done\"", 2, "600000"));
    assertThat(forwardedAuthorization()).isEqualTo(ANSWER + ", integrity-protected=\"tls-pending\"");
  }

  @Test
  void forwardsTlsPendingWhenChallengeResponseArrivesOnUnboundConnection_EPC12() throws Exception {
    edge.onRequest(flow, register(ANSWER, 2, "600000"));

    SipRequest out = core.lastRequest();
    assertThat(out.header(HeaderNames.AUTHORIZATION)).isEqualTo(ANSWER + ", integrity-protected=\"tls-pending\"");
    // The same rewrite as the Trusted Node REGISTER (§5.2), credentials aside.
    assertThat(out.vias()).hasSize(2);
    assertThat(out.vias().get(1).toString())
        .isEqualTo("SIP/2.0/WSS df7jal23ls0d.invalid;rport=52810;received=198.51.100.23;branch=z9hG4bKnash02");
    assertThat(out.header(HeaderNames.PATH)).isEqualTo("<sip:fl-7Q2xYc@epcscf.ims.example.net:5060;transport=tcp;lr;ob>");
    assertThat(out.require()).containsExactly("path");
    assertThat(out.header(HeaderNames.P_VISITED_NETWORK_ID)).isEqualTo("\"ims.example.net\"");
    assertThat(out.pChargingVector().icidValue()).isNotBlank();
    assertThat(out.maxForwards()).isEqualTo(69);
    assertThat(out.headers().stream().filter(h -> h.name().equals(HeaderNames.AUTHORIZATION))).hasSize(1);
  }

  @Test
  void forwardsTlsYesOnlyOnTheTlsSessionAssociatedWithTheImpi_EPC13() throws Exception {
    bind(flow);
    edge.onRequest(flow, register(ANSWER.replace("nc=00000001", "nc=00000002"), 3, "600000"));
    assertThat(forwardedAuthorization()).endsWith("nc=00000002, integrity-protected=\"tls-yes\"");
    assertThat(forwardedAuthorization()).doesNotContain("tls-protected");

    // Another IMPI on the same connection is not bound.
    edge.onRequest(flow, register(ANSWER.replace("alice_private", "bob_private"), 4, "600000"));
    assertThat(forwardedAuthorization()).endsWith("integrity-protected=\"tls-pending\"");

    // A new connection of the same IMPI (same TLS session id even, as after resumption) is unbound.
    FakeWicFlow other = new FakeWicFlow("fl-other", "tls-fl-7Q2xYc");
    edge.onRequest(other, register(ANSWER, 2, "600000"));
    assertThat(forwardedAuthorization()).endsWith("integrity-protected=\"tls-pending\"");
  }

  @Test
  void createsTheTlsAssociationOnA200AndRemovesItOnA200ToTheDeregistration_EPC14_EPC15_EPC41() throws Exception {
    edge.onRequest(flow, register(EMPTY, 1, "600000"));
    proxy.onMessage(SipResponse.to(core.lastRequest(), 401, "Unauthorized").build(), core.toScscf);
    assertThat(associations.count()).isZero();

    bind(flow);
    TlsAssociation a = associations.forFlow(flow.id()).orElseThrow();
    assertThat(a).isEqualTo(new TlsAssociation("fl-7Q2xYc", "198.51.100.23", 52810, "tls-fl-7Q2xYc",
        "alice_private@ims.example.net", java.util.List.of("sip:alice@ims.example.net", "tel:+15551230001")));
    assertThat(registrations.forFlow(flow.id()).orElseThrow().serviceRoutes())
        .containsExactly("<sip:orig@scscf.ims.example.net;lr>");

    edge.onRequest(flow, register(ANSWER.replace("nc=00000001", "nc=00000002"), 3, "0"));
    assertThat(forwardedAuthorization()).endsWith("integrity-protected=\"tls-yes\"");
    proxy.onMessage(TestScscf.ok(core.lastRequest(), 0), core.toScscf);
    assertThat(associations.count()).isZero();
    assertThat(registrations.count()).isZero();
  }

  @Test
  void relaysThe401UnchangedApartFromViaAndCharging_EPC18() throws Exception {
    edge.onRequest(flow, register(EMPTY, 1, "600000"));
    SipResponse challenge = SipResponse.to(core.lastRequest(), 401, "Unauthorized")
        .header(HeaderNames.WWW_AUTHENTICATE, "Digest realm=\"ims.example.net\", nonce=\"5f6b\", algorithm=SHA-256, qop=\"auth\", opaque=\"e3b0c442\"")
        .header(HeaderNames.WWW_AUTHENTICATE, "Digest realm=\"ims.example.net\", nonce=\"c1d0\", algorithm=MD5, qop=\"auth\", opaque=\"e3b0c442\"")
        .header(HeaderNames.P_CHARGING_VECTOR, "icid-value=\"x\"")
        .build();
    proxy.onMessage(challenge, core.toScscf);

    SipResponse relayed = flow.lastResponse();
    String expected = challenge.toBuilder().removeFirstHeader(HeaderNames.VIA)
        .removeHeader(HeaderNames.P_CHARGING_VECTOR).build().encode();
    assertThat(relayed.encode()).isEqualTo(expected);
    assertThat(relayed.vias()).hasSize(1);
  }

  @Test
  void answersARequestOtherThanRegisterOnAnUnboundConnectionWith403_EPC16() throws Exception {
    edge.onRequest(flow, TestMessages.parse(MESSAGE));
    assertThat(flow.lastResponse().statusCode()).isEqualTo(403);
    assertThat(core.sent()).isEmpty();
  }

  @Test
  void assertsTheRegisteredIdentityAndRoutesAlongTheServiceRoute_EPC17() throws Exception {
    bind(flow);
    int sent = core.sent().size();
    edge.onRequest(flow, TestMessages.parse(MESSAGE.replace("Supported:",
        "P-Preferred-Identity: <tel:+15551230001>\r\nP-Asserted-Identity: <sip:eve@ims.example.net>\r\nRoute: <sip:evil.example.net;lr>\r\nSupported:")));

    assertThat(core.sent()).hasSize(sent + 1);
    SipRequest out = core.lastRequest();
    assertThat(out.method()).isEqualTo("MESSAGE");
    assertThat(out.header(HeaderNames.P_ASSERTED_IDENTITY)).isEqualTo("<tel:+15551230001>");
    assertThat(out.hasHeader("P-Preferred-Identity")).isFalse();
    assertThat(out.header(HeaderNames.ROUTE)).isEqualTo("<sip:orig@scscf.ims.example.net;lr>");
    assertThat(out.vias().get(1).received()).isEqualTo("198.51.100.23");

    // Without a preferred identity, From decides.
    edge.onRequest(flow, TestMessages.parse(MESSAGE.replace("CSeq: 1", "CSeq: 2").replace("z9hG4bK56sdasks", "z9hG4bKmsg2")));
    assertThat(core.lastRequest().header(HeaderNames.P_ASSERTED_IDENTITY)).isEqualTo("<sip:alice@ims.example.net>");

    proxy.onMessage(SipResponse.to(core.lastRequest(), 405, null).header(HeaderNames.P_CHARGING_VECTOR, "icid-value=\"x\"")
        .build(), core.toScscf);
    assertThat(flow.lastResponse().statusCode()).isEqualTo(405);
    assertThat(flow.lastResponse().hasHeader(HeaderNames.P_CHARGING_VECTOR)).isFalse();
  }

  @Test
  void refusesAPreferredIdentityTheAssociationDoesNotHoldWith403_EPC17() throws Exception {
    bind(flow);
    int sent = core.sent().size();
    edge.onRequest(flow, TestMessages.parse(MESSAGE.replace("Supported:",
        "P-Preferred-Identity: <sip:bob@ims.example.net>\r\nSupported:")));
    assertThat(flow.lastResponse().statusCode()).isEqualTo(403);
    assertThat(core.sent()).hasSize(sent);

    // EPC-60: From is not a preferred identity; without one, the default IMPU is asserted.
    edge.onRequest(flow, TestMessages.parse(MESSAGE.replace("From: <sip:alice@", "From: <sip:mallory@")));
    assertThat(core.sent()).hasSize(sent + 1);
    assertThat(core.lastRequest().header(HeaderNames.P_ASSERTED_IDENTITY)).isEqualTo("<sip:alice@ims.example.net>");
  }

  @Test
  void neverMarksTlsOverPlainWebSocketAndWarnsOncePerConnection() throws Exception {
    Logger logger = (Logger) LoggerFactory.getLogger(SipDigestWithTls.class);
    ListAppender<ILoggingEvent> logs = new ListAppender<>();
    logs.start();
    logger.addAppender(logs);
    try {
      FakeWicFlow plain = new FakeWicFlow("fl-plain", null);
      edge.onRequest(plain, register(EMPTY, 1, "600000"));
      assertThat(forwardedAuthorization()).isEqualTo(EMPTY);
      bind(plain);
      assertThat(core.lastRequest().header(HeaderNames.AUTHORIZATION)).endsWith("integrity-protected=\"ip-assoc-pending\"");
      edge.onRequest(plain, register(ANSWER.replace("nc=00000001", "nc=00000002"), 3, "600000"));
      assertThat(forwardedAuthorization()).endsWith("integrity-protected=\"ip-assoc-yes\"");
      assertThat(associations.forFlow("fl-plain").orElseThrow().tlsSessionId()).isNull();

      assertThat(logs.list.stream().filter(e -> e.getLevel() == Level.WARN).map(ILoggingEvent::getFormattedMessage))
          .singleElement().asString().contains("without TLS protection").doesNotContain("184a6ce5");
      assertThat(logs.list.stream().map(ILoggingEvent::getFormattedMessage))
          .noneMatch(m -> m.contains("184a6ce536be") || m.contains("s3cret"));
    } finally {
      logger.detachAppender(logs);
    }
  }

  @Test
  void dropsTheAssociationWhenTheWebSocketCloses_EPC43() throws Exception {
    bind(flow);
    assertThat(associations.count()).isEqualTo(1);
    flow.close();
    edge.onClose(flow);
    assertThat(associations.count()).isZero();
    assertThat(registrations.count()).isZero();
  }
}
