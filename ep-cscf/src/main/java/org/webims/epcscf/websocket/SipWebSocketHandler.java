package org.webims.epcscf.websocket;

import io.netty.handler.codec.TooLongFrameException;
import java.time.Clock;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.web.reactive.socket.CloseStatus;
import org.springframework.web.reactive.socket.WebSocketHandler;
import org.springframework.web.reactive.socket.WebSocketMessage;
import org.springframework.web.reactive.socket.WebSocketSession;
import org.webims.epcscf.config.EpCscfProperties;
import org.webims.epcscf.metrics.EpCscfMetrics;
import org.webims.server.events.Event;
import org.webims.server.events.EventLog;
import org.webims.sip.message.SipRequest;
import org.webims.sip.message.SipResponse;
import org.webims.sip.SipParseException;
import reactor.core.publisher.Mono;

/**
 * The WebSocket layer of the W2 edge (RFC 7118) on Spring's reactive WebSocket API: one {@link WicFlow} per
 * connection, size limit (oversize closes with 1009), RFC 7118 §5.1 framing, and hand-over of well-formed
 * messages to the {@link WicMessageHandler}, on the connection's event loop, one message at a time. Text and
 * binary messages are both accepted (a binary one that is not UTF-8 gets 400, see
 * {@link Rfc7118Framing#decode(byte[])}).
 */
public final class SipWebSocketHandler implements WebSocketHandler {

  private static final Logger log = LoggerFactory.getLogger(SipWebSocketHandler.class);

  private final Rfc7118Framing framing;
  private final WicMessageHandler handler;
  private final EpCscfProperties.WebSocket config;
  private final ConcurrentHashMap<String, WebSocketFlow> flows = new ConcurrentHashMap<>();
  private final WicFlows byToken;
  private final Clock clock;
  private final EventLog events;
  private final EpCscfMetrics metrics;

  public SipWebSocketHandler(Rfc7118Framing framing, WicMessageHandler handler, EpCscfProperties.WebSocket config) {
    this(framing, handler, config, new WicFlows(), Clock.systemUTC());
  }

  public SipWebSocketHandler(Rfc7118Framing framing, WicMessageHandler handler, EpCscfProperties.WebSocket config,
      WicFlows byToken, Clock clock) {
    this(framing, handler, config, byToken, clock, EventLog.named("webims.events.epcscf"),
        EpCscfMetrics.unregistered());
  }

  /**
   * @param events where malformed messages are written ({@code message.malformed}, limited per reason)
   * @param metrics connections, frames, REGISTER outcomes and transactions (issue 16)
   */
  public SipWebSocketHandler(Rfc7118Framing framing, WicMessageHandler handler, EpCscfProperties.WebSocket config,
      WicFlows byToken, Clock clock, EventLog events, EpCscfMetrics metrics) {
    this.events = events;
    this.metrics = metrics;
    metrics.gauge(EpCscfMetrics.WS_CONNECTIONS, "WebSocket connections open now", flows::size);
    this.framing = framing;
    this.handler = handler;
    this.config = config;
    this.byToken = byToken;
    this.clock = clock;
  }

  /** RFC 7118 §4.1: the handshake selects {@code sip} (Rfc7118Handshake refuses a client that does not offer it). */
  @Override
  public List<String> getSubProtocols() {
    return List.of(Rfc7118Handshake.SUBPROTOCOL);
  }

