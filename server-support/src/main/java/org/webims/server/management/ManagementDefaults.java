package org.webims.server.management;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;

/**
 * Spring Boot's management settings every WebIMS server starts with (issue 16, docs/operations.md), added to its
 * builder's defaults, so configuration overrides each: health and Prometheus only, on their own port on loopback,
 * liveness and readiness groups, details for the authenticated operator.
 *
 * <p>Started through the builder (tests, other modules), a server takes a free port and a management password of
 * that start, in its environment and nowhere on disk; its {@code main} adds {@link #standalone}: a fixed port and
 * the password of the password file, generated there at the first start.
 */
public final class ManagementDefaults {

  private static final SecureRandom RANDOM = new SecureRandom();

  private ManagementDefaults() {
  }

  /** The defaults of one start: a new random password each call. */
  public static Map<String, Object> properties() {
    byte[] random = new byte[24];
    RANDOM.nextBytes(random);
    return Map.of(
        "management.server.port", "0",
        "management.server.address", "127.0.0.1",
        "management.endpoints.web.exposure.include", "health,prometheus",
        "management.endpoint.health.probes.enabled", "true",
        "management.endpoint.health.show-details", "always",
        "webims.management.password", Base64.getUrlEncoder().withoutPadding().encodeToString(random));
  }

  /** What a server's {@code main} adds: its fixed management port, and the password file's password. */
  public static String[] standalone(int port) {
    return new String[] {"management.server.port=" + port, "webims.management.password="};
  }
}
