package org.webims.epcscf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.jwk.RSAKey;
import java.net.http.HttpClient;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.webims.epcscf.testing.FakeScscf;
import org.webims.epcscf.testing.JwksServer;
import org.webims.epcscf.testing.TestMessages;
import org.webims.epcscf.testing.TestTokens;
import org.webims.epcscf.testing.WsClient;
import org.webims.sip.message.SipRequest;

/** The development switch (WIC-02): plain ws:// needs TLS off AND allow-plain; here also UDP toward the core. */
class PlainWebSocketSwitchTest {

  @Test
  void refusesToStartWithTlsOffUnlessPlainWebSocketIsAllowed() {
    assertThatThrownBy(() -> EpCscfApplication.builder().run(
        "--server.port=0", "--webims.epcscf.core.port=0", "--webims.tls.enabled=false"))
        .hasRootCauseInstanceOf(IllegalStateException.class)
        .rootCause().hasMessageContaining("webims.epcscf.websocket.allow-plain");
  }

  @Test
  void servesPlainWebSocketWithBothSwitchesAndForwardsOverUdp() throws Exception {
    RSAKey key = TestTokens.newKey("waf-1");
    try (JwksServer jwks = new JwksServer(TestTokens.publicSet(key));
        FakeScscf scscf = FakeScscf.udp();
        ConfigurableApplicationContext context = EpCscfApplication.builder().run(
            "--server.port=0", "--webims.epcscf.core.port=0", "--webims.tls.enabled=false",
            "--webims.epcscf.websocket.allow-plain=true", "--webims.epcscf.core.uri=" + scscf.uri(),
            "--webims.epcscf.token.jwks-uri=" + jwks.uri())) {
      EpCscf epcscf = context.getBean(EpCscf.class);
      assertThat(epcscf.webSocketUri().getScheme()).isEqualTo("ws");
      try (WsClient ws = WsClient.connect(HttpClient.newHttpClient(), epcscf.webSocketUri(), "sip",
          "https://localhost:8443")) {
        ws.send(TestMessages.register(TestMessages.bearer(TestTokens.sign(key, TestTokens.claims(Instant.now()).build()))));
        SipRequest forwarded = scscf.next();
        assertThat(forwarded.topVia().transport()).isEqualTo("UDP");
        assertThat(forwarded.paths().get(0).uri().toString()).endsWith(";transport=udp;lr;ob");
        assertThat(ws.nextResponse().statusCode()).isEqualTo(200);
        assertThat(epcscf.registrations().count()).isEqualTo(1);
      }
    }
  }

  @Test
  void runsDigestOverPlainWebSocketWithTheNoTlsMarkingsOnly() throws Exception {
    String answer = "Digest username=\"alice_private@ims.example.net\", realm=\"ims.example.net\", nonce=\"5f6b\", "
        + "uri=\"sip:ims.example.net\", response=\"184a6ce5\", algorithm=SHA-256, cnonce=\"0a4f113b\", qop=auth, nc=00000001";
    try (FakeScscf scscf = FakeScscf.tcp();
        ConfigurableApplicationContext context = EpCscfApplication.builder().run(
            "--server.port=0", "--webims.epcscf.core.port=0", "--webims.tls.enabled=false",
            "--webims.epcscf.websocket.allow-plain=true", "--webims.epcscf.core.uri=" + scscf.uri())) {
      EpCscf epcscf = context.getBean(EpCscf.class);
      try (WsClient ws = WsClient.connect(HttpClient.newHttpClient(), epcscf.webSocketUri(), "sip",
          "https://localhost:8443")) {
        ws.send(TestMessages.register(answer));
        assertThat(scscf.next().header("Authorization")).endsWith("integrity-protected=\"ip-assoc-pending\"");
        assertThat(ws.nextResponse().statusCode()).isEqualTo(200);
        assertThat(epcscf.tlsAssociations().all()).singleElement()
            .satisfies(a -> assertThat(a.tlsSessionId()).isNull());

        ws.send(TestMessages.register(answer.replace("nc=00000001", "nc=00000002"), "z9hG4bKre", 2, "600000",
            "sip:alice@ims.example.net"));
        assertThat(scscf.next().header("Authorization")).endsWith("integrity-protected=\"ip-assoc-yes\"");
        assertThat(ws.nextResponse().statusCode()).isEqualTo(200);
      }
    }
  }
}
