package org.webims.epcscf;

import java.util.Map;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.webims.epcscf.config.NettyLeakDetection;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.webims.server.management.ManagementDefaults;

/**
 * The eP-CSCF (TS 24.371 5.5): SIP over secure WebSocket toward WICs, Trusted Node toward the
 * S-CSCF. Runs alone ({@link #main}) or inside another module's test: start it with
 * {@link #builder()} and read ports and state from the {@link EpCscf} bean. It reads
 * {@code ep-cscf.properties} (or {@code .yaml}) instead of {@code application.properties}, so it
 * never picks up another application's settings on a shared classpath.
 */
@SpringBootApplication
public class EpCscfApplication {

  /**
   * Spring's settings for the eP-CSCF ({@code webims.epcscf.*} defaults live in
   * {@code EpCscfProperties}), at the lowest precedence: the builder's {@code properties(..)}, a
   * config file, the environment or the command line win. The exclusions keep the WAF's security
   * and the IMS core's database out of this context when the three share a test classpath.
   */
  public static final Map<String, Object> DEFAULTS = Map.of(
      "spring.config.name", "ep-cscf",
      "spring.application.name", "ep-cscf",
      "spring.main.banner-mode", "off",
      "server.port", "7443",
      // Issue 16: ready when the IMS core and the WAF's key set are (health/CoreReadiness, JwksReadiness).
      "management.endpoint.health.group.readiness.include", "readinessState,core,jwks",
      // Issue 13: the edge is Spring WebFlux on Reactor Netty, also where a servlet container shares the classpath.
      "spring.main.web-application-type", "reactive",
      "spring.autoconfigure.exclude", String.join(",",
          "org.springframework.boot.security.autoconfigure.SecurityAutoConfiguration",
          "org.springframework.boot.security.autoconfigure.UserDetailsServiceAutoConfiguration",
          "org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration",
          "org.springframework.boot.security.autoconfigure.web.servlet.SecurityFilterAutoConfiguration",
          "org.springframework.boot.security.autoconfigure.ReactiveUserDetailsServiceAutoConfiguration",
          "org.springframework.boot.security.autoconfigure.web.reactive.ReactiveWebSecurityAutoConfiguration",
          "org.springframework.boot.security.autoconfigure.actuate.web.reactive.ReactiveManagementWebSecurityAutoConfiguration",
          "org.springframework.boot.security.autoconfigure.actuate.web.servlet.ManagementWebSecurityAutoConfiguration",
          "org.springframework.boot.security.oauth2.client.autoconfigure.reactive.ReactiveOAuth2ClientAutoConfiguration",
          "org.springframework.boot.security.oauth2.client.autoconfigure.reactive.ReactiveOAuth2ClientWebSecurityAutoConfiguration",
          "org.springframework.boot.security.oauth2.server.authorization.autoconfigure.servlet.OAuth2AuthorizationServerAutoConfiguration",
          "org.springframework.boot.security.oauth2.server.authorization.autoconfigure.servlet.OAuth2AuthorizationServerJwtAutoConfiguration",
          "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration",
          "org.springframework.boot.jdbc.autoconfigure.DataSourceTransactionManagerAutoConfiguration",
          "org.springframework.boot.flyway.autoconfigure.FlywayAutoConfiguration",
          // Issue 16: the management port on Reactor Netty like the edge, also where Tomcat shares the classpath.
          "org.springframework.boot.tomcat.autoconfigure.actuate.web.server.TomcatReactiveManagementContextAutoConfiguration"));

  /** Runs the eP-CSCF; Netty's leak detector is off unless the operator set its level (issue 13). */
  public static void main(String[] args) {
    NettyLeakDetection.applyDefault(System::getProperty);
    builder().properties(ManagementDefaults.standalone(MANAGEMENT_PORT)).run(args);
  }

  /** The management port of a standalone eP-CSCF; {@link #builder()} takes a free one (tests). */
  public static final int MANAGEMENT_PORT = 9082;

  /** A builder for the eP-CSCF; add {@code .properties("server.port=0", ...)} or args and {@code run()}. */
  public static SpringApplicationBuilder builder() {
    return new SpringApplicationBuilder(EpCscfApplication.class).properties(DEFAULTS)
        .properties(ManagementDefaults.properties());
  }
}
