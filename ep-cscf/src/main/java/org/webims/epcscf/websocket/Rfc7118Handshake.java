package org.webims.epcscf.websocket;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.ServerHttpRequest;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.web.socket.WebSocketHandler;
import org.springframework.web.socket.server.HandshakeInterceptor;

/**
 * The opening-handshake checks of the W2 edge, before any upgrade: the {@code Origin} must be one
 * of the configured WWSF origins, else 403 (EPC-03, TS 33.203 X.2.2.3 NOTE 3); and the client must
 * offer the {@code sip} subprotocol, else 400 (EPC-02, RFC 7118 §4.1). Selecting {@code sip} in the
 * 101 is the handshake handler's job ({@code setSupportedProtocols("sip")}).
 */
public final class Rfc7118Handshake implements HandshakeInterceptor {

  /** RFC 7118 §4.1: the WebSocket subprotocol for SIP. */
  public static final String SUBPROTOCOL = "sip";

  private static final Logger log = LoggerFactory.getLogger(Rfc7118Handshake.class);
  private static final String SEC_WEBSOCKET_PROTOCOL = "Sec-WebSocket-Protocol";

  private final List<String> allowedOrigins;

  public Rfc7118Handshake(List<String> allowedOrigins) {
    this.allowedOrigins = allowedOrigins.stream().map(Rfc7118Handshake::normalize).toList();
  }

  @Override
  public boolean beforeHandshake(ServerHttpRequest request, ServerHttpResponse response, WebSocketHandler handler,
      Map<String, Object> attributes) {
    String origin = request.getHeaders().getOrigin();
    if (origin == null || !allowedOrigins.contains(normalize(origin))) {
      log.info("WebSocket handshake from {} refused: origin not allowed", request.getRemoteAddress());
      response.setStatusCode(HttpStatus.FORBIDDEN);
      return false;
    }
    if (!offersSip(request.getHeaders().getValuesAsList(SEC_WEBSOCKET_PROTOCOL))) {
      log.info("WebSocket handshake from {} refused: subprotocol sip not offered", request.getRemoteAddress());
      response.setStatusCode(HttpStatus.BAD_REQUEST);
      return false;
    }
    return true;
  }

  @Override
  public void afterHandshake(ServerHttpRequest request, ServerHttpResponse response, WebSocketHandler handler,
      Exception exception) {
  }

  static boolean offersSip(List<String> offered) {
    for (String value : offered) {
      for (String p : value.split(",")) {
        if (p.trim().equals(SUBPROTOCOL)) {
          return true;
        }
      }
    }
    return false;
  }

  /** RFC 6454 §6.2 serialization: scheme and host are case-insensitive; no trailing slash. */
  static String normalize(String origin) {
    String o = origin.trim().toLowerCase(Locale.ROOT);
    return o.endsWith("/") ? o.substring(0, o.length() - 1) : o;
  }
}
