package org.webims.epcscf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.nimbusds.jose.jwk.RSAKey;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.webims.epcscf.testing.RunningEpCscf;
import org.webims.epcscf.testing.TestMessages;
import org.webims.epcscf.testing.TestTokens;
import org.webims.epcscf.testing.WsClient;
import org.webims.server.testing.ManagementPort;

/**
 * Issue 16: the eP-CSCF's management port over real HTTP. Prometheus and health answer only the management user
 * (its password generated on first start beside the keystore, owner-only), only on their own loopback port, and
 * the meters follow real traffic over WSS: a REGISTER accepted and one rejected, a refused handshake, frames,
 * token checks with the verdict cache (EPC-27), the JWKS fetch.
 */
class EpCscfMetricsWssTest {

  private static final String ORIGIN = "https://localhost:8443";

  @TempDir
  static Path dir;

  private static final RSAKey wafKey = TestTokens.newKey("waf-1");
  private static RunningEpCscf running;
  private static ManagementPort management;

  @BeforeAll
  static void start() throws Exception {
    // An empty password, as a standalone eP-CSCF has: generated into the password file at the first start.
    running = RunningEpCscf.start(dir, wafKey, "--webims.epcscf.digest.enabled=false", "--webims.management.password=");
    String password = Files.readString(dir.resolve("ep-cscf-management-password"), StandardCharsets.UTF_8).trim();
    management = ManagementPort.of(running.context, "metrics", password);
  }

  @AfterAll
  static void stop() throws Exception {
    running.close();
  }

  private static WsClient connect() throws Exception {
    return WsClient.connect(running.http, running.epcscf.webSocketUri(), "sip", ORIGIN);
  }

  private static String token() {
    return TestTokens.sign(wafKey, TestTokens.claims(Instant.now()).build());
  }

