package org.webims.ims;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;

/**
 * The IMS core (S-CSCF + HSS) as a Spring Boot application. Runs alone ({@link #main}) or inside
 * another module's test: start it with {@link #builder()}, which reads {@code ims-core.properties}
 * instead of {@code application.properties} so it never picks up another application's settings.
 */
@SpringBootApplication
public class ImsCoreApplication {

  /** The configuration file name (without extension) the IMS core reads. */
  public static final String CONFIG_NAME = "ims-core";

  public static void main(String[] args) {
    builder().run(args);
  }

  /** A builder for the IMS core; add {@code .properties("webims.ims.sip.port=0", ...)} and {@code run()}. */
  public static SpringApplicationBuilder builder() {
    return new SpringApplicationBuilder(ImsCoreApplication.class)
        .properties("spring.config.name=" + CONFIG_NAME);
  }
}
