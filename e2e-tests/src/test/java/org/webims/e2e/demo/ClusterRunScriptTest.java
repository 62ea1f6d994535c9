package org.webims.e2e.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.nimbusds.jwt.SignedJWT;
import java.io.EOFException;
import java.io.IOException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.JavascriptExecutor;
import org.webims.e2e.support.Browser;
import org.webims.e2e.support.ClusterScript;
import org.webims.waf.testing.TestPostgres;
import org.webims.waf.testing.TestSeedFile;
import org.webims.waf.testing.WafTokenClient;
import org.webims.waf.testing.WafTokenException;

/**
 * {@code ./run.sh --cluster} (issue 16, "two of everything"; docs/operations.md): two eP-CSCF and two WWSF + WAF
 * nodes behind HAProxy, the WAF nodes on one PostgreSQL (a schema of this test's own), started once for the class
 * from the jars the build made, every port free. The tests lose nodes on purpose; the script's supervisor starts
 * each lost node again, so the cluster heals for the next test. Browsers are real Chromium WICs, several tabs of
 * one signed-in browser (each tab its own UA instance: its own {@code +sip.instance}, WIC-13).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClusterRunScriptTest {

  private static final Duration WAIT = Duration.ofSeconds(30);
  /** The bound: every WIC of a lost eP-CSCF is registered again through the other within this. */
  private static final Duration RE_REGISTERED = Duration.ofSeconds(30);
  /**
   * The longest a WIC may be without a registration in a rolling restart: its reconnect (docs/wic.md, WIC-10):
   * the first wait is at most 2 s ({@code reconnectBase}); one failed attempt more (a race with HAProxy's health
   * check, 1 s × 2) waits at most 4 s; then the session fetch, the WSS handshake and the REGISTER through the
   * S-CSCF, 2 s at most on a loaded CI machine. Measured here: see the test's output.
   */
  private static final Duration RECONNECT = Duration.ofSeconds(2 + 4 + 2);
  private static final Duration NODE_RESTART = Duration.ofSeconds(120);
  private static final String ALICE = "alice";
  private static final String ALICE_PASSWORD = "alice-demo";
  private static final String ALICE_SIP = "sip:alice@ims.example.net";
  private static final int WICS = 4;
  private static final int GUESTS = 50;
  private static final List<String> EPCSCFS = List.of("ep-cscf-1", "ep-cscf-2");
  /**
   * Each tab keeps the times its {@code #state} changed, as {@code [millis, state]} pairs in
   * {@code window.clusterStates}: the page's own clock, so nothing is missed between two polls.
   */
  private static final String RECORD_STATES = "var el = document.getElementById('state');"
      + "window.clusterStates = [[Date.now(), el.getAttribute('data-state')]];"
      + "new MutationObserver(function () { window.clusterStates.push([Date.now(), el.getAttribute('data-state')]); })"
      + ".observe(el, {attributes: true, attributeFilter: ['data-state']});";

  @TempDir
  static Path dir;
  private static TestPostgres postgres;
  private static ClusterScript cluster;

  @BeforeAll
  static void startTheCluster() throws Exception {
    postgres = TestPostgres.freshSchema();
    // The demo's alice, and a pool of 10 IMPUs (sip:guest-001..010, in the demo HSS too) for 50 web users.
    Path seed = new TestSeedFile().user(ALICE, ALICE_PASSWORD, TestSeedFile.ALICE_IMPI, TestSeedFile.ALICE_IMPUS)
        .withGuestPool(GUESTS).writeTo(dir.resolve("waf-seed.yml"));
    // Every GET /wic/session refreshes the token (the margin is the token's whole lifetime, 5 minutes).
    cluster = ClusterScript.start(dir, postgres.jdbcUrl(), TestPostgres.USER, TestPostgres.PASSWORD,
        Map.of("WAF_SEED_FILE", seed.toString(), "WEBIMS_WWSF_TOKENREFRESHMARGIN", "5m"));
  }

  @AfterAll
  static void stopTheCluster() {
    try {
      if (cluster != null) {
        cluster.close();
      }
    } finally {
      if (postgres != null) {
        postgres.drop();
      }
    }
  }

  /**
   * The eP-CSCF nodes take the client's address from HAProxy's PROXY protocol v2 header ({@code send-proxy-v2},
   * {@code webims.epcscf.websocket.proxy-protocol=on}, docs/operations.md "The client's address behind HAProxy"),
   * so their per-address lockouts count each client, not the balancer: a connection straight to a node, without
   * the header, is closed unanswered (while the WICs of the other tests register through HAProxy, whose header
   * the nodes accept).
   */
  @Test
  @Order(0)
  void anEpCscfNodeRefusesAConnectionThatDidNotComeThroughHaproxy() throws Exception {
    for (String node : List.of("EPCSCF1_PORT", "EPCSCF2_PORT")) {
      try (Socket socket = new Socket("127.0.0.1", Integer.parseInt(cluster.port(node)))) {
        socket.setSoTimeout(10_000);
        SSLSocket tls = (SSLSocket) WafTokenClient.trustAllSslContext().getSocketFactory()
            .createSocket(socket, "localhost", socket.getPort(), true);
        assertThatThrownBy(() -> {
          tls.startHandshake();
          tls.getOutputStream().write("GET / HTTP/1.1\r\nHost: localhost\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
          tls.getOutputStream().flush();
          if (tls.getInputStream().read() == -1) {
            throw new EOFException("closed unanswered");
          }
        }).as("a direct connection to %s", node).isInstanceOf(IOException.class)
            .isNotInstanceOf(SocketTimeoutException.class);
      }
    }
  }

  /**
   * kill -9 of an eP-CSCF that carries registered WICs: every WIC is registered again through the other node
   * within 30 s (the WIC's reconnect, WIC-10, through HAProxy, which no longer sends anything to the dead node),
   * and no binding through the dead node is left at the IMS core: the new REGISTER of the same
   * {@code +sip.instance} and {@code reg-id} replaces it at once (RFC 5626 §6, docs/ims-core.md), long before its
   * expiry.
   */
  @Test
  @Order(1)
  void killingAnEpCscfRegistersEveryWicAgainThroughTheOtherWithin30Seconds() throws Exception {
    try (Browser browser = Browser.start()) {
      List<String> tabs = registeredWics(browser, WICS);
      awaitWicsOnBothEpCscfs();
      String deadSipPort = cluster.port("EPCSCF1_SIP_PORT");
      assertThat(pathsOf(ALICE_SIP)).anyMatch(path -> path.contains(":" + deadSipPort));
      long before = cluster.pid("ep-cscf-1");
      long killed = System.currentTimeMillis();

      cluster.kill("ep-cscf-1");

      await().atMost(RE_REGISTERED).pollInterval(Duration.ofMillis(250)).untilAsserted(() -> {
        assertThat(pathsOf(ALICE_SIP)).hasSize(WICS).noneMatch(path -> path.contains(":" + deadSipPort));
        for (String tab : tabs) {
          assertThat(state(browser, tab)).isEqualTo("registered");
        }
      });
      List<Long> reRegistered = new ArrayList<>();
      for (String tab : tabs) {
        unregisteredGaps(browser, tab).forEach(gap -> reRegistered.add(gap[1] - killed));
      }
      System.out.println("kill -9 of ep-cscf-1: WICs registered again after (ms) " + reRegistered);
      assertThat(reRegistered).as("the WICs of the killed node").isNotEmpty()
          .allSatisfy(after -> assertThat(after).isLessThanOrEqualTo(RE_REGISTERED.toMillis()));
      deregister(browser, tabs);
      cluster.awaitRestartedAndReady("ep-cscf-1", before, NODE_RESTART);
    }
  }

  /**
   * A rolling restart of both eP-CSCFs as docs/operations.md tells it: SIGTERM to one (it drains: readiness
   * false, so HAProxy stops sending it WICs, then its flows closed with 1001 after {@code drain.delay}), the
   * supervisor starts it again, it is ready, then the next. Every WIC moves at least once, and none is without a
   * registration for longer than {@link #RECONNECT}.
   */
  @Test
  @Order(2)
  void aRollingRestartOfBothEpCscfsLeavesNoWicUnregisteredLongerThanItsReconnect() throws Exception {
    try (Browser browser = Browser.start()) {
      List<String> tabs = registeredWics(browser, WICS);
      awaitWicsOnBothEpCscfs();

      for (String node : EPCSCFS) {
        long before = cluster.pid(node);
        cluster.terminate(node);
        cluster.awaitRestartedAndReady(node, before, NODE_RESTART);
      }

      await().atMost(WAIT).untilAsserted(() -> {
        for (String tab : tabs) {
          assertThat(state(browser, tab)).isEqualTo("registered");
        }
      });
      List<Long> gaps = new ArrayList<>();
      for (String tab : tabs) {
        List<long[]> moves = unregisteredGaps(browser, tab);
        assertThat(moves).as("every WIC moved: both of its possible nodes were restarted").isNotEmpty();
        moves.forEach(gap -> gaps.add(gap[1] - gap[0]));
      }
      System.out.println("Rolling restart: unregistered for (ms) " + gaps);
      assertThat(gaps).allSatisfy(gap -> assertThat(gap).isLessThanOrEqualTo(RECONNECT.toMillis()));
      deregister(browser, tabs);
    }
  }

  /**
   * kill -9 of either WWSF + WAF node: sign-in through HAProxy goes on at once on the other (a connection to the
   * dead node is refused, and HAProxy's {@code option redispatch} sends it to the other before its health check
   * has even noticed), with a token the eP-CSCFs take: the signed-in user registers. A page signed in before the
   * loss keeps its session (HTTP sessions are in the database) and gets a token refreshed by its refresh token
   * from {@code GET /wic/session} (WIC-30): the WWSF here refreshes every token it hands out
   * ({@code token-refresh-margin} = the token's lifetime), so each answer is a refresh. The refresh is asked right
   * at the loss, before HAProxy has the node out: the WWSF's own token request may then break on a kept-alive
   * connection to the lost node, and is sent once more on a new one (TokenRequestRetry, docs/operations.md,
   * "Losing a node").
   */
  @Test
  @Order(3)
  void killingAWwsfNodeLeavesSignInAndTokenRefreshWorking() throws Exception {
    try (Browser signedInBefore = Browser.start()) {
      signedInBefore.signIn(cluster.wwsfUrl(), ALICE, ALICE_PASSWORD, WAIT);
      signedInBefore.awaitAttribute("#state", "data-state", "idle", WAIT);
      String token = wicSessionToken(signedInBefore);
      for (String node : List.of("wwsf-1", "wwsf-2")) {
        long before = cluster.pid(node);

        cluster.kill(node);

        String refreshed = wicSessionToken(signedInBefore);
        assertThat(refreshed).as("a new token, refreshed right after " + node + " was killed").isNotEqualTo(token);
        token = refreshed;
        await().atMost(WAIT).until(() -> cluster.haproxyStatus(node).startsWith("DOWN"));
        try (Browser browser = Browser.start()) {
          browser.signIn(cluster.wwsfUrl(), ALICE, ALICE_PASSWORD, WAIT);
          browser.awaitAttribute("#state", "data-state", "idle", WAIT);
          browser.find("#register").click();
          browser.awaitAttribute("#state", "data-state", "registered", WAIT);
          browser.find("#deregister").click();
          browser.awaitAttribute("#state", "data-state", "deregistered", WAIT);
        }
        cluster.awaitRestartedAndReady(node, before, NODE_RESTART);
      }
    }
  }

  /**
   * 50 web users of one pool of 10 IMPUs sign in through HAProxy at once (scenario 3, WAF-10): the sign-ins land
   * on both WAF nodes (their {@code webims_waf_signins_total}), exactly 10 get a token, each with an IMPU of its
   * own, the other 40 get the pool's refusal, and the database holds 10 leases of 10 distinct IMPUs.
   */
  @Test
  @Order(4)
  void fiftyPoolSignInsOverBothWafNodesLeaseNoImpuTwice() throws Exception {
    WafTokenClient client = WafTokenClient.builder(URI.create(cluster.wwsfUrl()))
        .clientSecret(Files.readString(cluster.data().resolve("wwsf-client-secret")).strip())
        .redirectUri(cluster.wwsfUrl() + "/login/oauth2/code/waf").trustAllCertificates().build();
    double[] signInsBefore = {webSignIns("wwsf-1"), webSignIns("wwsf-2")};
    List<WafTokenClient.AuthorizationCode> codes = new ArrayList<>();
    for (int i = 1; i <= GUESTS; i++) {
      codes.add(client.authorize("guest" + i, TestSeedFile.GUEST_PASSWORD));
    }
    List<String> tokens = new ArrayList<>();
    List<String> refusals = new ArrayList<>();
    ExecutorService threads = Executors.newFixedThreadPool(GUESTS);
    try {
      CountDownLatch go = new CountDownLatch(1);
      List<Future<String>> exchanges = new ArrayList<>();
      for (WafTokenClient.AuthorizationCode code : codes) {
        exchanges.add(threads.submit(() -> {
          go.await();
          try {
            return client.exchange(code);
          } catch (WafTokenException e) {
            return "refused " + e.error() + ": " + e.description();
          }
        }));
      }
      go.countDown();
      for (Future<String> exchange : exchanges) {
        String result = exchange.get(60, TimeUnit.SECONDS);
        (result.startsWith("refused ") ? refusals : tokens).add(result);
      }
    } finally {
      threads.shutdownNow();
    }

    assertThat(webSignIns("wwsf-1")).as("sign-ins on wwsf-1").isGreaterThan(signInsBefore[0]);
    assertThat(webSignIns("wwsf-2")).as("sign-ins on wwsf-2").isGreaterThan(signInsBefore[1]);
    List<String> impus = new ArrayList<>();
    for (String token : tokens) {
      impus.add(SignedJWT.parse(token).getJWTClaimsSet().getStringListClaim("impu").get(0));
    }
    assertThat(impus).hasSize(TestSeedFile.GUEST_POOL_SIZE).doesNotHaveDuplicates();
    assertThat(refusals).hasSize(GUESTS - TestSeedFile.GUEST_POOL_SIZE)
        .allMatch(refusal -> refusal.startsWith("refused invalid_grant"));
    try (Connection db = DriverManager.getConnection(postgres.jdbcUrl(), TestPostgres.USER, TestPostgres.PASSWORD);
        Statement query = db.createStatement();
        ResultSet leases = query.executeQuery("SELECT COUNT(*), COUNT(DISTINCT impu) FROM waf_pool_impu"
            + " WHERE lease_id IS NOT NULL")) {
      assertThat(leases.next()).isTrue();
      assertThat(leases.getLong(1)).isEqualTo(TestSeedFile.GUEST_POOL_SIZE);
      assertThat(leases.getLong(2)).isEqualTo(TestSeedFile.GUEST_POOL_SIZE);
    }
  }

  private static double webSignIns(String node) throws InterruptedException {
    return cluster.meter(node, "webims_waf_signins_total", "kind=\"web\"", "result=\"succeeded\"");
  }

  /** The token of the page's {@code GET /wic/session}, as the WIC fetches it (WIC-30); fails on another status. */
  @SuppressWarnings("unchecked")
  private static String wicSessionToken(Browser browser) {
    Map<String, Object> answer = (Map<String, Object>) ((JavascriptExecutor) browser.driver()).executeAsyncScript(
        "var done = arguments[arguments.length - 1];"
            + "fetch('/wic/session', {credentials: 'same-origin'})"
            + ".then(r => r.text().then(t => done({status: r.status, body: t})), e => done({status: 0, body: String(e)}));");
    assertThat(((Number) answer.get("status")).intValue()).as("GET /wic/session: " + answer.get("body")).isEqualTo(200);
    String body = (String) answer.get("body");
    int start = body.indexOf("\"token\":\"") + 9;
    return body.substring(start, body.indexOf('"', start));
  }

  private static List<String> registeredWics(Browser browser, int count) {
    browser.signIn(cluster.wwsfUrl(), ALICE, ALICE_PASSWORD, WAIT);
    List<String> tabs = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      if (i > 0) {
        browser.newTab();
        browser.open(cluster.wwsfUrl() + "/");
      }
      browser.awaitAttribute("#state", "data-state", "idle", WAIT);
      browser.find("#register").click();
      browser.awaitAttribute("#state", "data-state", "registered", WAIT);
      browser.script(RECORD_STATES);
      tabs.add(browser.driver().getWindowHandle());
    }
    return tabs;
  }

  /** Deregisters every tab's WIC, so that the next test starts with no binding of alice (at most 10, SCS-08). */
  private static void deregister(Browser browser, List<String> tabs) {
    for (String tab : tabs) {
      browser.switchTo(tab);
      browser.find("#deregister").click();
      browser.awaitAttribute("#state", "data-state", "deregistered", WAIT);
    }
  }

  /** HAProxy's leastconn spreads the WICs: both nodes carry registrations (their metrics say so). */
  private static void awaitWicsOnBothEpCscfs() {
    await().atMost(WAIT).untilAsserted(() -> {
      for (String node : EPCSCFS) {
        assertThat(cluster.meter(node, "webims_epcscf_registrations")).as(node).isGreaterThanOrEqualTo(1);
      }
    });
  }

  private static List<String> pathsOf(String impu) throws Exception {
    List<String> paths = new ArrayList<>();
    for (Map<String, Object> binding : cluster.bindings(impu)) {
      paths.add(String.valueOf(binding.get("path")));
    }
    return paths;
  }

  private static String state(Browser browser, String tab) {
    browser.switchTo(tab);
    return browser.find("#state").getDomAttribute("data-state");
  }

  /**
   * The times this tab's WIC was not registered since {@link #RECORD_STATES}: {@code [left registered, back]}
   * pairs (a gap not closed yet ends now).
   */
  @SuppressWarnings("unchecked")
  private static List<long[]> unregisteredGaps(Browser browser, String tab) {
    browser.switchTo(tab);
    List<List<Object>> states = (List<List<Object>>) browser.script("return window.clusterStates;");
    List<long[]> gaps = new ArrayList<>();
    long left = -1;
    for (List<Object> change : states) {
      long at = ((Number) change.get(0)).longValue();
      boolean registered = "registered".equals(change.get(1));
      if (!registered && left < 0) {
        left = at;
      } else if (registered && left >= 0) {
        gaps.add(new long[] {left, at});
        left = -1;
      }
    }
    if (left >= 0) {
      gaps.add(new long[] {left, System.currentTimeMillis()});
    }
    return gaps;
  }
}
