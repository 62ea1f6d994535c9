package org.webims.server.management;

import java.net.InetSocketAddress;
import java.time.InstantSource;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.actuate.autoconfigure.web.ManagementContextConfiguration;
import org.springframework.boot.actuate.autoconfigure.web.ManagementContextType;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.web.server.WebFilter;
import org.webims.server.abuse.FailureLockout;
import org.webims.server.abuse.RateLimitedLog;
import org.webims.server.tls.TlsConfiguration;
import org.webims.server.tls.TlsProperties;
import org.webims.server.web.BasicAuthFilter;
import org.webims.server.web.BasicAuthGuard;
import reactor.core.publisher.Mono;

/**
 * HTTP Basic of the management user ({@link ManagementProperties}) in front of every path of the management port
 * (issue 16): the port's own child context, servlet (WWSF, IMS core) or reactive (eP-CSCF), so the public
 * listener is untouched. Registered in {@code META-INF/spring/...ManagementContextConfiguration.imports}.
 */
@ManagementContextConfiguration(value = ManagementContextType.CHILD, proxyBeanMethods = false)
@EnableConfigurationProperties({ManagementProperties.class, TlsProperties.class})
public class ManagementAccessConfiguration {

  static final String REALM = "webims-management";

  @Bean
  BasicAuthGuard webimsManagementGuard(ManagementProperties props, TlsProperties tls,
      @Value("${spring.application.name:webims}") String applicationName) {
    RateLimitedLog refusals = new RateLimitedLog("refused management requests", props.refusalLogInterval(),
        props.lockout().capacity(), RateLimitedLog.toInfo(LoggerFactory.getLogger(ManagementAccessConfiguration.class)));
    return new BasicAuthGuard(REALM, "management user", props.username(),
        ManagementCredentials.password(props, TlsConfiguration.keyStorePath(tls, applicationName), applicationName), new FailureLockout(props.lockout()), refusals);
  }

  @Configuration(proxyBeanMethods = false)
  @ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
  static class Servlet {

    @Bean
    FilterRegistrationBean<BasicAuthFilter> webimsManagementBasicAuth(BasicAuthGuard guard) {
      FilterRegistrationBean<BasicAuthFilter> registration =
          new FilterRegistrationBean<>(new BasicAuthFilter(guard, InstantSource.system()));
      registration.addUrlPatterns("/*");
      return registration;
    }
  }

  @Configuration(proxyBeanMethods = false)
  @ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.REACTIVE)
  static class Reactive {

    /** The same guard on the event loop: an in-memory check and a SHA-256, nothing that waits. */
    @Bean
    WebFilter webimsManagementBasicAuth(BasicAuthGuard guard) {
      return (exchange, chain) -> {
        ServerHttpRequest request = exchange.getRequest();
        InetSocketAddress remote = request.getRemoteAddress();
        String source = remote == null || remote.getAddress() == null ? "unknown"
            : remote.getAddress().getHostAddress();
        BasicAuthGuard.Verdict verdict = guard.check(source, request.getMethod().name(), request.getPath().value(),
            request.getHeaders().getFirst(HttpHeaders.AUTHORIZATION), System.currentTimeMillis());
        if (verdict.allowed()) {
          return chain.filter(exchange);
        }
        ServerHttpResponse response = exchange.getResponse();
        if (verdict.locked()) {
          response.setStatusCode(HttpStatus.TOO_MANY_REQUESTS);
          response.getHeaders().set(HttpHeaders.RETRY_AFTER, Long.toString(verdict.retryAfter().toSeconds()));
        } else {
          response.setStatusCode(HttpStatus.UNAUTHORIZED);
          response.getHeaders().set(HttpHeaders.WWW_AUTHENTICATE, guard.challenge());
        }
        response.getHeaders().setContentType(MediaType.APPLICATION_PROBLEM_JSON);
        return response.writeWith(Mono.just(response.bufferFactory().wrap(guard.problem(verdict))));
      };
    }
  }
}
