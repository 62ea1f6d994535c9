package org.webims.load;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.reactor.netty.NettyServerCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
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
import org.webims.epcscf.EpCscfApplication;
import org.webims.epcscf.config.EpCscfProperties;
import org.webims.epcscf.websocket.HandshakeDeadline;
import org.webims.epcscf.websocket.Rfc7118Framing;
import org.webims.epcscf.websocket.Rfc7118Handshake;
import org.webims.epcscf.websocket.SipWebSocketHandler;
import org.webims.epcscf.websocket.WicFlow;
import org.webims.epcscf.websocket.WicMessageHandler;
import org.webims.server.tls.TlsConfiguration;
import org.webims.sip.message.SipRequest;
import org.webims.sip.message.SipResponse;
import org.webims.sip.parser.SipParser;
import reactor.netty.http.server.WebsocketServerSpec;
import reactor.netty.resources.LoopResources;

/**
 * Edge (a) of the edge-memory comparison (issue 13 point 2): the eP-CSCF's WSS edge as it runs today, alone. Spring
 * Boot, Spring WebFlux on Reactor Netty, TLS from server-support ({@code webims.tls.*}), and the eP-CSCF's own edge
 * classes ({@link Rfc7118Handshake}, {@link HandshakeDeadline}, {@link SipWebSocketHandler} with its flows and send
 * queues), wired as {@code config/WssEdgeConfiguration} wires them; the layer above answers each request 200 on its
 * flow. Args: {@code --server.port=..., --webims.tls.key-store=..., --edge.origin=...}.
 */
@Configuration(proxyBeanMethods = false)
@EnableAutoConfiguration
@Import(TlsConfiguration.class)
public class WebFluxEdge {

  public static void main(String[] args) {
    new SpringApplicationBuilder(WebFluxEdge.class).properties(Map.of(
        "spring.config.name", "edge-memory",
        "spring.application.name", "edge-memory",
        "spring.main.banner-mode", "off",
        "spring.main.web-application-type", "reactive",
        "spring.autoconfigure.exclude", EpCscfApplication.DEFAULTS.get("spring.autoconfigure.exclude"))).run(args);
  }

  /** The eP-CSCF's defaults, but no idle timeout shorter than a run. */
  static EpCscfProperties.WebSocket settings(String origin) {
    return new EpCscfProperties.WebSocket("/", List.of(origin), false, 65535, Duration.ofSeconds(10), 524288,
        Duration.ofHours(1), 64, Duration.ofSeconds(10));
  }

  @Bean
  SipWebSocketHandler edgeHandler(@org.springframework.beans.factory.annotation.Value("${edge.origin}") String origin) {
    WicMessageHandler answer = new WicMessageHandler() {
      @Override
      public void onRequest(WicFlow flow, SipRequest request) {
        flow.send(SipResponse.to(request, 200, null).build());
      }

      @Override
      public void onResponse(WicFlow flow, SipResponse response) {
      }

      @Override
      public void onClose(WicFlow flow) {
      }
    };
    return new SipWebSocketHandler(new Rfc7118Framing(SipParser.DEFAULT, 64), answer, settings(origin));
  }

  @Bean
  ReactorResourceFactory edgeReactorResources() {
    ReactorResourceFactory resources = new ReactorResourceFactory();
    resources.setUseGlobalResources(false);
    resources.setLoopResourcesSupplier(() -> LoopResources.create("epcscf-wss", LoopResources.DEFAULT_IO_WORKER_COUNT,
        true));
    return resources;
  }

  @Bean
  HandlerMapping edgeMapping(SipWebSocketHandler handler) {
    return new SimpleUrlHandlerMapping(Map.of("/", handler), Ordered.HIGHEST_PRECEDENCE);
  }

  @Bean
  WebFluxConfigurer edgeWebSocketService(@org.springframework.beans.factory.annotation.Value("${edge.origin}")
      String origin) {
    HandshakeWebSocketService upgrade = new HandshakeWebSocketService(new ReactorNettyRequestUpgradeStrategy(
        () -> WebsocketServerSpec.builder().maxFramePayloadLength(65535)));
    WebSocketService service = new Rfc7118Handshake(List.of(origin),
        Rfc7118Handshake.refusalLog(Duration.ofSeconds(10), 10_000), upgrade);
    return new WebFluxConfigurer() {
      @Override
      public WebSocketService getWebSocketService() {
        return service;
      }
    };
  }

  @Bean(destroyMethod = "close")
  HandshakeDeadline edgeHandshakeDeadline() {
    return new HandshakeDeadline(Duration.ofSeconds(10), HandshakeDeadline.refusalLog(Duration.ofSeconds(10), 10_000));
  }

  @Bean
  NettyServerCustomizer edgeNetty(HandshakeDeadline deadline) {
    return server -> server.maxKeepAliveRequests(1)
        .doOnChannelInit((observer, channel, remote) -> deadline.accepted(channel.remoteAddress(), channel::close));
  }

  @Bean
  @Order(Ordered.HIGHEST_PRECEDENCE)
  WebFilter edgeHandshakeReceived(HandshakeDeadline deadline) {
    return (exchange, chain) -> {
      InetSocketAddress remote = exchange.getRequest().getRemoteAddress();
      if (remote != null && remote.getAddress() != null) {
        deadline.requestReceived(remote.getAddress().getHostAddress(), remote.getPort());
      }
      return chain.filter(exchange);
    };
  }
}
