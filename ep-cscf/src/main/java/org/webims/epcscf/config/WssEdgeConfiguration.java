package org.webims.epcscf.config;

import java.net.InetSocketAddress;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.springframework.boot.reactor.netty.NettyServerCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.client.ReactorResourceFactory;
import org.springframework.web.reactive.HandlerMapping;
import org.springframework.web.reactive.config.WebFluxConfigurer;
import org.springframework.web.reactive.handler.SimpleUrlHandlerMapping;
import org.springframework.web.reactive.socket.server.WebSocketService;
import org.springframework.web.reactive.socket.server.support.HandshakeWebSocketService;
import org.springframework.web.reactive.socket.server.upgrade.ReactorNettyRequestUpgradeStrategy;
import org.springframework.web.server.WebFilter;
import org.webims.epcscf.registration.WicRequests;
import org.webims.epcscf.websocket.HandshakeDeadline;
import org.webims.epcscf.websocket.Rfc7118Framing;
import org.webims.epcscf.websocket.Rfc7118Handshake;
import org.webims.epcscf.websocket.SipWebSocketHandler;
import org.webims.epcscf.websocket.WicFlows;
import org.webims.server.tls.TlsProperties;
import org.webims.sip.parser.SipParser;
import reactor.netty.http.server.WebsocketServerSpec;
import reactor.netty.resources.LoopResources;

/**
 * The W2 edge (issue 13): Spring's reactive WebSocket API on Reactor Netty, hosted by Spring Boot. TLS comes
 * from server-support ({@code webims.tls.*}); Reactor Netty runs it on OpenSSL (BoringSSL, netty-tcnative) when
 * that loads, else on the JDK's SSLEngine. Plain WS needs both {@code webims.tls.enabled=false} and
 * {@code webims.epcscf.websocket.allow-plain=true}.
 */
@Configuration(proxyBeanMethods = false)
class WssEdgeConfiguration {

  @Bean
  SipWebSocketHandler epcscfWebSocketHandler(EpCscfProperties props, SipParser parser, WicRequests requests,
      WicFlows flows, Clock clock) {
    return new SipWebSocketHandler(new Rfc7118Framing(parser, props.websocket().maxHeaderFields()), requests,
        props.websocket(), flows, clock,
        SipWebSocketHandler.refusalLog(props.abuse().refusalLogInterval(), props.abuse().badTokenLockout().capacity()));
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

  /**
   * The edge's own event loops (threads {@code epcscf-wss-*}; as many as Reactor Netty's
   * {@code reactor.netty.ioWorkerCount}, by default the cores, at least 4), not Reactor Netty's global ones: an
   * eP-CSCF that stops must not stop another in the same JVM (the tests start several).
   */
  @Bean
  ReactorResourceFactory epcscfReactorResources() {
    ReactorResourceFactory resources = new ReactorResourceFactory();
    resources.setUseGlobalResources(false);
    resources.setLoopResourcesSupplier(() -> LoopResources.create("epcscf-wss", LoopResources.DEFAULT_IO_WORKER_COUNT,
        true));
    return resources;
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

  /**
   * The handshake: RFC 7118 checks first, then Spring's upgrade on Reactor Netty with the message size limit
   * (RFC 7118 §5.1 one message per frame; a larger frame, or a larger message in fragments, closes with 1009).
   */
  @Bean
  WebFluxConfigurer epcscfWebSocketService(EpCscfProperties props) {
    int max = props.websocket().maxMessageSize();
    HandshakeWebSocketService upgrade = new HandshakeWebSocketService(new ReactorNettyRequestUpgradeStrategy(
        () -> WebsocketServerSpec.builder().maxFramePayloadLength(max)));
    WebSocketService service = new Rfc7118Handshake(props.websocket().allowedOrigins(),
        Rfc7118Handshake.refusalLog(props.abuse().refusalLogInterval(), props.abuse().badTokenLockout().capacity()),
        upgrade);
    return new WebFluxConfigurer() {
      @Override
      public WebSocketService getWebSocketService() {
        return service;
      }
    };
  }

  /** EPC-02 abuse resistance: the whole opening handshake within {@code websocket.handshake-timeout}. */
  @Bean(destroyMethod = "close")
  HandshakeDeadline epcscfHandshakeDeadline(EpCscfProperties props) {
    return new HandshakeDeadline(props.websocket().handshakeTimeout(),
        HandshakeDeadline.refusalLog(props.abuse().refusalLogInterval(), props.abuse().badTokenLockout().capacity()));
  }

  /**
   * Reactor Netty with the handshake deadline from the moment a connection is accepted (TLS included). One
   * request per connection: the eP-CSCF serves only the opening handshake, so a connection is upgraded or closed
   * after it, and no second slow request can follow.
   */
  @Bean
  NettyServerCustomizer epcscfNetty(HandshakeDeadline deadline) {
    return server -> server.maxKeepAliveRequests(1)
        .doOnChannelInit((observer, channel, remote) -> deadline.accepted(channel.remoteAddress(), channel::close));
  }

  /** Tells the handshake deadline which connections sent a complete request. */
  @Bean
  @Order(Ordered.HIGHEST_PRECEDENCE)
  WebFilter epcscfHandshakeReceived(HandshakeDeadline deadline) {
    return (exchange, chain) -> {
      InetSocketAddress remote = exchange.getRequest().getRemoteAddress();
      if (remote != null && remote.getAddress() != null) {
        deadline.requestReceived(remote.getAddress().getHostAddress(), remote.getPort());
      }
      return chain.filter(exchange);
    };
  }

  /** Issue 12 point 8: every HTTP error of this port is an RFC 9457 problem. */
  @Bean
  @Order(-3) // before Spring Boot's DefaultErrorWebExceptionHandler (-2)
  HttpProblems epcscfHttpProblems() {
    return new HttpProblems();
  }
}
