package org.webims.waf.config;

import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import javax.sql.DataSource;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.webims.server.events.EventLog;
import org.webims.server.events.EventLogProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.PropertySource;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.transaction.support.TransactionOperations;
import org.webims.waf.api.ApiExceptionHandler;
import org.webims.waf.api.LeasesApiController;
import org.webims.waf.api.MappingsApiController;
import org.webims.waf.api.OpenApiController;
import org.webims.waf.api.PoolsApiController;
import org.webims.waf.audit.AuditLog;
import org.webims.waf.identity.IdentityMappingRepository;
import org.webims.waf.identity.IdentityMappingService;
import org.webims.waf.identity.JdbcIdentityMappingRepository;
import org.webims.waf.identity.JdbcWebUserRepository;
import org.webims.waf.identity.SeedFileProvisioner;
import org.webims.waf.identity.WebUserDetailsService;
import org.webims.waf.identity.WebUserRepository;
import org.webims.waf.metrics.WafMetrics;
import org.webims.waf.pool.ImpuLeaseRepository;
import org.webims.waf.pool.ImpuLeaseService;
import org.webims.waf.pool.ImpuPoolRepository;
import org.webims.waf.pool.ImpuPoolService;
import org.webims.waf.token.JdbcSigningKeyRepository;
import org.webims.waf.token.SigningKeyService;
import org.webims.waf.web.WafSecurityConfiguration;

/**
 * The whole WAF: import this into a Spring Boot application (the standalone {@code WafApplication}, or the
 * WWSF). Its provisioning services ({@link IdentityMappingService}, {@link ImpuPoolService},
 * {@link ImpuLeaseService}, {@link AuditLog}) serve the WWSF's console and the REST API. Needs a {@code DataSource} and a transaction manager (Boot's JDBC auto-configuration gives both); the
 * WAF migrates its own tables ({@link WafSchema}). HTTP sessions live in that database too (Spring Session JDBC,
 * {@code waf-session.properties}; issue 16), so that two nodes on one database serve any request of a browser.
 */
@Configuration(proxyBeanMethods = false)
@PropertySource("classpath:org/webims/waf/config/waf-session.properties")
@EnableConfigurationProperties({WafProperties.class, EventLogProperties.class})
@Import({WafSecurityConfiguration.class, MappingsApiController.class, PoolsApiController.class,
    LeasesApiController.class, OpenApiController.class, ApiExceptionHandler.class})
public class WafConfiguration {

  @Bean
  WafSchema wafSchema(DataSource dataSource) {
    return WafSchema.migrate(dataSource);
  }

  @Bean
  PasswordEncoder wafPasswordEncoder() {
    // {bcrypt} by default; the prefix keeps stored hashes readable if the default changes.
    return PasswordEncoderFactories.createDelegatingPasswordEncoder();
  }

  @Bean
  WebUserRepository wafWebUserRepository(WafSchema schema) {
    return new JdbcWebUserRepository(schema.jdbc());
  }

  @Bean
  IdentityMappingRepository wafIdentityMappingRepository(WafSchema schema, TransactionOperations tx) {
    return new JdbcIdentityMappingRepository(schema.jdbc(), tx);
  }

  @Bean
  AuditLog wafAuditLog(WafSchema schema) {
    return new AuditLog(schema.jdbc(), Clock.systemUTC());
  }

  @Bean
  ImpuPoolRepository wafImpuPoolRepository(WafSchema schema) {
    return new ImpuPoolRepository(schema.jdbc());
  }

  @Bean
  ImpuPoolService wafImpuPoolService(ImpuPoolRepository pools, IdentityMappingRepository mappings, AuditLog audit,
      TransactionOperations tx, WafProperties properties) {
    return new ImpuPoolService(pools, mappings, audit, tx, Clock.systemUTC(), properties.pools().maxRangeSize());
  }

  /** Issue 16: on the application's registry where there is one (the WWSF's, scraped), else on its own. */
  @Bean
  WafMetrics wafMetrics(ObjectProvider<MeterRegistry> registry) {
    MeterRegistry found = registry.getIfAvailable();
    return found == null ? WafMetrics.unregistered() : new WafMetrics(found);
  }

  /** The event log, {@code webims.events.waf} (docs/operations.md "Event log"). */
  @Bean
  EventLog wafEvents(EventLogProperties limits) {
    return new EventLog(WafMetrics.EVENTS, limits);
  }

  @Bean
  ImpuLeaseService wafImpuLeaseService(WafSchema schema, ImpuPoolRepository pools, AuditLog audit,
      TransactionOperations tx, WafProperties properties, WafMetrics metrics, EventLog wafEvents) {
    ImpuLeaseService leases = new ImpuLeaseService(new ImpuLeaseRepository(schema.jdbc()), pools, audit, tx,
        Clock.systemUTC(), properties.pools().leaseDuration(), metrics, wafEvents);
    metrics.activeLeases(leases::liveLeases, properties.pools().activeLeasesCache(), Clock.systemUTC());
    return leases;
  }

  @Bean
  IdentityMappingService wafIdentityMappingService(IdentityMappingRepository mappings, WebUserRepository users,
      ImpuPoolRepository pools, AuditLog audit, TransactionOperations tx) {
    return new IdentityMappingService(mappings, users, pools, audit, tx);
  }

  @Bean
  WebUserDetailsService wafUserDetailsService(WebUserRepository users) {
    return new WebUserDetailsService(users);
  }

  @Bean
  SigningKeyService wafSigningKeyService(WafSchema schema, TransactionOperations tx,
      WafProperties properties) {
    return new SigningKeyService(new JdbcSigningKeyRepository(schema.jdbc()), tx, Clock.systemUTC(),
        properties.token().lifetime().plus(properties.keys().retentionMargin()));
  }

  @Bean
  SeedFileProvisioner wafSeedFileProvisioner(WebUserRepository users, IdentityMappingRepository mappings,
      ImpuPoolService pools, PasswordEncoder passwordEncoder) {
    return new SeedFileProvisioner(users, mappings, pools, passwordEncoder);
  }

  /** At start: a signing key exists (or is rotated on request), then the seed file is applied. */
  @Bean
  InitializingBean wafStartup(SigningKeyService keys, SeedFileProvisioner provisioner, WafProperties properties) {
    return () -> {
      keys.ensureCurrentKey();
      if (properties.keys().rotate()) {
        keys.rotate();
      }
      if (properties.seedFile() != null) {
        provisioner.provision(properties.seedFile());
      }
    };
  }
}
