package org.webims.ims;

import java.util.Map;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;

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
      "spring.main.web-application-type", "none",
      "spring.main.banner-mode", "off",
      "spring.datasource.url", "jdbc:h2:file:./data/ims-core",
      "spring.datasource.username", "sa",
      "spring.flyway.locations", "classpath:db/ims-core");

  public static void main(String[] args) {
    // The SIP threads are daemons and there is no web server: keep the JVM up until shutdown.
    builder().properties("spring.main.keep-alive=true").run(args);
  }

  /** A builder for the IMS core; add {@code .properties("webims.ims.sip.port=0", ...)} and {@code run()}. */
  public static SpringApplicationBuilder builder() {
    return new SpringApplicationBuilder(ImsCoreApplication.class).properties(DEFAULTS);
  }
}
