package org.webims.epcscf.config;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.haproxy.HAProxyMessage;
import io.netty.util.AttributeKey;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import org.springframework.boot.reactor.netty.NettyServerCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.client.ReactorResourceFactory;
import org.springframework.http.server.reactive.ServerHttpRequestDecorator;
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
import reactor.netty.Connection;
import reactor.netty.NettyPipeline;
import reactor.netty.http.server.ProxyProtocolSupportType;
import reactor.netty.http.server.WebsocketServerSpec;
import reactor.netty.resources.LoopResources;
import reactor.netty.transport.AddressUtils;

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
   * after it, and no second slow request can follow. With {@code websocket.proxy-protocol=on} (issue 16, behind
   * HAProxy's {@code send-proxy-v2}) Reactor Netty reads the PROXY protocol header before TLS and reports its
   * client address as the request's remote address, which the handshake checks, the flow and so every
   * per-address limit use; a connection that does not start with a header is closed by Netty's decoder.
   */
  @Bean
  NettyServerCustomizer epcscfNetty(EpCscfProperties props, HandshakeDeadline deadline) {
    boolean proxied = props.websocket().proxyProtocol();
    return server -> server.maxKeepAliveRequests(1)
        .proxyProtocol(proxied ? ProxyProtocolSupportType.ON : ProxyProtocolSupportType.OFF)
        .doOnChannelInit((observer, channel, remote) -> {
          if (proxied) {
            channel.pipeline().addBefore(NettyPipeline.ProxyProtocolReader, ProxiedClient.NAME, new ProxiedClient());
          }
          deadline.accepted(channel.remoteAddress(), () -> channel.attr(ProxiedClient.ADDRESS).get(), channel::close);
        });
  }

  /** Tells the handshake deadline which connections (by TCP peer, as it knows them) sent a complete request. */
  @Bean
  @Order(Ordered.HIGHEST_PRECEDENCE)
  WebFilter epcscfHandshakeReceived(HandshakeDeadline deadline) {
    return (exchange, chain) -> {
      if (ServerHttpRequestDecorator.getNativeRequest(exchange.getRequest()) instanceof Connection connection
          && connection.channel().remoteAddress() instanceof InetSocketAddress peer && peer.getAddress() != null) {
        deadline.requestReceived(peer.getAddress().getHostAddress(), peer.getPort());
      }
      return chain.filter(exchange);
    };
  }

  /**
   * Keeps the PROXY protocol header's client address on the channel for the handshake deadline's log, which may
   * fire before any request (and so before Reactor Netty's request-level remote address) exists.
   */
  private static final class ProxiedClient extends ChannelInboundHandlerAdapter {

    static final String NAME = "webims.proxiedClient";
    static final AttributeKey<SocketAddress> ADDRESS = AttributeKey.valueOf(NAME);

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
      if (msg instanceof HAProxyMessage header && header.sourceAddress() != null) {
        ctx.channel().attr(ADDRESS).set(AddressUtils.createUnresolved(header.sourceAddress(), header.sourcePort()));
      }
      ctx.fireChannelRead(msg); // Reactor Netty's reader after it releases the header
      ctx.pipeline().remove(this);
    }
  }
}
