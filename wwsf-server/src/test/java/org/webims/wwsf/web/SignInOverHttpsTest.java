package org.webims.wwsf.web;

import static org.assertj.core.api.Assertions.assertThat;

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
 * The WWSF's pages over real HTTPS (WAF-01): signed-out home, sign-in through the WAF's login form with
 * authorization code + PKCE (WAF-02), the client page of the contract, a user without IMS identity, sign-out.
 */
class SignInOverHttpsTest {

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

  @Test
  void signedOutHomePageOffersSignIn() {
    HttpResponse<String> home = wwsf.browser().get("/");

    assertThat(home.statusCode()).isEqualTo(200);
    assertThat(home.uri().getScheme()).isEqualTo("https");
    assertThat(home.body()).contains("id=\"signin\"", "href=\"/oauth2/authorization/waf\"", ">Sign in<")
        .doesNotContain("id=\"register\"", "wic.js");
  }

  @Test
  void signInRequestsAuthorizationCodeWithPkceS256FromTheWafOnTheSameOrigin() {
    HttpResponse<String> redirect = wwsf.browser().getOnce("/oauth2/authorization/waf");

    assertThat(redirect.statusCode()).isEqualTo(302);
    String location = redirect.headers().firstValue("Location").orElseThrow();
    assertThat(location).startsWith(wwsf.baseUrl() + "/oauth2/authorize?")
        .contains("response_type=code", "client_id=wwsf", "code_challenge=", "code_challenge_method=S256")
        .contains("redirect_uri=" + wwsf.baseUrl() + "/login/oauth2/code/waf");
  }

