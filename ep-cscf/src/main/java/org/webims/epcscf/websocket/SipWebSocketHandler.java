package org.webims.epcscf.websocket;

import java.nio.ByteBuffer;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.socket.BinaryMessage;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.handler.AbstractWebSocketHandler;
import org.springframework.web.socket.handler.ConcurrentWebSocketSessionDecorator;
import org.webims.epcscf.config.EpCscfProperties;
import org.webims.server.abuse.RateLimitedLog;
import org.webims.sip.message.SipRequest;
import org.webims.sip.message.SipResponse;

/**
 * The WebSocket layer of the W2 edge (RFC 7118): one {@link WicFlow} per connection, size limit
 * (oversize closes with 1009), RFC 7118 §5.1 framing, and hand-over of well-formed messages to the
 * {@link WicMessageHandler}. Text and binary messages are both accepted (a binary one that is not UTF-8
 * gets 400, see {@link Rfc7118Framing#decode(byte[])}).
 */
public final class SipWebSocketHandler extends AbstractWebSocketHandler {

  private static final Logger log = LoggerFactory.getLogger(SipWebSocketHandler.class);

  private final Rfc7118Framing framing;
  private final WicMessageHandler handler;
  private final EpCscfProperties.WebSocket config;
  private final ConcurrentHashMap<String, WebSocketFlow> flows = new ConcurrentHashMap<>();
  private final WicFlows byToken;
  private final Clock clock;
  private final RateLimitedLog malformed;

  public SipWebSocketHandler(Rfc7118Framing framing, WicMessageHandler handler, EpCscfProperties.WebSocket config) {
    this(framing, handler, config, new WicFlows(), Clock.systemUTC());
  }

  public SipWebSocketHandler(Rfc7118Framing framing, WicMessageHandler handler, EpCscfProperties.WebSocket config,
      WicFlows byToken, Clock clock) {
    this(framing, handler, config, byToken, clock, refusalLog(Duration.ofSeconds(10), 10_000));
  }

  /** @param malformed where malformed messages are logged, rate-limited per source address */
  public SipWebSocketHandler(Rfc7118Framing framing, WicMessageHandler handler, EpCscfProperties.WebSocket config,
      WicFlows byToken, Clock clock, RateLimitedLog malformed) {
    this.malformed = malformed;
    this.framing = framing;
    this.handler = handler;
    this.config = config;
    this.byToken = byToken;
    this.clock = clock;
  }

  /** The log of malformed messages at INFO: one line per source per {@code interval}, then a count. */
  public static RateLimitedLog refusalLog(Duration interval, int capacity) {
    return new RateLimitedLog("malformed SIP messages", interval, capacity, RateLimitedLog.toInfo(log));
  }

  /**
   * EPC-43, WIC-08: closes every connection that sent nothing (not even a CRLF keep-alive) for longer
   * than {@code webims.epcscf.websocket.idle-timeout}; the close is then handled as flow loss. Run
   * periodically; does nothing when the timeout is 0.
   *
   * @return how many connections were closed
   */
  public int closeIdleFlows() {
    long timeout = config.idleTimeout().toMillis();
    if (timeout <= 0) {
      return 0;
    }
    long now = clock.millis();
    int closed = 0;
    for (WebSocketFlow flow : flows.values()) {
      if (now - flow.lastReceivedMillis() > timeout) {
        log.info("{} idle for more than {} ms: closed", flow, timeout);
        flow.close(CloseStatus.GOING_AWAY.withReason("idle"));
        closed++;
      }
    }
    return closed;
  }

  /**
   * Closes every connection (1001 going away), each handled as flow loss (EPC-43) as if the network
   * had dropped it: for draining a node, and for tests of the WIC's reconnect (WIC-10).
   *
   * @return how many connections were closed
   */
  public int closeAllFlows() {
    int closed = 0;
    for (WebSocketFlow flow : flows.values()) {
      flow.close(CloseStatus.GOING_AWAY.withReason("closed by the eP-CSCF"));
      closed++;
    }
    return closed;
  }

  /** Open WebSocket flows. */
  public int flowCount() {
    return flows.size();
  }

  @Override
  public void afterConnectionEstablished(WebSocketSession session) {
    WebSocketSession concurrent = new ConcurrentWebSocketSessionDecorator(session,
        (int) config.sendTimeLimit().toMillis(), config.sendBufferSizeLimit());
    WebSocketFlow flow = new WebSocketFlow(concurrent);
    flow.received(clock.millis());
    flows.put(session.getId(), flow);
    byToken.add(flow);
    log.debug("{} opened", flow);
  }

  @Override
  protected void handleTextMessage(WebSocketSession session, TextMessage message) throws Exception {
    if (message.getPayloadLength() > config.maxMessageSize()) {
      session.close(CloseStatus.TOO_BIG_TO_PROCESS);
      return;
    }
    receive(session, framing.decode(message.getPayload()));
  }

  @Override
  protected void handleBinaryMessage(WebSocketSession session, BinaryMessage message) throws Exception {
    if (message.getPayloadLength() > config.maxMessageSize()) {
      session.close(CloseStatus.TOO_BIG_TO_PROCESS);
      return;
    }
    ByteBuffer payload = message.getPayload();
    byte[] bytes = new byte[payload.remaining()];
    payload.get(bytes);
    receive(session, framing.decode(bytes));
  }

  private void receive(WebSocketSession session, Rfc7118Framing.Decoded decoded) {
    WebSocketFlow flow = flows.get(session.getId());
    if (flow == null) {
      return;
    }
    flow.received(clock.millis());
    if (decoded instanceof Rfc7118Framing.Message m) {
      if (m.message() instanceof SipRequest request) {
        handler.onRequest(flow, request);
      } else {
        handler.onResponse(flow, (SipResponse) m.message());
      }
    } else if (decoded instanceof Rfc7118Framing.KeepAlive) {
      flow.sendText(Rfc7118Framing.PONG);
    } else if (decoded instanceof Rfc7118Framing.Reject r) {
      malformed.refused(flow.sourceAddress(), clock.millis(),
          "malformed request on " + flow + ": " + r.reason());
      flow.send(r.answer());
    } else if (decoded instanceof Rfc7118Framing.Drop d) {
      malformed.refused(flow.sourceAddress(), clock.millis(),
          "malformed response on " + flow + " dropped: " + d.reason());
    }
  }

  @Override
  public void handleTransportError(WebSocketSession session, Throwable exception) {
    log.debug("WebSocket transport error on session {}: {}", session.getId(), exception.toString());
  }

  @Override
  public void afterConnectionClosed(WebSocketSession session, CloseStatus status) {
    WebSocketFlow flow = flows.remove(session.getId());
    if (flow != null) {
      byToken.remove(flow);
      log.debug("{} closed: {}", flow, status);
      handler.onClose(flow);
    }
  }
}
