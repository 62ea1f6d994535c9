package org.webims.wwsf.operations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.ServerSocket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import org.h2.tools.Server;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.webims.server.testing.ManagementPort;
import org.webims.waf.testing.TestSeedFile;
import org.webims.wwsf.testing.WwsfBrowser;
import org.webims.wwsf.testing.WwsfTestServer;

/**
 * Issue 16: the WWSF's (and so the WAF's) management port over real HTTP. Prometheus and health answer only the
 * management user, whose password is generated beside the keystore, owner-only; the public listener does not
 * serve them. The WAF's meters follow real sign-ins (succeeded, failed, throttled) and pool leases (granted,
 * refused); readiness is false while the WAF's database is away and true again when it is back.
 */
class WwsfOperationsOverHttpsTest {

  private static final String PASSWORD = "solo-password";

  @TempDir
  Path dataDir;

  @Test
  void theManagementPortNeedsTheManagementUserAndIsNotThePublicListener() throws Exception {
    // An empty password, as a standalone WWSF has: generated into the password file at the first start.
    try (WwsfTestServer wwsf = WwsfTestServer.start(dataDir, TestSeedFile.standard(), "--webims.management.password=")) {
      Path file = dataDir.resolve("wwsf-management-password");
      assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
      ManagementPort management = ManagementPort.of(wwsf.context(), "metrics",
          Files.readString(file, StandardCharsets.UTF_8).trim());

      HttpResponse<String> anonymous = management.getWithoutCredentials("/actuator/prometheus");
      assertThat(anonymous.statusCode()).isEqualTo(401);
      assertThat(anonymous.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(
          challenge -> assertThat(challenge).startsWith("Basic realm=\"webims-management\""));
      assertThat(management.get("/actuator/health/liveness").statusCode()).isEqualTo(200);
      assertThat(management.scrape().text()).contains("application_ready_time_seconds");

      HttpResponse<String> publicListener = wwsf.browser().getOnce("/actuator/prometheus");
      assertThat(publicListener.statusCode()).isEqualTo(404);
      assertThat(publicListener.body()).doesNotContain("webims_");
    }
  }

  @Test
  void signInsAndLeasesAreCounted() throws Exception {
    try (WwsfTestServer wwsf = WwsfTestServer.start(dataDir, TestSeedFile.standard()
        .pool("solo", "ims.example.net", "sip:solo-{1..1}@ims.example.net", "solo-{1..1}@ims.example.net")
        .poolUser("first", PASSWORD, "solo").poolUser("second", PASSWORD, "solo"),
        "--webims.management.password=test-pw",
        "--webims.waf.abuse.sign-in-lockout.max-failures=2")) {
      ManagementPort management = ManagementPort.of(wwsf.context(), "metrics", "test-pw");
      ManagementPort.Scrape before = management.scrape();

      wwsf.browser().signIn(TestSeedFile.ALICE, TestSeedFile.ALICE_PASSWORD);
      wwsf.browser().signIn("first", PASSWORD);
      wwsf.browser().signIn("second", PASSWORD); // the pool's one IMPU is taken: refused
      WwsfBrowser guesser = wwsf.browser();
      guesser.signIn(TestSeedFile.NOMAP, "wrong-1");
      guesser.signIn(TestSeedFile.NOMAP, "wrong-2");
      guesser.signIn(TestSeedFile.NOMAP, TestSeedFile.NOMAP_PASSWORD); // locked out: throttled, not checked

      ManagementPort.Scrape after = management.scrape();
      assertGrew(before, after, "webims_waf_signins_total", 3, "kind", "web", "result", "succeeded");
      assertGrew(before, after, "webims_waf_signins_total", 2, "kind", "web", "result", "failed");
      assertGrew(before, after, "webims_waf_signins_total", 1, "kind", "web", "result", "throttled");
      assertGrew(before, after, "webims_waf_leases_total", 1, "event", "granted", "pool", "solo");
      assertGrew(before, after, "webims_waf_leases_total", 1, "event", "refused", "pool", "solo", "reason",
          "exhausted");
    }
  }

  @Test
  void notReadyWithoutTheWafDatabaseAndReadyWhenItIsBack() throws Exception {
    int port;
    try (ServerSocket free = new ServerSocket(0)) {
      port = free.getLocalPort();
    }
    Server database = database(port);
    try (WwsfTestServer wwsf = WwsfTestServer.start(dataDir, TestSeedFile.standard(),
        "--spring.datasource.url=jdbc:h2:tcp://127.0.0.1:" + port + "/./wwsf",
        "--spring.datasource.hikari.connection-timeout=1000",
        "--webims.management.password=test-pw")) {
      ManagementPort management = ManagementPort.of(wwsf.context(), "metrics", "test-pw");
      awaitReadiness(management, 200);

      database.stop();
      awaitReadiness(management, 503);
      assertThat(management.readiness().body()).contains("\"db\"").contains("DOWN");
      assertThat(management.get("/actuator/health/liveness").statusCode()).isEqualTo(200);

      database = database(port);
      awaitReadiness(management, 200);
    } finally {
      database.stop();
    }
  }

  private Server database(int port) throws Exception {
    return Server.createTcpServer("-tcpPort", Integer.toString(port), "-baseDir", dataDir.toString(),
        "-ifNotExists").start();
  }

  /**
   * Polls once a second: the connection pool checks a connection it lends only after it idled for half a second,
   * and H2's "database closed" does not mark a connection broken the way a network error does.
   */
  private static void awaitReadiness(ManagementPort management, int status) {
    await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
      HttpResponse<String> readiness = management.readiness();
      assertThat(readiness.statusCode()).as(readiness.body()).isEqualTo(status);
    });
  }

  private static void assertGrew(ManagementPort.Scrape before, ManagementPort.Scrape after, String name, double by,
      String... labels) {
    assertThat(after.count(name, labels) - before.count(name, labels)).as(name + " " + String.join(",", labels))
        .isEqualTo(by);
  }
}
