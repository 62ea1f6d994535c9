package org.webims.load;

import jakarta.servlet.Filter;
import java.util.concurrent.atomic.LongAdder;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

/**
 * Added to the WAF of a load run: counts requests for its JWKS, so the report can show that the eP-CSCF does not
 * ask the WAF anything per REGISTER.
 */
@Configuration(proxyBeanMethods = false)
public class JwksRequestCounter {

  private final LongAdder requests = new LongAdder();

  @Bean
  FilterRegistrationBean<Filter> jwksRequestCounting() {
    FilterRegistrationBean<Filter> registration = new FilterRegistrationBean<>((request, response, chain) -> {
      requests.increment();
      chain.doFilter(request, response);
    });
    registration.addUrlPatterns("/oauth2/jwks");
    registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
    return registration;
  }

  long count() {
    return requests.sum();
  }
}
