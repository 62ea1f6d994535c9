package org.webims.wwsf.config;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.webims.server.web.ProblemErrorController;

/**
 * Errors on the WWSF (and the WAF inside it): a browser gets the {@code error} page (templates/error.html),
 * an API client an RFC 9457 problem (issue 12 point 8).
 */
@Configuration(proxyBeanMethods = false)
public class ErrorPageConfiguration {

  @Bean
  ProblemErrorController errorController() {
    return new ProblemErrorController("error");
  }
}
