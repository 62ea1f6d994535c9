package org.webims.epcscf.config;

import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.webims.epcscf.core.CoreProxy;
import org.webims.epcscf.core.SipServerCore;
import org.webims.epcscf.health.CoreReadiness;
import org.webims.epcscf.health.JwksReadiness;
import org.webims.epcscf.metrics.EpCscfMetrics;
import org.webims.epcscf.registration.Registrations;
import org.webims.server.events.EventLog;
import org.webims.server.events.EventLogProperties;

/**
 * What operators watch (issue 16, docs/operations.md): the eP-CSCF's meters on the application's registry (Spring
 * Boot's Prometheus registry, scraped on the management port) and the readiness of its two dependencies, the IMS
 * core ({@code core}) and the WAF's key set ({@code jwks}), both in the readiness group; and the event log.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(EventLogProperties.class)
class OperationsConfiguration {

  /**
   * With gauges of state that lives elsewhere: read from the scrape's thread, never on a loop. The proxy core's
   * gauges (dialogs, calls, transactions) are registered where it is made, {@code EpCscfConfiguration}.
   */
  @Bean
  EpCscfMetrics epcscfMetrics(MeterRegistry registry, Registrations registrations) {
    EpCscfMetrics metrics = new EpCscfMetrics(registry);
    metrics.gauge(EpCscfMetrics.REGISTRATIONS, "WIC flows with a registration now (EPC-30)", registrations::count);
    return metrics;
  }

  /** The event log, {@code webims.events.epcscf} (docs/operations.md "Event log"). */
  @Bean
  EventLog epcscfEvents(EventLogProperties limits) {
    return new EventLog(CoreProxy.EVENTS, limits);
  }

  /** {@code core} in {@code /actuator/health}: the connection to the IMS core. */
  @Bean
  HealthIndicator coreHealthIndicator(SipServerCore network, CoreProxy proxy, EpCscfProperties props) {
    return new CoreReadiness(network, proxy.hop(), props.core().connectTimeout());
  }

  /** {@code jwks} in {@code /actuator/health}: the WAF's key set, from the validator's own source. */
  @Bean
  HealthIndicator jwksHealthIndicator(JWKSource<SecurityContext> epcscfJwks) {
    return new JwksReadiness(epcscfJwks);
  }
}
