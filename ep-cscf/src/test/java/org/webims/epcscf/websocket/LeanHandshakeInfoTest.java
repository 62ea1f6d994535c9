package org.webims.epcscf.websocket;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.net.URI;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpCookie;
import org.springframework.http.HttpHeaders;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import org.springframework.web.reactive.socket.HandshakeInfo;
import org.springframework.web.reactive.socket.server.RequestUpgradeStrategy;
import reactor.core.publisher.Mono;

/**
 * Issue 13 (heap per flow): the session of a WSS flow keeps of its upgrade request only what the eP-CSCF reads
 * afterwards (remote address, subprotocol, the handshake's attributes: TLS session identity, connection), not a
 * copy of every request header and cookie for the connection's life.
 */
class LeanHandshakeInfoTest {

  @Test
  void theSessionKeepsNoCopyOfTheRequestsHeadersOrCookies() {
    HttpHeaders headers = new HttpHeaders();
    headers.add("Origin", "https://wwsf.example.net");
    headers.add("Sec-WebSocket-Protocol", "sip");
    headers.add("User-Agent", "a long browser user agent string that each flow would otherwise keep");
    MultiValueMap<String, HttpCookie> cookies = new LinkedMultiValueMap<>();
    cookies.add("c", new HttpCookie("c", "v"));
    InetSocketAddress remote = new InetSocketAddress("198.51.100.23", 52810);
    Map<String, Object> attributes = Map.of(TlsSessionCapture.ATTRIBUTE, "ab12");
    HandshakeInfo full = new HandshakeInfo(URI.create("wss://epcscf.example.net/"), headers, cookies, Mono.empty(),
        "sip", remote, attributes, "[1] ");
    AtomicReference<HandshakeInfo> kept = new AtomicReference<>();
    RequestUpgradeStrategy delegate = (exchange, handler, subProtocol, info) -> {
      kept.set(info.get());
      return Mono.empty();
    };

    new LeanHandshakeInfo(delegate).upgrade(null, null, "sip", () -> full).block();

    HandshakeInfo info = kept.get();
    assertThat(info.getHeaders().isEmpty()).isTrue();
    assertThat(info.getCookies()).isEmpty();
    assertThat(info.getRemoteAddress()).isEqualTo(remote);
    assertThat(info.getSubProtocol()).isEqualTo("sip");
    assertThat(info.getAttributes()).containsEntry(TlsSessionCapture.ATTRIBUTE, "ab12");
    assertThat(info.getUri()).isEqualTo(full.getUri());
    assertThat(info.getLogPrefix()).isEqualTo("[1] ");
  }
}
