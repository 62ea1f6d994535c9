package org.webims.wwsf.operations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.ServerSocket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.webims.waf.testing.TestSeedFile;
import org.webims.wwsf.testing.Json;
import org.webims.wwsf.testing.WwsfBrowser;
import org.webims.wwsf.testing.WwsfTestServer;
import tools.jackson.databind.JsonNode;

/**
 * Issue 16 point 4: the console's Nodes page over real HTTPS and the security chain, reading the management ports
 * of configured nodes: the WWSF itself (its real gauge of live leases) and test doubles of the others at the edge,
 * one up, one not ready, one refusing the password, one whose port is closed, one that never answers, and one whose
 * password file is missing. Each
 * node shows its status in words and its figures; one bad node costs the page nothing; the figures follow the
 * node; no management password reaches the page; only operators see it.
 */
class ConsoleNodesOverHttpsTest {

  private static final String PASSWORD = "fake-management-password";
  private static final String WRONG_PASSWORD = "not-the-password";

  @TempDir
  static Path dataDir;
  static WwsfTestServer wwsf;
  static FakeManagementPort epcscf;
  static FakeManagementPort ims;
  static FakeManagementPort refusing;
  static FakeManagementPort hung;

  @BeforeAll
  static void start() throws Exception {
    Path passwordFile = Files.writeString(dataDir.resolve("fake-password"), PASSWORD + "\n", StandardCharsets.UTF_8);
    Path wrongFile = Files.writeString(dataDir.resolve("wrong-password"), WRONG_PASSWORD, StandardCharsets.UTF_8);
    epcscf = FakeManagementPort.start(PASSWORD).prometheus(String.join("\n",
        "# TYPE webims_epcscf_ws_connections gauge",
        "webims_epcscf_ws_connections 3.0",
        "webims_epcscf_registrations 2.0",
        "a line that is no sample",
        ""));
    ims = FakeManagementPort.start(PASSWORD)
        .readiness(503, "{\"status\":\"DOWN\",\"components\":{\"db\":{\"status\":\"DOWN\"},"
            + "\"readinessState\":{\"status\":\"UP\"}}}")
        .prometheus("webims_ims_registrations 5\n");
    refusing = FakeManagementPort.start(PASSWORD);
    hung = FakeManagementPort.start(PASSWORD).hang();
    int closedPort;
    try (ServerSocket free = new ServerSocket(0)) {
      closedPort = free.getLocalPort();
    }
    int wwsfManagementPort;
    try (ServerSocket free = new ServerSocket(0)) {
      wwsfManagementPort = free.getLocalPort();
    }
    List<String> args = new ArrayList<>(List.of(
        "--management.server.port=" + wwsfManagementPort,
        "--webims.management.password=",
        "--webims.wwsf.console.scrape-timeout=1s",
        "--webims.wwsf.console.refresh-interval=1s"));
    node(args, 0, "wwsf", "wwsf", "http://127.0.0.1:" + wwsfManagementPort,
        dataDir.resolve("wwsf-management-password"));
    node(args, 1, "ep-cscf", "ep-cscf", epcscf.url(), passwordFile);
    node(args, 2, "ims-core", "ims-core", ims.url(), passwordFile);
    node(args, 3, "ep-cscf-2", "ep-cscf", refusing.url(), wrongFile);
    node(args, 4, "ep-cscf-3", "ep-cscf", "http://127.0.0.1:" + closedPort, passwordFile);
    node(args, 5, "ims-core-2", "ims-core", hung.url(), passwordFile);
    node(args, 6, "ep-cscf-4", "ep-cscf", epcscf.url(), dataDir.resolve("no-such-password-file"));
    wwsf = WwsfTestServer.start(dataDir, TestSeedFile.standard().operator(), args.toArray(String[]::new));
  }

  private static void node(List<String> args, int n, String name, String role, String url, Path passwordFile) {
    String prefix = "--webims.wwsf.console.nodes[" + n + "].";
    args.addAll(List.of(prefix + "name=" + name, prefix + "role=" + role, prefix + "url=" + url,
        prefix + "password-file=" + passwordFile));
  }

