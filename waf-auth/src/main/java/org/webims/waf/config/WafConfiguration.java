package org.webims.waf.config;

import java.time.Clock;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.JdbcOperations;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.transaction.support.TransactionOperations;
import org.webims.waf.identity.IdentityMappingRepository;
import org.webims.waf.identity.JdbcIdentityMappingRepository;
import org.webims.waf.identity.JdbcWebUserRepository;
import org.webims.waf.identity.SeedFileProvisioner;
import org.webims.waf.identity.WebUserDetailsService;
import org.webims.waf.identity.WebUserRepository;
import org.webims.waf.token.JdbcSigningKeyRepository;
import org.webims.waf.token.SigningKeyService;
import org.webims.waf.web.WafSecurityConfiguration;

/**
 * The whole WAF: import this into a Spring Boot application (the standalone {@code WafApplication}, later the
 * WWSF). Needs a {@code DataSource}; Flyway creates the schema from {@code db/migration}.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(WafProperties.class)
@Import(WafSecurityConfiguration.class)
public class WafConfiguration {

  @Bean
  PasswordEncoder wafPasswordEncoder() {
    // {bcrypt} by default; the prefix keeps stored hashes readable if the default changes.
    return PasswordEncoderFactories.createDelegatingPasswordEncoder();
  }

  @Bean
  WebUserRepository wafWebUserRepository(JdbcOperations jdbc) {
    return new JdbcWebUserRepository(jdbc);
  }

  @Bean
  IdentityMappingRepository wafIdentityMappingRepository(JdbcOperations jdbc, TransactionOperations tx) {
    return new JdbcIdentityMappingRepository(jdbc, tx);
  }

  @Bean
  WebUserDetailsService wafUserDetailsService(WebUserRepository users) {
    return new WebUserDetailsService(users);
  }

  @Bean
  SigningKeyService wafSigningKeyService(JdbcOperations jdbc, TransactionOperations tx, WafProperties properties) {
    return new SigningKeyService(new JdbcSigningKeyRepository(jdbc), tx, Clock.systemUTC(),
        properties.token().lifetime().plus(properties.keys().retentionMargin()));
  }

  @Bean
  SeedFileProvisioner wafSeedFileProvisioner(WebUserRepository users, IdentityMappingRepository mappings,
      PasswordEncoder passwordEncoder) {
    return new SeedFileProvisioner(users, mappings, passwordEncoder);
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
