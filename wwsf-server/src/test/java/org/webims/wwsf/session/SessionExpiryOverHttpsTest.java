package org.webims.wwsf.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.JdbcTemplate;
import org.webims.waf.testing.TestSeedFile;
import org.webims.wwsf.testing.WwsfBrowser;
import org.webims.wwsf.testing.WwsfTestServer;

/**
 * Issue 16: HTTP sessions live in the WAF's database (table {@code waf_http_session}) on a single node too, expire
 * after {@code server.servlet.session.timeout} without a request, and the cleanup job
 * ({@code spring.session.jdbc.cleanup-cron}) deletes them with no request to trigger it.
 */
class SessionExpiryOverHttpsTest {

  @TempDir
  Path dataDir;

  @Test
  void anIdleSignedInSessionExpiresAndIsDeletedFromTheDatabase() {
    try (WwsfTestServer wwsf = WwsfTestServer.start(dataDir, TestSeedFile.standard(),
        "--server.servlet.session.timeout=5s", "--spring.session.jdbc.cleanup-cron=* * * * * *")) {
      JdbcTemplate jdbc = wwsf.context().getBean(JdbcTemplate.class);
      WwsfBrowser browser = wwsf.signedInBrowser(TestSeedFile.ALICE, TestSeedFile.ALICE_PASSWORD);
      assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM waf_http_session WHERE principal_name = ?", Long.class,
          TestSeedFile.ALICE)).isOne();

      await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500)).untilAsserted(() ->
          assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM waf_http_session", Long.class)).isZero());

      assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM waf_http_session_attributes", Long.class)).isZero();
      assertThat(browser.getJson(WicSessionController.PATH).statusCode()).isEqualTo(401);
    }
  }
}
