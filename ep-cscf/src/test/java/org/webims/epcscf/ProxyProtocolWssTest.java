package org.webims.epcscf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.jwk.RSAKey;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.webims.epcscf.testing.ProxyProtocolRelay;
import org.webims.epcscf.testing.RunningEpCscf;
import org.webims.epcscf.testing.TestMessages;
import org.webims.epcscf.testing.TestTokens;
import org.webims.epcscf.testing.WsClient;
import org.webims.sip.message.SipResponse;

/**
 * Issue 16, EPC-21 and EPC-02 behind HAProxy in TCP mode: with {@code webims.epcscf.websocket.proxy-protocol=on}
 * the eP-CSCF takes each client's address from the PROXY protocol header HAProxy sends ({@code send-proxy-v2}),
 * so one client's bad tokens lock out that client's address only, not everyone behind the balancer.
 */
class ProxyProtocolWssTest {

  private static final String ORIGIN = "https://localhost:8443";

  @Test
  void locksOutTheAddressInTheProxyHeaderNotTheBalancers_EPC21(@TempDir Path dir) throws Exception {
    RSAKey key = TestTokens.newKey("waf-1");
    try (RunningEpCscf running = RunningEpCscf.start(dir, key, "--webims.epcscf.websocket.proxy-protocol=on",
        "--webims.epcscf.abuse.bad-token-lockout.max-failures=3", "--webims.epcscf.websocket.handshake-timeout=1s");
        ProxyProtocolRelay attacker = relay(running, "203.0.113.7");
        ProxyProtocolRelay user = relay(running, "198.51.100.20");
        WsClient bad = WsClient.connect(running.http, attacker.in(running.epcscf.webSocketUri()), "sip", ORIGIN);
        WsClient good = WsClient.connect(running.http, user.in(running.epcscf.webSocketUri()), "sip", ORIGIN)) {
      for (int i = 0; i < 3; i++) {
        bad.send(TestMessages.register(TestMessages.bearer("eyJhbGciOi.bad.token" + i)));
        assertThat(bad.nextResponse().statusCode()).isEqualTo(401);
      }
      bad.send(TestMessages.register(TestMessages.bearer(TestTokens.sign(key, TestTokens.claims(Instant.now()).build()))));
      SipResponse locked = bad.nextResponse();
      assertThat(locked.statusCode()).isEqualTo(403);
      assertThat(locked.header("Retry-After")).isNotNull();

      // Another client behind the same balancer, past the handshake deadline (EPC-02: the deadline follows the
      // connection, not the address in its header): registered as usual.
      assertThat(good.awaitClosed(1500)).isFalse();
      good.send(TestMessages.register(TestMessages.bearer(TestTokens.sign(key, TestTokens.claims(Instant.now()).build()))));
      running.scscf.next();
      assertThat(good.nextResponse().statusCode()).isEqualTo(200);
    }
  }

  @Test
  void refusesAConnectionWithoutAProxyHeaderWhenOn(@TempDir Path dir) throws Exception {
    RSAKey key = TestTokens.newKey("waf-1");
    try (RunningEpCscf running = RunningEpCscf.start(dir, key, "--webims.epcscf.websocket.proxy-protocol=on")) {
      assertThatThrownBy(() -> WsClient.connect(running.http, running.epcscf.webSocketUri(), "sip", ORIGIN))
          .isInstanceOf(Exception.class);
      // The listener goes on serving proxied connections.
      try (ProxyProtocolRelay balancer = relay(running, "198.51.100.20");
          WsClient ws = WsClient.connect(running.http, balancer.in(running.epcscf.webSocketUri()), "sip", ORIGIN)) {
        ws.send(TestMessages.register(TestMessages.bearer(TestTokens.sign(key, TestTokens.claims(Instant.now()).build()))));
        running.scscf.next();
        assertThat(ws.nextResponse().statusCode()).isEqualTo(200);
      }
    }
  }

  private static ProxyProtocolRelay relay(RunningEpCscf running, String claimedSource) throws Exception {
    return new ProxyProtocolRelay(new InetSocketAddress("127.0.0.1", running.epcscf.webSocketPort()), claimedSource);
  }
}
