package org.webims.epcscf.websocket;

import java.net.InetSocketAddress;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpRequestDecorator;
import org.springframework.web.reactive.socket.WebSocketHandler;
import org.springframework.web.reactive.socket.WebSocketSession;
import org.springframework.web.reactive.socket.server.WebSocketService;
import org.springframework.web.server.ServerWebExchange;
import org.webims.epcscf.metrics.EpCscfMetrics;
import org.webims.server.events.Event;
import org.webims.server.events.EventLog;
import reactor.core.publisher.Mono;
import reactor.netty.Connection;

/**
 * The opening-handshake checks of the W2 edge, before any upgrade: the {@code Origin} must be one
 * of the configured WWSF origins, else 403 (EPC-03, TS 33.203 X.2.2.3 NOTE 3); and the client must
 * offer the {@code sip} subprotocol, else 400 (EPC-02, RFC 7118 §4.1). A handshake that passes keeps its
 * TLS session id ({@link TlsSessionCapture}) and goes to {@code upgrade} (Spring's handshake), which selects
 * {@code sip} in the 101 from {@link SipWebSocketHandler#getSubProtocols()}.
 */
public final class Rfc7118Handshake implements WebSocketService {

  /** RFC 7118 §4.1: the WebSocket subprotocol for SIP. */
  public static final String SUBPROTOCOL = "sip";

  /**
   * The WebSocket session attribute that holds the Reactor Netty connection, so that a flow whose
   * WIC stopped reading can be dropped without waiting for its close frame to be written.
   */
  public static final String CONNECTION = "webims.connection";

  private static final Logger log = LoggerFactory.getLogger(Rfc7118Handshake.class);
  private static final String SEC_WEBSOCKET_PROTOCOL = "Sec-WebSocket-Protocol";

  private final List<String> allowedOrigins;
  private final EventLog events;
  private final WebSocketService upgrade;
  private final EpCscfMetrics metrics;

  /**
   * @param events where refused handshakes are written ({@code handshake.refused}, limited per reason)
   * @param upgrade the handshake proper, for requests that pass these checks
   * @param metrics counts refused handshakes by reason (issue 16)
   */
  public Rfc7118Handshake(List<String> allowedOrigins, EventLog events, WebSocketService upgrade,
      EpCscfMetrics metrics) {
    this.allowedOrigins = allowedOrigins.stream().map(Rfc7118Handshake::normalize).toList();
    this.events = events;
    this.upgrade = upgrade;
    this.metrics = metrics;
  }

  @Override
  public Mono<Void> handleRequest(ServerWebExchange exchange, WebSocketHandler handler) {
    ServerHttpRequest request = exchange.getRequest();
    String origin = request.getHeaders().getOrigin();
    if (origin == null || !allowedOrigins.contains(normalize(origin))) {
      return refuse(exchange, HttpStatus.FORBIDDEN, "origin", origin);
    }
    if (!offersSip(request.getHeaders().getValuesAsList(SEC_WEBSOCKET_PROTOCOL))) {
      return refuse(exchange, HttpStatus.BAD_REQUEST, "subprotocol", origin);
    }
    Map<String, Object> attributes = new HashMap<>(2);
    TlsSessionCapture.capture(request, attributes);
    if (ServerHttpRequestDecorator.getNativeRequest(request) instanceof Connection connection) {
      attributes.put(CONNECTION, connection);
    }
    return upgrade.handleRequest(exchange, new WebSocketHandler() {
      @Override
      public List<String> getSubProtocols() {
        return handler.getSubProtocols();
      }

      @Override
      public Mono<Void> handle(WebSocketSession session) {
        session.getAttributes().putAll(attributes); // what only the handshake's request shows, for the flow
        return handler.handle(session);
      }
    });
  }

  private Mono<Void> refuse(ServerWebExchange exchange, HttpStatus status, String reason, String origin) {
    metrics.handshakeFailed(reason);
    events.refusal(refused(exchange, reason, status.value()).with("origin", origin));
    exchange.getResponse().setStatusCode(status);
    return exchange.getResponse().setComplete();
  }

  /** The {@code handshake.refused} event of {@code exchange}, refused for {@code reason} with {@code status}. */
  public static Event refused(ServerWebExchange exchange, String reason, int status) {
    InetSocketAddress remote = exchange.getRequest().getRemoteAddress();
    String source = remote == null || remote.getAddress() == null ? "unknown" : remote.getAddress().getHostAddress();
    return Event.of("handshake.refused").with("source", source).with(Event.REASON, reason).with("status", status);
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
