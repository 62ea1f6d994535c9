package org.webims.epcscf.websocket;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.util.Base64;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.webims.sip.message.SipMessage;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketSession;

/**
 * A WIC's WebSocket connection as a SIP flow (RFC 7118 §5, RFC 5626 §3). Sending is thread-safe
 * (the session is a {@code ConcurrentWebSocketSessionDecorator}); a message for a closed
 * connection is dropped, never re-routed (EPC-06).
 */
final class WebSocketFlow implements WicFlow {

  private static final Logger log = LoggerFactory.getLogger(WebSocketFlow.class);
  private static final SecureRandom RANDOM = new SecureRandom();

  private final String id;
  private final WebSocketSession session;
  private final InetSocketAddress remote;
  private final String tlsSessionId;
  private volatile long lastReceivedMillis;

  WebSocketFlow(WebSocketSession session) {
    this.id = newFlowToken();
    this.session = session;
    this.remote = session.getRemoteAddress();
    Object tls = session.getAttributes().get(TlsSessionCapture.ATTRIBUTE);
    this.tlsSessionId = tls == null ? null : tls.toString();
  }

  /** When the WIC last sent anything, keep-alives included (the idle timeout, EPC-43). */
  long lastReceivedMillis() {
    return lastReceivedMillis;
  }

  void received(long nowMillis) {
    lastReceivedMillis = nowMillis;
  }

  /** Closes the connection; the container then reports the close as for any other (flow loss). */
  void close(org.springframework.web.socket.CloseStatus status) {
    try {
      session.close(status);
    } catch (IOException | IllegalStateException e) {
      log.debug("closing flow {} failed: {}", id, e.toString());
    }
  }

  @Override
  public void close(int code, String reason) {
    close(new org.springframework.web.socket.CloseStatus(code, reason));
  }

  /** 72 random bits, URL-safe, usable as the user part of the Path URI (RFC 3261 §25.1 unreserved). */
  static String newFlowToken() {
    byte[] bytes = new byte[9];
    RANDOM.nextBytes(bytes);
    return "fl-" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  @Override
  public String id() {
    return id;
  }

  @Override
  public InetSocketAddress remote() {
    return remote;
  }

  @Override
  public void send(SipMessage message) {
    sendText(message.encode());
  }

  void sendText(String text) {
    if (!session.isOpen()) {
      log.debug("flow {} closed; {} dropped", id, text.length());
      return;
    }
    try {
      session.sendMessage(new TextMessage(text));
    } catch (IOException | IllegalStateException e) {
      log.debug("send on flow {} failed: {}", id, e.toString());
    }
  }

  @Override
  public boolean isOpen() {
    return session.isOpen();
  }

  @Override
  public String tlsSessionId() {
    return tlsSessionId;
  }

  @Override
  public String toString() {
    return "flow " + id + " from " + remote;
  }
}