  @Test
  void signInThroughTheWafLoginFormShowsTheClientPageWithEveryContractHook() {
    WwsfBrowser browser = wwsf.browser();

    HttpResponse<String> page = browser.signIn(TestSeedFile.ALICE, TestSeedFile.ALICE_PASSWORD);

    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.uri().getPath()).isEqualTo("/");
    assertThat(page.body())
        .contains("id=\"identity\"", "id=\"register\"", "id=\"deregister\"", "id=\"state\"",
            "data-state=\"idle\"", "id=\"impus\"", "<details id=\"log\"", "id=\"log-entries\"")
        // issue 14: the call panel's hooks
        .contains("id=\"call-panel\"", "id=\"callee\"", "id=\"call\"", "id=\"answer\"", "id=\"decline\"",
            "id=\"mute\"", "id=\"camera\"", "id=\"hangup\"", "<output id=\"call-state\" data-state=\"idle\"",
            "id=\"remote-video\"", "id=\"local-video\"")
        .contains("<form id=\"signout\" method=\"post\" action=\"/logout\">", "name=\"_csrf\"")
        .contains("<script src=\"/wic/wic.js\"></script>")
        // webims.wwsf.wic.* defaults; the WIC trusts the WAF's issuer (WIC-32)
        .contains("wicStart(\"\\/wic\\/session\", {\"keepAliveInterval\":20.0,\"keepAliveTimeout\":10.0,"
            + "\"reconnectBase\":2.0,\"reconnectMax\":60.0,\"trustedAuthzServer\":\"" + wwsf.baseUrl().toString().replace("/", "\\/")
            + "\",\"ringTimeout\":60.0,\"iceGatheringTimeout\":3.0});")
        .contains(TestSeedFile.ALICE, TestSeedFile.ALICE_IMPI)
        .contains(TestSeedFile.ALICE_IMPUS);
    assertThat(page.body().indexOf("/wic/wic.js")).isLessThan(page.body().indexOf("wicStart("));
  }

  @Test
  void signingInAgainWhileSignedInNeedsNoPasswordAndKeepsTheClientPage() {
    WwsfBrowser browser = wwsf.signedInBrowser(TestSeedFile.ALICE, TestSeedFile.ALICE_PASSWORD);

    HttpResponse<String> page = browser.get("/oauth2/authorization/waf");

    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.uri().getPath()).isEqualTo("/");
    assertThat(page.body()).contains("id=\"register\"", TestSeedFile.ALICE_IMPI);
    assertThat(browser.getJson("/wic/session").statusCode()).isEqualTo(200);
  }

  @Test
  void wrongPasswordStaysOnTheWafLoginFormWithoutSigningIn() {
    WwsfBrowser browser = wwsf.browser();

    HttpResponse<String> page = browser.signIn(TestSeedFile.ALICE, "not-the-password");

    assertThat(page.uri().getPath()).isEqualTo("/login");
    assertThat(page.uri().getQuery()).contains("error");
    assertThat(browser.getJson("/wic/session").statusCode()).isEqualTo(401);
  }

  @Test
  void userWithoutImsIdentitySeesAClearMessageOnTheHomePageAndStaysSignedOut() {
    WwsfBrowser browser = wwsf.browser();

    HttpResponse<String> page = browser.signIn(TestSeedFile.NOMAP, TestSeedFile.NOMAP_PASSWORD);

    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.uri().getPath()).isEqualTo("/");
    assertThat(page.body()).contains("id=\"signin-message\"", "role=\"alert\"",
            "Your web account has no IMS identity", "id=\"signin\"")
        .doesNotContain("id=\"register\"", "Exception", "invalid_grant");
    assertThat(browser.getJson("/wic/session").statusCode()).isEqualTo(401);
  }

  @Test
  void signOutEndsTheWebSessionAndReturnsToTheSignedOutHomePage() {
    WwsfBrowser browser = wwsf.signedInBrowser(TestSeedFile.ALICE, TestSeedFile.ALICE_PASSWORD);
    assertThat(browser.getJson("/wic/session").statusCode()).isEqualTo(200);

    HttpResponse<String> page = browser.signOut();

    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.uri().getPath()).isEqualTo("/");
    assertThat(page.body()).contains("id=\"signin\"").doesNotContain("id=\"register\"");
    assertThat(browser.getJson("/wic/session").statusCode()).isEqualTo(401);
  }

  @Test
  void signOutWithoutTheCsrfTokenIsRefusedAndKeepsTheSession() {
    WwsfBrowser browser = wwsf.signedInBrowser(TestSeedFile.ALICE, TestSeedFile.ALICE_PASSWORD);

    HttpResponse<String> refused = browser.postWithoutCsrf("/logout");

    assertThat(refused.statusCode()).isEqualTo(403);
    assertThat(browser.getJson("/wic/session").statusCode()).isEqualTo(200);
  }

  @Test
  void wicJsIsServedToSignedOutBrowsersAndRevalidated() {
    HttpResponse<String> script = wwsf.browser().getOnce("/wic/wic.js");

    assertThat(script.statusCode()).isEqualTo(200);
    assertThat(script.headers().firstValue("Content-Type").orElseThrow()).contains("javascript");
    assertThat(script.headers().firstValue("Cache-Control")).hasValue("no-cache");
    assertThat(script.body()).isNotBlank();
  }

  @Test
  void anUnknownPageShowsAPlainErrorPageWithoutInternals() {
    WwsfBrowser browser = wwsf.signedInBrowser(TestSeedFile.ALICE, TestSeedFile.ALICE_PASSWORD);

    HttpResponse<String> page = browser.get("/no-such-page");

    assertThat(page.statusCode()).isEqualTo(404);
    assertThat(page.body()).contains("Page not found", "href=\"/\"")
        .doesNotContain("Exception", "trace", "Whitelabel");
  }

  @Test
  void styleSheetIsServed() {
    HttpResponse<String> css = wwsf.browser().getOnce("/css/wwsf.css");

    assertThat(css.statusCode()).isEqualTo(200);
    assertThat(css.headers().firstValue("Content-Type").orElseThrow()).contains("text/css");
  }
}
