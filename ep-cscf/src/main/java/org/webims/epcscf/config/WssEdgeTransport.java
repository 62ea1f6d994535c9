package org.webims.epcscf.config;

import java.net.InetSocketAddress;
import org.springframework.boot.reactor.netty.NettyServerCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.client.ReactorResourceFactory;
import org.springframework.web.reactive.config.WebFluxConfigurer;
import org.springframework.web.reactive.socket.server.WebSocketService;
import org.springframework.web.reactive.socket.server.support.HandshakeWebSocketService;
import org.springframework.web.reactive.socket.server.upgrade.ReactorNettyRequestUpgradeStrategy;
import org.springframework.web.server.WebFilter;
import org.webims.epcscf.metrics.EpCscfMetrics;
import org.webims.server.events.EventLog;
import org.webims.epcscf.websocket.HandshakeDeadline;
import org.webims.epcscf.websocket.LeanHandshakeInfo;
import org.webims.epcscf.websocket.Rfc7118Handshake;
import reactor.netty.http.server.WebsocketServerSpec;
import reactor.netty.resources.LoopResources;

/**
 * The W2 edge's transport on Reactor Netty (issue 13): its own event loops, the RFC 7118 handshake checks and
 * Spring's upgrade with the message size limit and a lean handshake record per session, the handshake deadline
 * from accept. Needs the {@link
 * EpCscfProperties}. Public so that load-harness's edge-memory comparison runs exactly this wiring on its own
 * ({@code WebFluxEdge}); the rest of the edge (the handler, its mapping, the idle sweep) is {@link
 * WssEdgeConfiguration}.
 */
@Configuration(proxyBeanMethods = false)
public class WssEdgeTransport {

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

  /**
   * The handshake: RFC 7118 checks first, then Spring's upgrade on Reactor Netty with the message size limit
   * (RFC 7118 §5.1 one message per frame; a larger frame, or a larger message in fragments, closes with 1009).
   */
  @Bean
  WebFluxConfigurer epcscfWebSocketService(EpCscfProperties props, EpCscfMetrics metrics, EventLog events) {
    int max = props.websocket().maxMessageSize();
    HandshakeWebSocketService upgrade = new HandshakeWebSocketService(new LeanHandshakeInfo(
        new ReactorNettyRequestUpgradeStrategy(() -> WebsocketServerSpec.builder().maxFramePayloadLength(max))));
    WebSocketService service = new Rfc7118Handshake(props.websocket().allowedOrigins(), events, upgrade, metrics);
    return new WebFluxConfigurer() {
      @Override
      public WebSocketService getWebSocketService() {
        return service;
      }
    };
  }

  /** EPC-02 abuse resistance: the whole opening handshake within {@code websocket.handshake-timeout}. */
  @Bean(destroyMethod = "close")
  HandshakeDeadline epcscfHandshakeDeadline(EpCscfProperties props, EpCscfMetrics metrics, EventLog events) {
    return new HandshakeDeadline(props.websocket().handshakeTimeout(), events, metrics);
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
}
