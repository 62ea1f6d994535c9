package org.webims.waf.pool;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.JdbcTemplate;
import org.webims.waf.testing.TestPostgres;
import org.webims.waf.testing.TestSeedFile;
import org.webims.waf.testing.WafTestServer;
import org.webims.waf.token.ImsAccessTokenCustomizer;

/**
 * 50 simultaneous token requests against a pool of 10 give exactly 10 leases with distinct IMPUs and 40 clear
 * refusals (issue 6, WAF-10): on the embedded H2 file database, and on PostgreSQL with two WAF nodes sharing it
 * (row locks, no JVM lock can help across two processes' worth of nodes).
 */
class ImpuPoolConcurrencyTest {

  private static final int GUESTS = 50;

  @TempDir
  Path dataDir;
  private final List<WafTestServer> nodes = new ArrayList<>();
  private TestPostgres postgres;

  @AfterEach
  void stop() {
    nodes.forEach(WafTestServer::close);
    if (postgres != null) {
      postgres.drop();
    }
  }

  @Test
  void fiftyGuestsOnTheEmbeddedDatabaseGetTenLeasesAndFortyRefusals() throws Exception {
    nodes.add(WafTestServer.startHttps(dataDir.resolve("a"), seed()));

    assertTenLeasesAndFortyRefusals(PoolContention.run(nodes, guests(), TestSeedFile.GUEST_PASSWORD));
  }

  @Test
  void fiftyGuestsOnTwoWafNodesSharingPostgresqlGetTenLeasesAndFortyRefusals() throws Exception {
    postgres = TestPostgres.freshSchema();
    nodes.add(WafTestServer.startHttps(dataDir.resolve("a"), seed(), postgres.wafArguments()));
    nodes.add(WafTestServer.startHttps(dataDir.resolve("b"), seed(), postgres.wafArguments()));

    assertTenLeasesAndFortyRefusals(PoolContention.run(nodes, guests(), TestSeedFile.GUEST_PASSWORD));
    assertThat(nodes.get(0).context().getBean(JdbcTemplate.class).queryForObject(
        "SELECT current_schema()", String.class)).startsWith("test_");
  }

  private void assertTenLeasesAndFortyRefusals(List<PoolContention.Outcome> outcomes) throws Exception {
    List<JWTClaimsSet> granted = new ArrayList<>();
    for (PoolContention.Outcome outcome : outcomes) {
      if (outcome.token() != null) {
        granted.add(SignedJWT.parse(outcome.token()).getJWTClaimsSet());
      }
    }
    List<PoolContention.Outcome> refused = outcomes.stream().filter(o -> o.token() == null).toList();

    assertThat(granted).hasSize(TestSeedFile.GUEST_POOL_SIZE);
    assertThat(granted).extracting(claims -> claims.getStringListClaim("impu").get(0)).doesNotHaveDuplicates()
        .allMatch(impu -> impu.matches("sip:guest-0(0[1-9]|10)@ims\\.example\\.net"));
    assertThat(granted).extracting(claims -> claims.getStringClaim(ImsAccessTokenCustomizer.CLAIM_IMPU_LEASE))
        .doesNotHaveDuplicates().doesNotContainNull();
    assertThat(refused).hasSize(GUESTS - TestSeedFile.GUEST_POOL_SIZE).allSatisfy(outcome -> {
      assertThat(outcome.error()).isEqualTo("invalid_grant");
      assertThat(outcome.description()).isEqualTo(ImsAccessTokenCustomizer.POOL_EXHAUSTED);
    });
    JdbcTemplate jdbc = nodes.get(0).context().getBean(JdbcTemplate.class);
    assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM waf_impu_lease", Long.class))
        .isEqualTo(TestSeedFile.GUEST_POOL_SIZE);
    assertThat(jdbc.queryForObject("SELECT COUNT(DISTINCT impu) FROM waf_pool_impu WHERE lease_id IS NOT NULL",
        Long.class)).isEqualTo(TestSeedFile.GUEST_POOL_SIZE);
  }

  private static TestSeedFile seed() {
    return new TestSeedFile().withGuestPool(GUESTS);
  }

  private static List<String> guests() {
    return IntStream.rangeClosed(1, GUESTS).mapToObj(i -> "guest" + i).toList();
  }
}
