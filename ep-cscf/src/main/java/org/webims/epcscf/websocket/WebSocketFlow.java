package org.webims.epcscf.websocket;

import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.util.Base64;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.reactive.socket.CloseStatus;
import org.springframework.web.reactive.socket.WebSocketSession;
import org.webims.epcscf.metrics.EpCscfMetrics;
import org.webims.sip.SipParseException;
import org.webims.sip.message.SipMessage;
import org.webims.sip.message.SipRequest;
import org.webims.sip.message.SipResponse;
import reactor.netty.Connection;

/**
 * A WIC's WebSocket connection as a SIP flow (RFC 7118 §5, RFC 5626 §3). Sending is thread-safe and never
 * blocks: messages wait in a bounded {@link FlowSendQueue}, and a WIC that stops reading is disconnected when
 * it overflows. A message for a closed connection is dropped, never re-routed (EPC-06).
 */
final class WebSocketFlow implements WicFlow {

  private static final Logger log = LoggerFactory.getLogger(WebSocketFlow.class);
  private static final SecureRandom RANDOM = new SecureRandom();
  /** RFC 6455 §7.4.1: the WIC does not read what it is sent, a policy this end enforces. */
  static final int SEND_QUEUE_FULL = 1008;

  private final String id;
  private final WebSocketSession session;
  private final FlowSendQueue queue;
  private final InetSocketAddress remote;
  private final String tlsSessionId;
  private final EpCscfMetrics metrics;
  private volatile boolean open = true;
  private volatile long lastReceivedMillis;
  /** When the WIC's REGISTER now being answered came in ({@link System#nanoTime}), 0 when none; for the histogram. */
  private volatile long registerStartedNanos;

  WebSocketFlow(WebSocketSession session, FlowSendQueue queue, EpCscfMetrics metrics) {
    this.id = newFlowToken();
    this.session = session;
    this.queue = queue;
    this.metrics = metrics;
    this.remote = session.getHandshakeInfo().getRemoteAddress();
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

  FlowSendQueue queue() {
    return queue;
  }

  /** The connection is gone: nothing more is sent. */
  void closed() {
    open = false;
    queue.complete();
  }

  @Override
  public void close(int code, String reason) {
    if (open) {
      sendClose(code, reason);
    }
  }

  private void sendClose(int code, String reason) {
    session.close(new CloseStatus(code, reason))
        .subscribe(null, e -> log.debug("closing flow {} failed: {}", id, e.toString()));
  }

  /**
   * Closes a flow whose WIC stopped reading: a close frame would wait behind what it does not read, so the
   * connection is dropped after it is queued.
   */
  void abort(String why) {
    if (!open) {
      return;
    }
    open = false;
    log.info("{} closed: {}", this, why);
    sendClose(SEND_QUEUE_FULL, "send queue full");
    if (session.getAttributes().get(Rfc7118Handshake.CONNECTION) instanceof Connection connection) {
      connection.dispose();
    }
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

  /** A REGISTER from the WIC came in now. */
  void registerReceived() {
    registerStartedNanos = System.nanoTime();
  }

  @Override
  public void send(SipMessage message) {
    sendText(message.encode());
    if (message instanceof SipResponse response && response.statusCode() >= 200) {
      answered(response);
    }
  }

  /** Issue 16: a final response to the WIC ends an originating transaction, a REGISTER's among them. */
  private void answered(SipResponse response) {
    String method;
    try {
      method = response.cseq().method();
    } catch (SipParseException e) {
      return; // not one of ours: every response the edge sends has a CSeq it read
    }
    metrics.transactionCompleted(true, method, response.statusCode());
    if (SipRequest.REGISTER.equals(method)) {
      long started = registerStartedNanos;
      registerStartedNanos = 0;
      metrics.registerAnswered(response.statusCode(), started);
    }
  }

  void sendText(String text) {
    if (!open) {
      log.debug("flow {} closed; {} dropped", id, text.length());
      return;
    }
    metrics.frameOut();
    if (!queue.offer(text)) {
      abort("the WIC does not read: " + queue.waiting() + " characters waiting");
    }
  }

  @Override
  public boolean isOpen() {
    return open;
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
