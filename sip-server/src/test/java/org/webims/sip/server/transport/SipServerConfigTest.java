package org.webims.sip.server.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.webims.sip.parser.ParseLimits;

/** The limits of a SIP server: safe defaults, nonsense refused at build time (issue 13). */
class SipServerConfigTest {

  @Test
  void defaultsAreSafe() {
    SipServerConfig c = SipServerConfig.builder().build();

    assertThat(c.bindAddress()).isEqualTo("127.0.0.1");
    assertThat(c.port()).isEqualTo(5060);
    assertThat(c.udp()).isTrue();
    assertThat(c.tcp()).isTrue();
    assertThat(c.tlsPort()).isEqualTo(SipServerConfig.TLS_OFF);
    assertThat(c.eventLoopThreads()).isEqualTo(Runtime.getRuntime().availableProcessors());
    assertThat(c.parseLimits()).isSameAs(ParseLimits.DEFAULT);
    assertThat(c.idleTimeout()).isEqualTo(Duration.ofMinutes(10));
    assertThat(c.connectTimeout()).isEqualTo(Duration.ofSeconds(5));
    assertThat(c.maxConnections()).isEqualTo(10_000);
    assertThat(c.badResponseReason()).isEqualTo("Bad response from the next hop");
  }

  @Test
  void refusesWhatCannotWork() {
    assertThatThrownBy(() -> SipServerConfig.builder().port(70000).build()).hasMessageContaining("port");
    assertThatThrownBy(() -> SipServerConfig.builder().udp(false).tcp(false).build())
        .hasMessageContaining("at least one");
    assertThatThrownBy(() -> SipServerConfig.builder().tls(5061, null).build()).hasMessageContaining("TLS");
    assertThatThrownBy(() -> SipServerConfig.builder().maxConnections(0).build())
        .hasMessageContaining("maxConnections");
    assertThatThrownBy(() -> SipServerConfig.builder().eventLoops(-1).build()).hasMessageContaining("eventLoops");
    assertThatThrownBy(() -> SipServerConfig.builder().connectTimeout(Duration.ZERO).build())
        .hasMessageContaining("connectTimeout");
    assertThatThrownBy(() -> SipServerConfig.builder().badResponseReason(" ").build())
        .hasMessageContaining("badResponseReason");
  }

  /** Issue 13: WS and WSS are off unless asked for; their limits have safe defaults (EPC-02). */
  @Test
  void webSocketDefaultsAreSafe() {
    SipServerConfig c = SipServerConfig.builder().build();

    assertThat(c.wsPort()).isEqualTo(SipServerConfig.TLS_OFF);
    assertThat(c.wssPort()).isEqualTo(SipServerConfig.TLS_OFF);
    assertThat(c.webSocketPath()).isEqualTo("/");
    assertThat(c.webSocketMaxMessageSize()).isEqualTo(65_535);
    assertThat(c.webSocketHandshakeTimeout()).isEqualTo(Duration.ofSeconds(10));
    assertThat(c.webSocketSendQueueLimit()).isEqualTo(524_288);
  }

  @Test
  void refusesWebSocketSettingsThatCannotWork() {
    assertThatThrownBy(() -> SipServerConfig.builder().ws(70000).build()).hasMessageContaining("WS port");
    assertThatThrownBy(() -> SipServerConfig.builder().wss(5063, null).build()).hasMessageContaining("WSS");
    assertThatThrownBy(() -> SipServerConfig.builder().webSocketPath("sip").build())
        .hasMessageContaining("webSocketPath");
    assertThatThrownBy(() -> SipServerConfig.builder().webSocketMaxMessageSize(10).build())
        .hasMessageContaining("webSocketMaxMessageSize");
    assertThatThrownBy(() -> SipServerConfig.builder().webSocketHandshakeTimeout(Duration.ZERO).build())
        .hasMessageContaining("webSocketHandshakeTimeout");
    assertThatThrownBy(() -> SipServerConfig.builder().webSocketSendQueueLimit(1000).build())
        .hasMessageContaining("webSocketSendQueueLimit");
    // WS alone is a server: the eP-CSCF's edge has nothing but WSS.
    assertThat(SipServerConfig.builder().udp(false).tcp(false).ws(0).build().wsPort()).isZero();
  }
}
