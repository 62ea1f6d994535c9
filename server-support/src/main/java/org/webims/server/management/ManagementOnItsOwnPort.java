package org.webims.server.management;

import org.springframework.boot.actuate.autoconfigure.web.ManagementContextConfiguration;
import org.springframework.boot.actuate.autoconfigure.web.ManagementContextType;
import org.springframework.context.annotation.Bean;

/**
 * Refuses to start with the management endpoints on the public listener ({@code management.server.port} equal
 * to {@code server.port}, or unset): metrics and health are for operators, on their own port (issue 16).
 */
@ManagementContextConfiguration(value = ManagementContextType.SAME, proxyBeanMethods = false)
public class ManagementOnItsOwnPort {

  @Bean
  Object webimsManagementOnItsOwnPort() {
    throw new IllegalStateException("management.server.port must be a port of its own (not server.port): the "
        + "management endpoints are never served on the public listener (docs/operations.md)");
  }
}
