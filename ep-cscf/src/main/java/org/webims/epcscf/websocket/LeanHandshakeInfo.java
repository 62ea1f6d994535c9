package org.webims.epcscf.websocket;

import java.util.function.Supplier;
import org.springframework.http.HttpHeaders;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.web.reactive.socket.HandshakeInfo;
import org.springframework.web.reactive.socket.WebSocketHandler;
import org.springframework.web.reactive.socket.server.RequestUpgradeStrategy;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * Issue 13 (heap per registered flow): Spring's upgrade gives each WebSocket session a copy of every header and
 * cookie of its upgrade request, kept for the connection's life (about 1 kB of maps and strings per flow, 100,000
 * flows per node). The eP-CSCF checks Origin and the subprotocol before the upgrade ({@link Rfc7118Handshake}) and
 * afterwards reads only the remote address and the handshake's attributes (TLS session identity, the connection),
 * so the session's {@link HandshakeInfo} keeps those, the URI and the subprotocol, and no headers, cookies or
 * principal.
 */
public final class LeanHandshakeInfo implements RequestUpgradeStrategy {

  private final RequestUpgradeStrategy upgrade;

  public LeanHandshakeInfo(RequestUpgradeStrategy upgrade) {
    this.upgrade = upgrade;
  }

  @Override
  public Mono<Void> upgrade(ServerWebExchange exchange, WebSocketHandler handler, String subProtocol,
      Supplier<HandshakeInfo> handshakeInfo) {
    return upgrade.upgrade(exchange, handler, subProtocol, () -> lean(handshakeInfo.get()));
  }

  private static HandshakeInfo lean(HandshakeInfo full) {
    return new HandshakeInfo(full.getUri(), HttpHeaders.EMPTY, new LinkedMultiValueMap<>(0), Mono.empty(),
        full.getSubProtocol(), full.getRemoteAddress(), full.getAttributes(), full.getLogPrefix());
  }
}
