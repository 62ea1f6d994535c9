package org.webims.wwsf.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.webims.waf.testing.TestSeedFile;
import org.webims.waf.testing.WafApiClient;
import org.webims.wwsf.testing.WwsfBrowser;
import org.webims.wwsf.testing.WwsfTestServer;

/**
 * Pool users signing in at the WWSF (issue 6, WAF-10): the first gets the pool's one IMPU, the next one a clear
 * message on the home page instead of an error page; the WAF's REST API answers in the WWSF's process.
 */
class PoolSignInOverHttpsTest {

  private static final String PASSWORD = "solo-password";

  @TempDir
  static Path dataDir;
  static WwsfTestServer wwsf;

  @BeforeAll
  static void start() {
    wwsf = WwsfTestServer.start(dataDir, TestSeedFile.standard().operator()
        .pool("solo", "ims.example.net", "sip:solo-{1..1}@ims.example.net", "solo-{1..1}@ims.example.net")
        .poolUser("first", PASSWORD, "solo").poolUser("second", PASSWORD, "solo"));
  }

  @AfterAll
  static void stop() {
    wwsf.close();
  }

  @Test
  void whenThePoolIsExhaustedTheNextUserSeesAClearMessageAndStaysSignedOut() {
    HttpResponse<String> first = wwsf.browser().signIn("first", PASSWORD);
    assertThat(first.body()).contains("id=\"register\"", "sip:solo-1@ims.example.net");

    WwsfBrowser browser = wwsf.browser();
    HttpResponse<String> second = browser.signIn("second", PASSWORD);

    assertThat(second.statusCode()).isEqualTo(200);
    assertThat(second.uri().getPath()).isEqualTo("/");
    assertThat(second.uri().getQuery()).isEqualTo(SignInFailureHandler.PARAMETER + "="
        + SignInFailureHandler.POOL_EXHAUSTED);
    assertThat(second.body()).contains("id=\"signin-message\"", "All IMS identities for guests are in use",
        "id=\"signin\"").doesNotContain("id=\"register\"", "Exception", "invalid_grant");
    assertThat(browser.getJson("/wic/session").statusCode()).isEqualTo(401);
  }

  @Test
  void theWafsRestApiAnswersInTheWwsfProcess() throws Exception {
    WafApiClient admin = WafApiClient.withToken(wwsf.waf(), wwsf.waf().automationClient());

    assertThat(admin.get("/pools/solo").json().get("impus").asLong()).isEqualTo(1);
    assertThat(WafApiClient.withToken(wwsf.waf(), wwsf.waf().tokenClient(), null).get("/pools").status())
        .isEqualTo(401);
  }

  @Test
  void anOperatorsWebSessionDoesNotAuthenticateTheRestApi() {
    // The API takes Bearer tokens only (no CSRF protection needed): a signed-in console session counts for nothing.
    WwsfBrowser operator = wwsf.signedInBrowser(TestSeedFile.OPERATOR, TestSeedFile.OPERATOR_PASSWORD);
    assertThat(operator.get("/console").statusCode()).isEqualTo(200);

    assertThat(operator.getJson("/api/v1/pools").statusCode()).isEqualTo(401);
  }
}
