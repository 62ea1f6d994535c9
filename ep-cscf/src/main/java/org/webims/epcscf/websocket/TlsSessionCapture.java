package org.webims.epcscf.websocket;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Map;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.SslInfo;

/**
 * TS 33.203 O.2.2 (EPC-14): keeps the identity of the TLS session of the WSS connection, which only the
 * handshake's request shows ({@link ServerHttpRequest#getSslInfo()}), in the WebSocket session's attributes for
 * {@link WicFlow}. That is the TLS session id (hex) where the TLS provider assigns one (the JDK's SSLEngine
 * does); BoringSSL assigns none to a TLS 1.3 session, and then the connection gets a random 256-bit identity of
 * its own. Either way the identity is unique to one TLS connection, which is what the association binds (one
 * WebSocket per connection, no resumption across connections is relied on). Over plain WebSocket there is none
 * and nothing is kept.
 */
public final class TlsSessionCapture {

  /** The WebSocket session attribute that holds it. */
  public static final String ATTRIBUTE = "webims.tls-session-id";

  private static final SecureRandom RANDOM = new SecureRandom();

  private TlsSessionCapture() {
  }

  /** Puts the TLS session identity of {@code request}, when it came over TLS, into {@code attributes}. */
  static void capture(ServerHttpRequest request, Map<String, Object> attributes) {
    SslInfo ssl = request.getSslInfo();
    if (ssl == null) {
      return;
    }
    String id = ssl.getSessionId();
    attributes.put(ATTRIBUTE, id != null && !id.isEmpty() ? id : connectionIdentity());
  }

  private static String connectionIdentity() {
    byte[] bytes = new byte[32];
    RANDOM.nextBytes(bytes);
    return HexFormat.of().formatHex(bytes);
  }
}
