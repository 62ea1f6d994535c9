package org.webims.epcscf.websocket;

import java.util.Map;
import org.springframework.http.server.ServerHttpRequest;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.http.server.ServletServerHttpRequest;
import org.springframework.web.socket.WebSocketHandler;
import org.springframework.web.socket.server.HandshakeInterceptor;

/**
 * TS 33.203 O.2.2 (EPC-14): keeps the TLS session id of the WSS connection, which only the
 * handshake's servlet request shows, in the WebSocket session's attributes for {@link WicFlow}.
 * Over plain WebSocket there is none and nothing is kept.
 */
public final class TlsSessionCapture implements HandshakeInterceptor {

  /** Jakarta Servlet 6 §3.10: the hex TLS session id of a request over TLS. */
  public static final String SERVLET_ATTRIBUTE = "jakarta.servlet.request.ssl_session_id";
  /** The WebSocket session attribute that holds it. */
  static final String ATTRIBUTE = "webims.tls-session-id";

  @Override
  public boolean beforeHandshake(ServerHttpRequest request, ServerHttpResponse response, WebSocketHandler handler,
      Map<String, Object> attributes) {
    if (request instanceof ServletServerHttpRequest servlet) {
      Object id = servlet.getServletRequest().getAttribute(SERVLET_ATTRIBUTE);
      if (id != null && !id.toString().isEmpty()) {
        attributes.put(ATTRIBUTE, id.toString());
      }
    }
    return true;
  }

  @Override
  public void afterHandshake(ServerHttpRequest request, ServerHttpResponse response, WebSocketHandler handler,
      Exception exception) {
    // nothing to undo
  }
}
