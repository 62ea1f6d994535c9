package org.webims.load;

import java.util.Map;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.core.Ordered;
import org.springframework.web.reactive.HandlerMapping;
import org.springframework.web.reactive.handler.SimpleUrlHandlerMapping;
import org.webims.epcscf.EpCscfApplication;
import org.webims.epcscf.config.EpCscfProperties;
import org.webims.epcscf.config.WssEdgeTransport;
import org.webims.epcscf.websocket.Rfc7118Framing;
import org.webims.epcscf.websocket.SipWebSocketHandler;
import org.webims.epcscf.websocket.WicFlow;
import org.webims.epcscf.websocket.WicMessageHandler;
import org.webims.server.tls.TlsConfiguration;
import org.webims.sip.message.SipRequest;
import org.webims.sip.message.SipResponse;
import org.webims.sip.parser.SipParser;

/**
 * Edge (a) of the edge-memory comparison (issue 13 point 2): the eP-CSCF's WSS edge as it runs today, alone. Spring
 * Boot, Spring WebFlux on Reactor Netty, TLS from server-support ({@code webims.tls.*}), the eP-CSCF's own transport
 * wiring ({@link WssEdgeTransport}: loops, RFC 7118 handshake with the Origin check, deadline) and its {@link
 * SipWebSocketHandler} with its flows and send queues, mapped at {@code /}, all with the eP-CSCF's defaults
 * ({@code webims.epcscf.websocket.*}); the layer above answers each request 200 on its flow.
 */
@Configuration(proxyBeanMethods = false)
@EnableAutoConfiguration
@EnableConfigurationProperties(EpCscfProperties.class)
@Import({TlsConfiguration.class, WssEdgeTransport.class})
public class WebFluxEdge {

  public static void main(String[] args) {
    new SpringApplicationBuilder(WebFluxEdge.class).properties(Map.of(
        "spring.config.name", "edge-memory",
        "spring.application.name", "edge-memory",
        "spring.main.banner-mode", "off",
        "spring.main.web-application-type", "reactive",
        "spring.autoconfigure.exclude", EpCscfApplication.DEFAULTS.get("spring.autoconfigure.exclude"))).run(args);
  }

  @Bean
  SipWebSocketHandler edgeHandler(EpCscfProperties props) {
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
    return new SipWebSocketHandler(new Rfc7118Framing(SipParser.DEFAULT, props.websocket().maxHeaderFields()),
        answer, props.websocket());
  }

  @Bean
  HandlerMapping edgeMapping(SipWebSocketHandler handler) {
    return new SimpleUrlHandlerMapping(Map.of("/", handler), Ordered.HIGHEST_PRECEDENCE);
  }
}
