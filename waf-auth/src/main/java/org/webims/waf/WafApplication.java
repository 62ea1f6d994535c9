package org.webims.waf;

import java.util.Map;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.webims.server.management.ManagementDefaults;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;
import org.webims.server.tls.TlsConfiguration;
import org.webims.waf.config.WafConfiguration;

/**
 * The WAF (WebRTC Authorisation Function, TS 24.371 clause 5) run standalone. All configuration lives in
 * {@link WafConfiguration} so that the WWSF can import it instead of starting this class; HTTPS comes from
 * {@link TlsConfiguration} (on by default, WAF-01).
 */
@SpringBootConfiguration
@EnableAutoConfiguration
@Import({WafConfiguration.class, TlsConfiguration.class})
public class WafApplication {

  /**
   * Defaults of the standalone WAF, as lowest-precedence default properties rather than an
   * {@code application.yml}, and its own config file name ({@code waf.yml}/{@code waf.properties}), so that
   * nothing clashes with another module's files when several servers share a class path (system tests).
   * The WAF migrates its tables itself ({@code WafSchema}).
   */
  public static final Map<String, Object> DEFAULTS = Map.of(
      "spring.config.name", "waf",
      "spring.application.name", "waf",
      "spring.datasource.url", "jdbc:h2:file:./data/waf",
      "spring.datasource.username", "sa",
      // WafSchema migrates the WAF's tables; Boot's own Flyway, present when another server shares the class path, must not.
      "spring.flyway.enabled", "false",
      "server.port", "8443");

  /** A builder for the standalone WAF with its defaults; arguments and environment override them. */
  public static SpringApplicationBuilder builder() {
    // Issue 16: the standalone WAF has no actuator; where one shares its class path (tests), its endpoints stay off
    // the public listener like every server's. The WWSF, which hosts the WAF, is what operators scrape.
    return new SpringApplicationBuilder(WafApplication.class).properties(DEFAULTS)
        .properties(ManagementDefaults.properties());
  }

  /**
   * The standalone WAF serves nothing but its endpoints and the login page: every other path needs a signed-in
   * web user. Here rather than in {@link WafConfiguration}, so that an importing application owns those paths.
   */
  @Bean
  @Order(Ordered.LOWEST_PRECEDENCE)
  SecurityFilterChain wafOtherPathsChain(HttpSecurity http) throws Exception {
    http.authorizeHttpRequests(requests -> requests.requestMatchers("/error").permitAll()
            .anyRequest().authenticated())
        .formLogin(Customizer.withDefaults());
    return http.build();
  }

  public static void main(String[] args) {
    builder().run(args);
  }
}
