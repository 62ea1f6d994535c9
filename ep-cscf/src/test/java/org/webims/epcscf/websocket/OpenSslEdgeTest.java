package org.webims.epcscf.websocket;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.handler.ssl.OpenSsl;
import io.netty.handler.ssl.ReferenceCountedOpenSslEngine;
import io.netty.handler.ssl.SslHandler;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.net.ssl.SSLEngine;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.reactor.netty.NettyServerCustomizer;
import org.springframework.boot.reactor.netty.NettyWebServer;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.webims.epcscf.EpCscf;
import org.webims.epcscf.EpCscfApplication;
import org.webims.epcscf.registration.TlsAssociation;
import org.webims.epcscf.testing.FakeScscf;
import org.webims.epcscf.testing.TestMessages;
import org.webims.epcscf.testing.WsClient;

/**
 * Issue 13 point 2: the WSS edge runs its TLS on OpenSSL (BoringSSL from netty-tcnative) on this platform, and
 * scenario 1's TLS association (EPC-14) still gets the identity of the TLS session of each connection.
 */
class OpenSslEdgeTest {

  private static final String DIGEST = "Digest username=\"alice_private@ims.example.net\", realm=\"ims.example.net\", "
      + "nonce=\"5f6b\", uri=\"sip:ims.example.net\", response=\"184a6ce5\", algorithm=SHA-256, cnonce=\"0a4f113b\", "
      + "qop=auth, nc=00000001";

  @Test
  void servesWssOnOpenSslAndBindsEachConnectionsTlsSession_EPC14(@TempDir Path dir) throws Exception {
    assertThat(OpenSsl.isAvailable()).as("netty-tcnative BoringSSL loads here").isTrue();
    List<SSLEngine> engines = new CopyOnWriteArrayList<>();
    NettyServerCustomizer probe = server -> server.doOnConnection(
        connection -> engines.add(connection.channel().pipeline().get(SslHandler.class).engine()));
    Path keyStore = dir.resolve("ep-cscf-tls.p12");
    try (FakeScscf scscf = FakeScscf.tcp();
        ConfigurableApplicationContext context = EpCscfApplication.builder()
            .initializers(c -> c.getBeanFactory().registerSingleton("tlsProbe", probe))
            .run("--server.port=0", "--webims.tls.key-store=" + keyStore, "--webims.epcscf.core.port=0",
                "--webims.epcscf.core.uri=" + scscf.uri())) {
      EpCscf epcscf = context.getBean(EpCscf.class);
      // Issue 13: Reactor Netty serves the edge, also with Tomcat on this test's classpath (the IMS core's).
      assertThat(((WebServerApplicationContext) context).getWebServer()).isInstanceOf(NettyWebServer.class);
      HttpClient http = WsClient.httpClient(keyStore, "webims-dev-only");
      String first = registerWithDigest(http, epcscf, scscf, "z9hG4bKone");
      String second = registerWithDigest(http, epcscf, scscf, "z9hG4bKtwo");

      assertThat(engines).isNotEmpty().allSatisfy(e -> assertThat(e).isInstanceOf(ReferenceCountedOpenSslEngine.class));
      assertThat(first).isNotNull().isNotEmpty();
      assertThat(second).isNotNull().isNotEqualTo(first);
      // BoringSSL gives a TLS 1.3 session no id: the connection then has a random 256-bit identity of its own.
      if (engines.get(0).getSession().getId().length == 0) {
        assertThat(first).matches("[0-9a-f]{64}");
      } else {
        assertThat(first).isEqualTo(HexFormat.of().formatHex(engines.get(0).getSession().getId()));
      }
    }
  }

  /** One WSS connection, one Digest REGISTER; the TLS session identity its association was bound to. */
  private static String registerWithDigest(HttpClient http, EpCscf epcscf, FakeScscf scscf, String branch)
      throws Exception {
    try (WsClient ws = WsClient.connect(http, epcscf.webSocketUri(), "sip", "https://localhost:8443")) {
      ws.send(TestMessages.register(DIGEST, branch, 1, "600000", "sip:alice@ims.example.net"));
      org.webims.sip.message.SipRequest forwarded = scscf.next();
      assertThat(forwarded.header("Authorization")).endsWith("integrity-protected=\"tls-pending\"");
      assertThat(ws.nextResponse().statusCode()).isEqualTo(200);
      String flow = forwarded.paths().get(0).uri().toString().substring(4, 19);
      return epcscf.tlsAssociations().forFlow(flow).map(TlsAssociation::tlsSessionId).orElse(null);
    }
  }
}