  @AfterAll
  static void stop() {
    for (AutoCloseable c : new AutoCloseable[] {wwsf, epcscf, ims, refusing, hung}) {
      try {
        if (c != null) {
          c.close();
        }
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    }
  }

  @Test
  void operatorSeesEveryNodeWithItsStatusInWordsAndItsFigures() {
    WwsfBrowser operator = wwsf.signedInBrowser(TestSeedFile.OPERATOR, TestSeedFile.OPERATOR_PASSWORD);
    assertThat(operator.get("/console").body()).contains("id=\"nav-nodes\"", "href=\"/console/nodes\"");

    HttpResponse<String> page = operator.get("/console/nodes");

    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.body()).contains("id=\"node-table\"", "src=\"/js/console-nodes.js\"",
        "data-figures=\"/console/nodes/figures\"");
    assertThat(row(page.body(), "wwsf")).contains("WWSF + WAF", "data-status=\"up\"", "class=\"leases\">0<",
        "class=\"flows\"><", "class=\"calls\"><");
    assertThat(row(page.body(), "ep-cscf")).contains("eP-CSCF", "data-status=\"up\"", "class=\"flows\">3<",
        "class=\"registrations\">2<", "class=\"calls\">—<", "class=\"leases\"><");
    assertThat(row(page.body(), "ims-core")).contains("IMS core", "data-status=\"not-ready\"", ">not ready<",
        "db down", "class=\"registrations\">5<");
    assertThat(row(page.body(), "ep-cscf-2")).contains("data-status=\"down\"", "401 from management port",
        "class=\"flows\">—<");
    assertThat(row(page.body(), "ep-cscf-3")).contains("data-status=\"down\"", "connection refused");
    assertThat(row(page.body(), "ims-core-2")).contains("data-status=\"down\"", "timeout",
        "class=\"registrations\">—<");
    assertThat(row(page.body(), "ep-cscf-4")).contains("data-status=\"down\"", "password file unreadable");
    assertThat(page.body()).doesNotContain(PASSWORD, WRONG_PASSWORD);
  }

  @Test
  void theFiguresAreJsonForThePagesScriptAndFollowTheNodeWithinTheRefreshInterval() {
    WwsfBrowser operator = wwsf.signedInBrowser(TestSeedFile.OPERATOR, TestSeedFile.OPERATOR_PASSWORD);
    long started = System.nanoTime();

    HttpResponse<String> figures = operator.getJson("/console/nodes/figures");

    assertThat(Duration.ofNanos(System.nanoTime() - started)).as("a hung node costs the scrape timeout only")
        .isLessThan(Duration.ofSeconds(5));
    assertThat(figures.statusCode()).isEqualTo(200);
    assertThat(figures.headers().firstValue("Content-Type")).hasValueSatisfying(
        type -> assertThat(type).startsWith("application/json"));
    assertThat(figures.body()).doesNotContain(PASSWORD, WRONG_PASSWORD);
    JsonNode json = Json.parse(figures.body());
    assertThat(json.get("refreshSeconds").asInt()).isEqualTo(1);
    JsonNode epcscfNode = node(json, "ep-cscf");
    assertThat(epcscfNode.get("role").asString()).isEqualTo("eP-CSCF");
    assertThat(epcscfNode.get("status").asString()).isEqualTo("up");
    assertThat(epcscfNode.get("flows").asString()).isEqualTo("3");
    assertThat(epcscfNode.get("calls").asString()).isEqualTo("—");
    assertThat(node(json, "ims-core-2").get("reason").asString()).isEqualTo("timeout");

    epcscf.prometheus("webims_epcscf_ws_connections 4\nwebims_epcscf_registrations 4\nwebims_epcscf_calls 1\n");
    await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> {
      JsonNode now = node(Json.parse(operator.getJson("/console/nodes/figures").body()), "ep-cscf");
      assertThat(now.get("registrations").asString()).isEqualTo("4");
      assertThat(now.get("calls").asString()).isEqualTo("1");
    });
  }

  @Test
  void aWebUserWhoIsNoOperatorIsRefusedThePageAndTheFigures() {
    WwsfBrowser alice = wwsf.signedInBrowser(TestSeedFile.ALICE, TestSeedFile.ALICE_PASSWORD);

    assertThat(alice.get("/console/nodes").statusCode()).isEqualTo(403);
    HttpResponse<String> figures = alice.getJson("/console/nodes/figures");
    assertThat(figures.statusCode()).isEqualTo(403);
    assertThat(figures.body()).doesNotContain("ep-cscf", "registrations");
  }

  @Test
  void signedOutThePageAndTheFiguresLeadToSignIn() {
    for (String path : List.of("/console/nodes", "/console/nodes/figures")) {
      HttpResponse<String> redirect = wwsf.browser().getOnce(path);

      assertThat(redirect.statusCode()).as(path).isEqualTo(302);
      assertThat(redirect.headers().firstValue("Location")).hasValue(wwsf.baseUrl() + "/");
    }
  }

  /** The table row of node {@code name}, from its id to its end. */
  private static String row(String html, String name) {
    int start = html.indexOf("id=\"node-" + name + "\"");
    assertThat(start).as("row of " + name).isNotNegative();
    return html.substring(start, html.indexOf("</tr>", start));
  }

  private static JsonNode node(JsonNode json, String name) {
    for (JsonNode node : json.get("nodes")) {
      if (node.get("name").asString().equals(name)) {
        return node;
      }
    }
    throw new AssertionError("no node " + name + " in " + json);
  }
}
