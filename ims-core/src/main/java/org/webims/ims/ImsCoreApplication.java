package org.webims.ims;

import java.util.Map;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.context.ApplicationEvent;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.webims.server.management.ManagementDefaults;

/**
 * The IMS core (S-CSCF + HSS) as a Spring Boot application. Runs alone ({@link #main}) or inside
 * another module's test: start it with {@link #builder()}. It reads {@code ims-core.properties} (or
 * {@code .yaml}) instead of {@code application.properties}, so it never picks up another
 * application's settings on a shared classpath.
 */
@SpringBootApplication
public class ImsCoreApplication {

  /**
   * Defaults that are Spring's rather than ours ({@code webims.ims.*} defaults live in
   * {@code ImsProperties}). They have the lowest precedence: anything given to the builder's
   * {@code properties(..)}, a config file, the environment or the command line wins.
   */
  public static final Map<String, Object> DEFAULTS = Map.of(
      "spring.config.name", "ims-core",
      "spring.application.name", "ims-core",
      // A servlet application for the management port (issue 16); the admin API's listener is server.port.
      "spring.main.web-application-type", "servlet",
      "server.port", "${webims.ims.admin.port:8090}",
      "server.address", "${webims.ims.admin.bind-address:127.0.0.1}",
      "spring.main.banner-mode", "off",
      "spring.datasource.url", "jdbc:h2:file:./data/ims-core",
      "spring.datasource.username", "sa",
      "spring.flyway.locations", "classpath:db/ims-core",
      // Issue 16: ready when the HSS's database answers (Spring Boot's "db" health indicator).
      "management.endpoint.health.group.readiness.include", "readinessState,db");

  /** The management port of a standalone IMS core; {@link #builder()} takes a free one (tests). */
  public static final int MANAGEMENT_PORT = 9083;

  public static void main(String[] args) {
    // The SIP threads are daemons and the web server may not listen: keep the JVM up.
    builder().properties("spring.main.keep-alive=true").properties(ManagementDefaults.standalone(MANAGEMENT_PORT))
        .run(args);
  }

  /** A builder for the IMS core; add {@code .properties("webims.ims.sip.port=0", ...)} and {@code run()}. */
  public static SpringApplicationBuilder builder() {
    return new SpringApplicationBuilder(ImsCoreApplication.class).properties(DEFAULTS)
        .properties(ManagementDefaults.properties()).properties(Map.of("spring.autoconfigure.exclude", String.join(",",
            // Issue 16: the IMS core is a servlet application now; its admin API and management port have their own
            // HTTP Basic, and the WAF's Spring Security stays out when the servers share a test classpath.
            "org.springframework.boot.security.autoconfigure.SecurityAutoConfiguration",
            "org.springframework.boot.security.autoconfigure.UserDetailsServiceAutoConfiguration",
            "org.springframework.boot.security.autoconfigure.web.servlet.SecurityFilterAutoConfiguration",
            "org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration",
            "org.springframework.boot.security.autoconfigure.actuate.web.servlet.ManagementWebSecurityAutoConfiguration",
            "org.springframework.boot.security.oauth2.client.autoconfigure.OAuth2ClientAutoConfiguration",
            "org.springframework.boot.security.oauth2.client.autoconfigure.servlet.OAuth2ClientWebSecurityAutoConfiguration",
            "org.springframework.boot.security.oauth2.server.authorization.autoconfigure.servlet"
                + ".OAuth2AuthorizationServerAutoConfiguration",
            "org.springframework.boot.security.oauth2.server.authorization.autoconfigure.servlet"
                + ".OAuth2AuthorizationServerJwtAutoConfiguration")))
        .listeners(ImsCoreApplication::adminListenerOnlyForTheAdminApi);
  }

  /**
   * The main web server listens only for the admin API: without {@code webims.ims.admin.enabled=true} its port
   * is -1 (Spring Boot's "no listener"), and only the management port listens.
   */
  private static void adminListenerOnlyForTheAdminApi(ApplicationEvent event) {
    if (event instanceof ApplicationEnvironmentPreparedEvent prepared) {
      ConfigurableEnvironment env = prepared.getEnvironment();
      if (!env.getProperty("webims.ims.admin.enabled", Boolean.class, false)) {
        env.getPropertySources().addFirst(new MapPropertySource("webims-ims-admin", Map.of("server.port", "-1")));
      }
    }
  }
}
