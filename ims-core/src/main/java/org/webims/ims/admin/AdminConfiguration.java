package org.webims.ims.admin;

import java.time.InstantSource;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.webims.ims.config.ImsProperties;
import org.webims.server.abuse.FailureLockout;
import org.webims.server.tls.TlsConfiguration;

/**
 * The admin HTTP API, only with {@code webims.ims.admin.enabled=true}: HTTPS through
 * {@link TlsConfiguration} and HTTP Basic through {@link AdminBasicAuthFilter}; the endpoints are
 * {@link AdminController}.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "webims.ims.admin.enabled", havingValue = "true")
@Import(TlsConfiguration.class)
public class AdminConfiguration {

  @Bean
  FilterRegistrationBean<AdminBasicAuthFilter> adminBasicAuthFilter(ImsProperties properties) {
    FilterRegistrationBean<AdminBasicAuthFilter> registration = new FilterRegistrationBean<>(
        new AdminBasicAuthFilter(properties.admin().username(), properties.admin().password(),
            new FailureLockout(properties.admin().lockout()),
            AdminBasicAuthFilter.refusalLog(properties.admin().refusalLogInterval(),
                properties.admin().lockout().capacity()),
            InstantSource.system()));
    registration.addUrlPatterns("/*");
    return registration;
  }
}