  /**
   * EPC-43, WIC-08: closes every connection that sent nothing (not even a CRLF keep-alive) for longer
   * than {@code webims.epcscf.websocket.idle-timeout}, and every one whose WIC has read nothing it was sent
   * for longer than {@code send-time-limit}; the close is then handled as flow loss. Run periodically.
   *
   * @return how many connections were closed
   */
  public int closeIdleFlows() {
    long timeout = config.idleTimeout().toMillis();
    long now = clock.millis();
    int closed = 0;
    for (WebSocketFlow flow : flows.values()) {
      if (flow.queue().stalled(now)) {
        flow.abort("the WIC read nothing for more than " + config.sendTimeLimit().toMillis() + " ms");
        closed++;
      } else if (timeout > 0 && now - flow.lastReceivedMillis() > timeout) {
        log.info("{} idle for more than {} ms: closed", flow, timeout);
        flow.close(CloseStatus.GOING_AWAY.getCode(), "idle");
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
      flow.close(CloseStatus.GOING_AWAY.getCode(), "closed by the eP-CSCF");
      closed++;
    }
    return closed;
  }

  /** Open WebSocket flows. */
  public int flowCount() {
    return flows.size();
  }

  /** The open flows, for tests in this package. */
  Collection<WebSocketFlow> flows() {
    return flows.values();
  }

  @Override
  public Mono<Void> handle(WebSocketSession session) {
    FlowSendQueue queue = new FlowSendQueue(config.sendBufferSizeLimit(), config.sendTimeLimit(), clock);
    WebSocketFlow flow = new WebSocketFlow(session, queue, metrics);
    metrics.connectionOpened();
    flow.received(clock.millis());
    flows.put(flow.id(), flow);
    byToken.add(flow);
    log.debug("{} opened", flow);
    Mono<Void> in = session.receive()
        .doOnNext(message -> receive(session, flow, message))
        .then()
        .onErrorResume(TooLongFrameException.class, e -> session.close(CloseStatus.TOO_BIG_TO_PROCESS))
        .doFinally(signal -> flow.closed());
    Mono<Void> out = session.send(queue.messages().map(session::textMessage));
    return Mono.when(in, out)
        .onErrorResume(e -> {
          log.debug("{}: {}", flow, e.toString());
          return Mono.empty();
        })
        .doFinally(signal -> closed(flow));
  }

  private void receive(WebSocketSession session, WebSocketFlow flow, WebSocketMessage message) {
    flow.received(clock.millis());
    WebSocketMessage.Type type = message.getType();
    if (type != WebSocketMessage.Type.TEXT && type != WebSocketMessage.Type.BINARY) {
      return; // a pong: Reactor Netty answers pings itself
    }
    metrics.frameIn();
    DataBuffer payload = message.getPayload();
    if (payload.readableByteCount() > config.maxMessageSize()) {
      session.close(CloseStatus.TOO_BIG_TO_PROCESS).subscribe();
      return;
    }
    if (type == WebSocketMessage.Type.TEXT) {
      receive(flow, framing.decode(message.getPayloadAsText()));
    } else {
      byte[] bytes = new byte[payload.readableByteCount()];
      payload.read(bytes);
      receive(flow, framing.decode(bytes));
    }
  }

  private void receive(WebSocketFlow flow, Rfc7118Framing.Decoded decoded) {
    if (decoded instanceof Rfc7118Framing.Message m) {
      try {
        if (m.message() instanceof SipRequest request) {
          if (request.isMethod(SipRequest.REGISTER)) {
            flow.registerReceived();
          }
          handler.onRequest(flow, request);
        } else {
          SipResponse response = (SipResponse) m.message();
          answered(response);
          handler.onResponse(flow, response);
        }
      } catch (RuntimeException e) {
        // A bug, not the client's fault: this flow closes as the servlet container closed it (1011), no other.
        log.error("{}: message not handled", flow, e);
        flow.close(CloseStatus.SERVER_ERROR.getCode(), "internal error");
      }
    } else if (decoded instanceof Rfc7118Framing.KeepAlive) {
      flow.sendText(Rfc7118Framing.PONG);
    } else if (decoded instanceof Rfc7118Framing.Reject r) {
      log.debug("malformed request on {}: {}", flow, r.reason());
      events.refusal(malformed(flow, "request").with("status", r.answer().statusCode()));
      flow.send(r.answer());
    } else if (decoded instanceof Rfc7118Framing.Drop d) {
      log.debug("malformed response on {} dropped: {}", flow, d.reason());
      events.refusal(malformed(flow, "response"));
    }
  }

  private static Event malformed(WicFlow flow, String what) {
    return Event.of("message.malformed").with("flow", flow.id()).with("source", flow.sourceAddress())
        .with(Event.REASON, what);
  }

  /** Issue 16: the WIC's final response ends a terminating transaction. */
  private void answered(SipResponse response) {
    if (response.statusCode() < 200) {
      return;
    }
    try {
      metrics.transactionCompleted(false, response.cseq().method(), response.statusCode());
    } catch (SipParseException e) {
      // The framing checked the CSeq; a response without one reaches nothing to count.
    }
  }

  private void closed(WebSocketFlow flow) {
    flow.closed();
    if (flows.remove(flow.id()) != null) {
      byToken.remove(flow);
      log.debug("{} closed", flow);
      handler.onClose(flow);
    }
  }
}
