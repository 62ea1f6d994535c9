package org.webims.epcscf.config;

import java.time.Clock;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.web.reactive.HandlerMapping;
import org.springframework.web.reactive.handler.SimpleUrlHandlerMapping;
import org.springframework.web.server.WebFilter;
import org.webims.epcscf.metrics.EpCscfMetrics;
import org.webims.server.events.EventLog;
import org.webims.epcscf.registration.WicRequests;
import org.webims.epcscf.websocket.DroppedErrors;
import org.webims.epcscf.websocket.EdgeDrain;
import org.webims.epcscf.websocket.Rfc7118Framing;
import org.webims.epcscf.websocket.Rfc7118Handshake;
import org.webims.epcscf.websocket.SipWebSocketHandler;
import org.webims.epcscf.websocket.WicFlows;
import org.webims.server.tls.TlsProperties;
import org.webims.sip.parser.SipParser;

/**
 * The W2 edge (issue 13): Spring's reactive WebSocket API on Reactor Netty, hosted by Spring Boot. TLS comes
 * from server-support ({@code webims.tls.*}); Reactor Netty runs it on OpenSSL (BoringSSL, netty-tcnative) when
 * that loads, else on the JDK's SSLEngine. Plain WS needs both {@code webims.tls.enabled=false} and
 * {@code webims.epcscf.websocket.allow-plain=true}. The transport under it (loops, handshake, deadline) is
 * {@link WssEdgeTransport}.
 */
@Configuration(proxyBeanMethods = false)
class WssEdgeConfiguration {

  @Bean
  SipWebSocketHandler epcscfWebSocketHandler(EpCscfProperties props, SipParser parser, WicRequests requests,
      WicFlows flows, Clock clock, EpCscfMetrics metrics, EventLog events) {
    DroppedErrors.install();
    return new SipWebSocketHandler(new Rfc7118Framing(parser, props.websocket().maxHeaderFields()), requests,
        props.websocket(), flows, clock, events, metrics);
  }

  /** EPC-43, WIC-08: closes idle and stalled connections; checks every quarter of the shorter limit (100 ms..5 s). */
  @Bean(destroyMethod = "shutdownNow")
  ScheduledExecutorService epcscfIdleSweeper(EpCscfProperties props, SipWebSocketHandler handler) {
    ScheduledExecutorService sweeper = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "epcscf-idle-flows");
      t.setDaemon(true);
      return t;
    });
    long idle = props.websocket().idleTimeout().toMillis();
    long limit = Math.min(idle > 0 ? idle : Long.MAX_VALUE, props.websocket().sendTimeLimit().toMillis());
    long period = Math.max(100, Math.min(limit / 4, 5000));
    sweeper.scheduleWithFixedDelay(handler::closeIdleFlows, period, period, TimeUnit.MILLISECONDS);
    return sweeper;
  }

  /** The endpoint at {@code websocket.path}, before Spring's other mappings. */
  @Bean
  HandlerMapping epcscfWebSocketMapping(EpCscfProperties props, TlsProperties tls, SipWebSocketHandler handler) {
    if (!tls.enabled() && !props.websocket().allowPlain()) {
      throw new IllegalStateException("webims.tls.enabled=false needs webims.epcscf.websocket.allow-plain=true: "
          + "plain ws:// is a development switch (WIC-02)");
    }
    return new SimpleUrlHandlerMapping(Map.of(props.websocket().path(), handler), Ordered.HIGHEST_PRECEDENCE);
  }

  /** Issue 16: draining on SIGTERM ({@code webims.epcscf.drain.*}). */
  @Bean
  EdgeDrain epcscfDrain(EpCscfProperties props, SipWebSocketHandler handler, ApplicationEventPublisher events) {
    return new EdgeDrain(handler, events, props.drain().delay(), props.drain().timeout());
  }

  /** Issue 16: while draining, every handshake gets 503 so that the WIC tries another eP-CSCF. */
  @Bean
  @Order(Ordered.HIGHEST_PRECEDENCE + 1)
  WebFilter epcscfDrainRefusal(EdgeDrain drain, EpCscfMetrics metrics, EventLog events) {
    return (exchange, chain) -> {
      if (!drain.draining()) {
        return chain.filter(exchange);
      }
      metrics.handshakeFailed("draining");
      events.refusal(Rfc7118Handshake.refused(exchange, "draining", HttpStatus.SERVICE_UNAVAILABLE.value()));
      exchange.getResponse().setStatusCode(HttpStatus.SERVICE_UNAVAILABLE);
      return exchange.getResponse().setComplete();
    };
  }

  /** Issue 12 point 8: every HTTP error of this port is an RFC 9457 problem. */
  @Bean
  @Order(-3) // before Spring Boot's DefaultErrorWebExceptionHandler (-2)
  HttpProblems epcscfHttpProblems() {
    return new HttpProblems();
  }
}
