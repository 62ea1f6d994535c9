package org.webims.wwsf.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.JdbcTemplate;
import org.webims.waf.testing.TestSeedFile;
import org.webims.wwsf.testing.Json;
import org.webims.wwsf.testing.WwsfBrowser;
import org.webims.wwsf.web.SignInFailureHandler;
import tools.jackson.databind.JsonNode;

/**
 * Issue 16 point 3, WAF-10: 50 web users of one pool of 50 IMPUs sign in at the WWSF through a load balancer that
 * spreads every request over two nodes sharing PostgreSQL, four at a time: each gets its own IMPU, none is leased
 * twice, and the 51st user gets the pool's clear refusal.
 */
class PoolSignInsOnTwoNodesOverHttpsTest {

  private static final int IMPUS = 50;
  private static final String POOL = "crowd";
  private static final String PASSWORD = "crowd-password";

  @TempDir
  Path dataDir;

  @Test
  void fiftyPoolSignInsOverBothNodesLeaseFiftyDistinctImpusAndTheFiftyFirstIsRefused_WAF10() throws Exception {
    TestSeedFile seed = TestSeedFile.standard()
        .pool(POOL, "ims.example.net", "sip:crowd-{01..50}@ims.example.net", "crowd-{01..50}@ims.example.net");
    IntStream.rangeClosed(1, IMPUS + 1).forEach(i -> seed.poolUser(POOL + i, PASSWORD, POOL));
    try (TwoWwsfNodes cluster = TwoWwsfNodes.start(dataDir, seed)) {
      signInFiftyAndAFiftyFirst(cluster);
    }
  }

  private static void signInFiftyAndAFiftyFirst(TwoWwsfNodes cluster) throws Exception {
    List<String> leased = new ArrayList<>();
    ExecutorService threads = Executors.newFixedThreadPool(4);
    try {
      List<Future<String>> signIns = new ArrayList<>();
      for (int i = 1; i <= IMPUS; i++) {
        String user = POOL + i;
        signIns.add(threads.submit(() -> signInAndReadLeasedImpu(cluster, user)));
      }
      for (Future<String> signIn : signIns) {
        leased.add(signIn.get(2, TimeUnit.MINUTES));
      }
    } finally {
      threads.shutdownNow();
    }

    assertThat(leased).hasSize(IMPUS).doesNotHaveDuplicates()
        .allMatch(impu -> impu.matches("sip:crowd-[0-5][0-9]@ims\\.example\\.net"));
    assertThat(cluster.connections(TwoWwsfNodes.A)).isGreaterThan(IMPUS);
    assertThat(cluster.connections(TwoWwsfNodes.B)).isGreaterThan(IMPUS);
    JdbcTemplate jdbc = cluster.node(TwoWwsfNodes.A).context().getBean(JdbcTemplate.class);
    assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM waf_impu_lease", Long.class)).isEqualTo(IMPUS);
    assertThat(jdbc.queryForObject("SELECT COUNT(DISTINCT impu) FROM waf_pool_impu WHERE lease_id IS NOT NULL",
        Long.class)).isEqualTo(IMPUS);

    HttpResponse<String> refused = cluster.browser().signIn(POOL + (IMPUS + 1), PASSWORD);
    assertThat(refused.uri().getQuery())
        .isEqualTo(SignInFailureHandler.PARAMETER + "=" + SignInFailureHandler.POOL_EXHAUSTED);
  }

  private static String signInAndReadLeasedImpu(TwoWwsfNodes cluster, String user) {
    WwsfBrowser browser = cluster.browser();
    HttpResponse<String> page = browser.signIn(user, PASSWORD);
    assertThat(page.body()).as(user + " signed in").contains("id=\"register\"");
    HttpResponse<String> session = browser.getJson("/wic/session");
    assertThat(session.statusCode()).as(session.body()).isEqualTo(200);
    JsonNode lease = Json.parse(session.body()).get("lease");
    assertThat(Json.jwtPayload(Json.parse(session.body()).get("token").asString()).get("impu").get(0).asString())
        .isEqualTo(lease.get("impu").asString());
    return lease.get("impu").asString();
  }
}
