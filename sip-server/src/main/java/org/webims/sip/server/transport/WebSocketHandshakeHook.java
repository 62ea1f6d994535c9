package org.webims.sip.server.transport;

/**
 * The embedding server's say on a WebSocket opening handshake (RFC 6455 §4.2), after this module's own
 * checks (path, upgrade, the {@code sip} subprotocol of RFC 7118 §4.1) and before the 101: for example the
 * Origin check of a browser-facing edge (EPC-03). Runs on the connection's event loop, so it must not block.
 */
@FunctionalInterface
public interface WebSocketHandshakeHook {

  /** What {@link #check} returns to let the handshake go on. */
  int ACCEPT = 0;

  /** Accepts every handshake that passes this module's own checks. */
  WebSocketHandshakeHook ACCEPT_ALL = request -> ACCEPT;

  /** {@link #ACCEPT}, or the HTTP status (400..599) the handshake is refused with; the connection then closes. */
  int check(WebSocketHandshakeRequest request);
}
