package org.webims.wwsf.config;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.util.Map;
import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Turns {@code server.port=0} into a free port before any bean is made: the WAF's issuer and the sign-in's
 * redirect URI contain the port, so it must be known before the web server binds. Read it back from
 * {@code local.server.port} (or {@code server.port}) once started.
 */
public class FreePortResolver implements ApplicationListener<ApplicationEnvironmentPreparedEvent> {

  @Override
  public void onApplicationEvent(ApplicationEnvironmentPreparedEvent event) {
    ConfigurableEnvironment environment = event.getEnvironment();
    if ("0".equals(environment.getProperty("server.port"))) {
      environment.getPropertySources().addFirst(
          new MapPropertySource("webims-free-port", Map.of("server.port", String.valueOf(freePort()))));
    }
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException("no free port for server.port=0", e);
    }
  }
}
