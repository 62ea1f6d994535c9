package org.webims.server.management;

import java.util.Map;

/**
 * Spring Boot's management settings every WebIMS server starts with (issue 16, docs/operations.md), added to its
 * builder's defaults, so configuration overrides each: health and Prometheus only, on their own port on loopback
 * (a free port unless the server's {@code main} names one), liveness and readiness groups, details for the
 * authenticated operator.
 */
public final class ManagementDefaults {

  public static final Map<String, Object> PROPERTIES = Map.of(
      "management.server.port", "0",
      "management.server.address", "127.0.0.1",
      "management.endpoints.web.exposure.include", "health,prometheus",
      "management.endpoint.health.probes.enabled", "true",
      "management.endpoint.health.show-details", "always");

  private ManagementDefaults() {
  }
}
