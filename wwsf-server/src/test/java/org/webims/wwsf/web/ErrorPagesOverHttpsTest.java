package org.webims.wwsf.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.webims.server.testing.ProblemAssert.assertProblem;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.webims.waf.testing.TestSeedFile;
import org.webims.wwsf.testing.WwsfBrowser;
import org.webims.wwsf.testing.WwsfTestServer;

/**
 * Issue 12 point 8 on the WWSF (with the WAF in it): an error is the WWSF's own HTML page for a browser and
 * an RFC 9457 problem for an API client; {@code /error} itself is "not found", never status 999.
 */
class ErrorPagesOverHttpsTest {

  @TempDir
  static Path dataDir;
  static WwsfTestServer wwsf;

  @BeforeAll
  static void start() {
    wwsf = WwsfTestServer.start(dataDir, TestSeedFile.standard());
  }

  @AfterAll
  static void stop() {
    wwsf.close();
  }

  private static void assertNotFoundPage(HttpResponse<String> page) {
    assertThat(page.statusCode()).isEqualTo(404);
    assertThat(page.headers().firstValue("Content-Type")).hasValueSatisfying(
        type -> assertThat(type).startsWith("text/html"));
    assertThat(page.body()).contains("Page not found", "There is no page at this address.")
        .doesNotContain("999", "Whitelabel");
  }

  @Test
  void theErrorPathIsNotFoundForABrowserAndForAnApiClient() {
    WwsfBrowser browser = wwsf.browser();
    assertNotFoundPage(browser.get("/error"));
    assertProblem(browser.getJson("/error"), 404, "Not Found");
  }

  @Test
  void aSignedInUserGetsThePageOrTheProblemForAnUnknownPath() {
    WwsfBrowser browser = wwsf.signedInBrowser(TestSeedFile.ALICE, TestSeedFile.ALICE_PASSWORD);
    assertNotFoundPage(browser.get("/nosuch"));
    assertProblem(browser.getJson("/wic/nosuch"), 404, "Not Found");
  }
}