  @Test
  void theManagementPortRefusesWithoutTheManagementUserAndIsNotThePublicListener() throws Exception {
    int port = ManagementPort.port(running.context);
    assertThat(port).isNotEqualTo(running.epcscf.webSocketUri().getPort());
    assertThat(running.context.getEnvironment().getProperty("management.server.address")).isEqualTo("127.0.0.1");

    HttpResponse<String> anonymous = management.getWithoutCredentials("/actuator/prometheus");
    assertThat(anonymous.statusCode()).isEqualTo(401);
    assertThat(anonymous.headers().firstValue("WWW-Authenticate")).hasValue(
        "Basic realm=\"webims-management\", charset=\"UTF-8\"");
    assertThat(anonymous.body()).contains("\"status\":401").doesNotContain("webims_");
    assertThat(new ManagementPort(port, "metrics", "wrong").get("/actuator/health").statusCode()).isEqualTo(401);

    HttpResponse<String> publicListener = running.http.send(HttpRequest.newBuilder(
        URI.create("https://localhost:" + running.epcscf.webSocketUri().getPort() + "/actuator/prometheus")).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(publicListener.statusCode()).isEqualTo(404);
    assertThat(publicListener.body()).doesNotContain("webims_");
  }

  /** The management endpoints are never served on the public listener: the same port for both is refused. */
  @Test
  void refusesToStartWithTheManagementPortOnThePublicListener() throws Exception {
    int port;
    try (java.net.ServerSocket free = new java.net.ServerSocket(0)) {
      port = free.getLocalPort();
    }
    String[] args = {"--server.port=" + port, "--management.server.port=" + port,
        "--webims.tls.key-store=" + dir.resolve("ep-cscf-tls.p12"), "--webims.epcscf.core.port=0",
        "--webims.epcscf.core.uri=" + running.scscf.uri()};
    assertThatThrownBy(() -> EpCscfApplication.builder().run(args).close())
        .hasStackTraceContaining("management.server.port must be a port of its own");
  }

  @Test
  void theGeneratedManagementPasswordIsReadableByItsOwnerOnly() throws Exception {
    Path file = dir.resolve("ep-cscf-management-password");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
    assertThat(management.get("/actuator/health/liveness").statusCode()).isEqualTo(200);
  }

  @Test
  void metersFollowRegistrationsOverWss() throws Exception {
    ManagementPort.Scrape before = management.scrape();
    String token = token();
    try (WsClient ws = connect()) {
      ws.send(TestMessages.register(TestMessages.bearer(token)));
      running.scscf.next();
      assertThat(ws.nextResponse().statusCode()).isEqualTo(200);
      await().atMost(Duration.ofSeconds(5)).until(() -> grew(before, management.scrape(),
          "webims_epcscf_registers_total", 1, "result", "accepted"));
      ManagementPort.Scrape registered = management.scrape();

      assertThat(registered.count("webims_epcscf_registrations")).isGreaterThanOrEqualTo(1);
      assertThat(registered.count("webims_epcscf_ws_connections")).isGreaterThanOrEqualTo(1);
      assertGrew(before, registered, "webims_epcscf_ws_connections_opened_total", 1);
      assertGrew(before, registered, "webims_epcscf_ws_handshakes_total", 1, "outcome", "succeeded");
      assertGrew(before, registered, "webims_epcscf_register_duration_seconds_count", 1);
      assertGrew(before, registered, "webims_epcscf_token_checks_total", 1, "result", "verified");
      assertGrew(before, registered, "webims_epcscf_token_signature_checks_total", 1);
      assertGrew(before, registered, "webims_epcscf_transactions_total", 1, "direction", "originating",
          "method", "REGISTER", "class", "2xx");
      assertThat(registered.count("webims_epcscf_ws_frames_total", "direction", "in")
          - before.count("webims_epcscf_ws_frames_total", "direction", "in")).isGreaterThanOrEqualTo(1);
      assertThat(registered.count("webims_epcscf_ws_frames_total", "direction", "out")
          - before.count("webims_epcscf_ws_frames_total", "direction", "out")).isGreaterThanOrEqualTo(1);
      assertThat(registered.count("webims_epcscf_jwks_fetches_total", "outcome", "success")).isGreaterThanOrEqualTo(1);
      assertThat(registered.text()).contains("webims_epcscf_register_duration_seconds_bucket{");

      // EPC-27: the same token again is a cache hit and costs no signature check.
      ws.send(TestMessages.register(TestMessages.bearer(token), "z9hG4bKre2", 2, "600000", TestTokens.IMPU));
      running.scscf.next();
      assertThat(ws.nextResponse().statusCode()).isEqualTo(200);
      ManagementPort.Scrape again = management.scrape();
      assertGrew(registered, again, "webims_epcscf_token_checks_total", 1, "result", "cache_hit");
      assertGrew(registered, again, "webims_epcscf_token_signature_checks_total", 0);
      assertGrew(registered, again, "webims_epcscf_registers_total", 1, "result", "accepted");

      // A forged token: rejected with 401, a token check failed for its signature.
      RSAKey attacker = TestTokens.newKey("waf-1");
      ws.send(TestMessages.register(TestMessages.bearer(TestTokens.sign(attacker,
          TestTokens.claims(Instant.now()).build())), "z9hG4bKbad3", 3, "600000", TestTokens.IMPU));
      assertThat(ws.nextResponse().statusCode()).isEqualTo(401);
      ManagementPort.Scrape rejected = management.scrape();
      assertGrew(again, rejected, "webims_epcscf_registers_total", 1, "result", "rejected", "reason", "401");
      assertGrew(again, rejected, "webims_epcscf_token_checks_total", 1, "result", "failed", "reason",
          "bad_signature");
      assertGrew(again, rejected, "webims_epcscf_transactions_total", 1, "method", "REGISTER", "class", "4xx");
    }
    await().atMost(Duration.ofSeconds(10)).until(() ->
        management.scrape().count("webims_epcscf_ws_connections") == before.count("webims_epcscf_ws_connections"));
  }

  @Test
  void aRefusedHandshakeIsCountedByItsReason() throws Exception {
    ManagementPort.Scrape before = management.scrape();
    assertThatThrownBy(() -> WsClient.connect(running.http, running.epcscf.webSocketUri(), "sip",
        "https://evil.example.net")).cause().isInstanceOf(java.net.http.WebSocketHandshakeException.class);
    assertThatThrownBy(() -> WsClient.connect(running.http, running.epcscf.webSocketUri(), null, ORIGIN))
        .cause().isInstanceOf(java.net.http.WebSocketHandshakeException.class);
    ManagementPort.Scrape after = management.scrape();
    assertGrew(before, after, "webims_epcscf_ws_handshakes_total", 1, "outcome", "failed", "reason", "origin");
    assertGrew(before, after, "webims_epcscf_ws_handshakes_total", 1, "outcome", "failed", "reason", "subprotocol");
  }

  private static boolean grew(ManagementPort.Scrape before, ManagementPort.Scrape after, String name, double by,
      String... labels) {
    return after.count(name, labels) - before.count(name, labels) == by;
  }

  private static void assertGrew(ManagementPort.Scrape before, ManagementPort.Scrape after, String name, double by,
      String... labels) {
    assertThat(after.count(name, labels) - before.count(name, labels)).as(name + " " + String.join(",", labels))
        .isEqualTo(by);
  }
}
