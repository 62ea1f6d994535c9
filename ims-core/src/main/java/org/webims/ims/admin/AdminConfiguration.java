package org.webims.ims.admin;

import java.time.InstantSource;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.webims.ims.config.ImsProperties;
import org.webims.server.abuse.FailureLockout;
import org.webims.server.abuse.RateLimitedLog;
import org.webims.server.tls.TlsConfiguration;
import org.webims.server.web.BasicAuthFilter;
import org.webims.server.web.BasicAuthGuard;

/**
 * The admin HTTP API, only with {@code webims.ims.admin.enabled=true}: HTTPS through
 * {@link TlsConfiguration} and HTTP Basic of the one admin user through {@link BasicAuthFilter}, with a lockout
 * of guessing sources and users (SCS-12); the endpoints are {@link AdminController}.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "webims.ims.admin.enabled", havingValue = "true")
@Import(TlsConfiguration.class)
public class AdminConfiguration {

  static final String REALM = "webims-ims-admin";

  @Bean
  FilterRegistrationBean<BasicAuthFilter> adminBasicAuthFilter(ImsProperties properties) {
    ImsProperties.Admin admin = properties.admin();
    RateLimitedLog refusals = new RateLimitedLog("refused admin API requests", admin.refusalLogInterval(),
        admin.lockout().capacity(), RateLimitedLog.toInfo(LoggerFactory.getLogger(AdminConfiguration.class)));
    FilterRegistrationBean<BasicAuthFilter> registration = new FilterRegistrationBean<>(new BasicAuthFilter(
        new BasicAuthGuard(REALM, "admin user", admin.username(), admin.password(),
            new FailureLockout(admin.lockout()), refusals), InstantSource.system()));
    registration.addUrlPatterns("/*");
    return registration;
  }
}
