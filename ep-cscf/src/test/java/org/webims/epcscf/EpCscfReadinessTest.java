package org.webims.epcscf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.nimbusds.jose.jwk.RSAKey;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;
import org.webims.epcscf.testing.JwksServer;
import org.webims.epcscf.testing.TestTokens;
import org.webims.server.testing.ManagementPort;

/**
 * Issue 16: the eP-CSCF's readiness ({@code /actuator/health/readiness}) is false while it cannot do its job,
 * without a connection to the IMS core or without the WAF's key set, and true again when they are back; its
 * liveness stays true throughout (a load balancer moves traffic away, nothing restarts it).
 */
class EpCscfReadinessTest {

  @TempDir
  Path dir;

  private final RSAKey wafKey = TestTokens.newKey("waf-1");

  @Test
  void notReadyWithoutTheImsCoreAndReadyWhenItIsBack() throws Exception {
    try (JwksServer jwks = new JwksServer(TestTokens.publicSet(wafKey)); Core core = new Core(0)) {
      int port = core.port();
      try (ConfigurableApplicationContext epcscf = start(jwks, port)) {
        ManagementPort management = ManagementPort.of(epcscf, "metrics", "test-pw");
        awaitReadiness(management, 200);

        core.close();
        awaitReadiness(management, 503);
        assertThat(management.readiness().body()).contains("\"core\"").contains("DOWN");
        assertThat(management.get("/actuator/health/liveness").statusCode()).isEqualTo(200);

        try (Core back = new Core(port)) {
          awaitReadiness(management, 200);
        }
      }
    }
  }

  @Test
  void notReadyWithoutTheWafKeySetAndReadyWhenItIsBack() throws Exception {
    try (JwksServer jwks = new JwksServer(TestTokens.publicSet(wafKey)); Core core = new Core(0)) {
      try (ConfigurableApplicationContext epcscf = start(jwks, core.port())) {
        ManagementPort management = ManagementPort.of(epcscf, "metrics", "test-pw");
        awaitReadiness(management, 200);

        jwks.failing(true); // the cached set lapses after jwks-cache-ttl, and the fetch fails
        awaitReadiness(management, 503);
        assertThat(management.readiness().body()).contains("\"jwks\"").contains("DOWN");
        assertThat(management.scrape().count("webims_epcscf_jwks_fetches_total", "outcome", "failure"))
            .isGreaterThanOrEqualTo(1);

        jwks.failing(false);
        awaitReadiness(management, 200);
      }
    }
  }

  private ConfigurableApplicationContext start(JwksServer jwks, int corePort) {
    return EpCscfApplication.builder().run(
        "--server.port=0",
        "--webims.tls.key-store=" + dir.resolve("ep-cscf-tls.p12"),
        "--webims.management.password=test-pw",
        "--webims.epcscf.core.port=0",
        "--webims.epcscf.core.connect-timeout=1s",
        "--webims.epcscf.core.uri=sip:127.0.0.1:" + corePort + ";transport=tcp",
        "--webims.epcscf.token.jwks-uri=" + jwks.uri(),
        "--webims.epcscf.token.jwks-cache-ttl=1500ms",
        "--webims.epcscf.token.jwks-min-refresh-interval=100ms",
        "--webims.epcscf.token.jwks-timeout=1s");
  }

  private static void awaitReadiness(ManagementPort management, int status) {
    await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(200))
        .until(() -> management.readiness().statusCode() == status);
  }

  /** A TCP listener standing for the IMS core: accepts and holds connections; closing it drops them all. */
  private static final class Core implements AutoCloseable {

    private final ServerSocket server;
    private final List<Socket> accepted = new CopyOnWriteArrayList<>();

    Core(int port) throws IOException {
      server = new ServerSocket();
      server.setReuseAddress(true);
      server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
      Thread t = new Thread(() -> {
        try {
          while (true) {
            accepted.add(server.accept());
          }
        } catch (IOException closed) {
          // the listener is closed: the core is gone
        }
      }, "readiness-core");
      t.setDaemon(true);
      t.start();
    }

    int port() {
      return server.getLocalPort();
    }

    @Override
    public void close() throws IOException {
      server.close();
      for (Socket s : accepted) {
        s.close();
      }
    }
  }
}
