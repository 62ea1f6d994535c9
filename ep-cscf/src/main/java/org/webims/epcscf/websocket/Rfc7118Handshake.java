package org.webims.epcscf.websocket;

import java.net.InetSocketAddress;
import java.time.Duration;
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
import org.webims.server.abuse.RateLimitedLog;

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
  private final RateLimitedLog refusals;

  public Rfc7118Handshake(List<String> allowedOrigins) {
    this(allowedOrigins, refusalLog(Duration.ofSeconds(10), 10_000));
  }

  /** @param refusals where refused handshakes are logged, rate-limited per source address */
  public Rfc7118Handshake(List<String> allowedOrigins, RateLimitedLog refusals) {
    this.allowedOrigins = allowedOrigins.stream().map(Rfc7118Handshake::normalize).toList();
    this.refusals = refusals;
  }

  /** The log of refused handshakes at INFO: one line per source per {@code interval}, then a count. */
  public static RateLimitedLog refusalLog(Duration interval, int capacity) {
    return new RateLimitedLog("refused WebSocket handshakes", interval, capacity, RateLimitedLog.toInfo(log));
  }

  @Override
  public boolean beforeHandshake(ServerHttpRequest request, ServerHttpResponse response, WebSocketHandler handler,
      Map<String, Object> attributes) {
    String origin = request.getHeaders().getOrigin();
    if (origin == null || !allowedOrigins.contains(normalize(origin))) {
      refused(request, "origin not allowed");
      response.setStatusCode(HttpStatus.FORBIDDEN);
      return false;
    }
    if (!offersSip(request.getHeaders().getValuesAsList(SEC_WEBSOCKET_PROTOCOL))) {
      refused(request, "subprotocol sip not offered");
      response.setStatusCode(HttpStatus.BAD_REQUEST);
      return false;
    }
    return true;
  }

  private void refused(ServerHttpRequest request, String why) {
    InetSocketAddress remote = request.getRemoteAddress();
    String source = remote == null || remote.getAddress() == null ? "unknown" : remote.getAddress().getHostAddress();
    refusals.refused(source, System.currentTimeMillis(), "WebSocket handshake from " + source + " refused: " + why);
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
