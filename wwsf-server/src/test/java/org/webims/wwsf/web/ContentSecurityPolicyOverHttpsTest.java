package org.webims.wwsf.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.webims.waf.testing.TestSeedFile;
import org.webims.wwsf.testing.WwsfBrowser;
import org.webims.wwsf.testing.WwsfTestServer;

/**
 * WAF-02 abuse resistance in the browser: every page of the WWSF carries a Content-Security-Policy that allows
 * scripts from this origin and the one inline start script by its per-response nonce, and WebSocket connections
 * to the configured eP-CSCF; the session cookie is SameSite=Lax.
 */
class ContentSecurityPolicyOverHttpsTest {

  private static final String EPCSCF_URL = "wss://epcscf.example.org:7444/sip";

  @TempDir
  static Path dataDir;
  static WwsfTestServer wwsf;

  @BeforeAll
  static void start() {
    wwsf = WwsfTestServer.start(dataDir, TestSeedFile.standard(), "--webims.wwsf.epcscf-url=" + EPCSCF_URL);
  }

  @AfterAll
  static void stop() {
    wwsf.close();
  }

  @Test
  void everyPageHasAContentSecurityPolicy_WAF02() {
    WwsfBrowser browser = wwsf.browser();
    for (String path : List.of("/", "/login", ImsSignInController.PATH, "/css/wwsf.css")) {
      HttpResponse<String> page = browser.getOnce(path);
      assertThat(page.headers().firstValue("Content-Security-Policy")).as(path).hasValueSatisfying(csp -> assertThat(csp)
          .contains("default-src 'self'", "object-src 'none'", "frame-ancestors 'none'", "base-uri 'none'",
              "form-action 'self'", "connect-src 'self' " + EPCSCF_URL)
          .doesNotContain("unsafe-inline", "unsafe-eval"));
    }
    HttpResponse<String> signedIn = wwsf.signedInBrowser(TestSeedFile.ALICE, TestSeedFile.ALICE_PASSWORD).get("/");
    assertThat(signedIn.body()).contains("wicStart(");
    assertThat(signedIn.headers().firstValue("Content-Security-Policy")).isPresent();
  }

  @Test
  void theInlineStartScriptCarriesTheNonceOfItsResponse_WAF02() {
    HttpResponse<String> page = wwsf.browser().getOnce(ImsSignInController.PATH);
    String csp = page.headers().firstValue("Content-Security-Policy").orElseThrow();
    int at = csp.indexOf("'nonce-");
    assertThat(at).isPositive();
    String nonce = csp.substring(at + "'nonce-".length(), csp.indexOf('\'', at + 1));

    assertThat(page.body()).contains("<script nonce=\"" + nonce + "\">");
    assertThat(wwsf.browser().getOnce(ImsSignInController.PATH).headers().firstValue("Content-Security-Policy"))
        .hasValueSatisfying(other -> assertThat(other).doesNotContain(nonce));
  }

  @Test
  void theSessionCookieIsSameSiteLax_WAF02() {
    HttpResponse<String> login = wwsf.browser().getOnce("/login");
    assertThat(login.headers().allValues("Set-Cookie")).anySatisfy(cookie -> assertThat(cookie)
        .startsWith("SESSION=").contains("SameSite=Lax").contains("Secure").contains("HttpOnly"));
  }
}
