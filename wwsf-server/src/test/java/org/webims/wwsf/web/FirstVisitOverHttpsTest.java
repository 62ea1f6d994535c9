package org.webims.wwsf.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.webims.waf.testing.TestSeedFile;
import org.webims.wwsf.testing.WwsfBrowser;
import org.webims.wwsf.testing.WwsfTestServer;

/**
 * Issue 12 item 9, a first-time user's path over real HTTPS: the product's own sign-in page with a way home and
 * messages in words, a 404 page (not a redirect) for unknown URLs when signed out, a favicon every page names, the
 * console's header and counts in plain words, and the Enter key's form on {@code /ims}. The browser side (tabs,
 * buttons, dates, Enter) is in e2e-tests' {@code FirstTimeUserBrowserTest}.
 */
class FirstVisitOverHttpsTest {

  @TempDir
  static Path dataDir;
  static ConsoleFixture console;
  static WwsfTestServer wwsf;

  @BeforeAll
  static void start() {
    console = ConsoleFixture.start(dataDir, TestSeedFile.standard());
    wwsf = console.wwsf();
  }

  @AfterAll
  static void stop() {
    console.close();
  }

  /** Follows "Sign in" from the home page to the WAF's login form. */
  static HttpResponse<String> signInPage(WwsfBrowser browser) {
    HttpResponse<String> home = browser.get("/");
    return browser.get(WwsfBrowser.attribute(home.body(), "id=\"signin\"", "href"));
  }

  @Test
  void theSignInPageIsTheProductsOwnWithAWayHome() {
    HttpResponse<String> page = signInPage(wwsf.browser());

    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.uri().getPath()).isEqualTo("/login");
    assertThat(page.body()).contains("<title>WebIMS: sign in</title>", "<h1>WebIMS</h1>",
            "href=\"/css/wwsf.css\"", "id=\"login-form\"", "name=\"username\"", "name=\"password\"",
            "name=\"_csrf\"", "id=\"home-link\"")
        .doesNotContain("Please sign in", "default-ui.css", "id=\"login-message\"");
    assertThat(WwsfBrowser.attribute(page.body(), "id=\"home-link\"", "href")).isEqualTo("/");
  }

  @Test
  void aWrongPasswordIsSaidInWordsOnTheSignInPageAndTheRightOneStillSignsIn() {
    WwsfBrowser browser = wwsf.browser();
    HttpResponse<String> form = signInPage(browser);

    HttpResponse<String> wrong = browser.postForm("/login", Map.of("username", TestSeedFile.ALICE,
        "password", "not-the-password", "_csrf", WwsfBrowser.attribute(form.body(), "name=\"_csrf\"", "value")));

    assertThat(wrong.uri().getPath()).isEqualTo("/login");
    assertThat(wrong.body()).contains("id=\"login-message\"", "The user name or password is not right")
        .doesNotContain("Bad credentials");
    HttpResponse<String> page = browser.postForm("/login", Map.of("username", TestSeedFile.ALICE,
        "password", TestSeedFile.ALICE_PASSWORD, "_csrf", WwsfBrowser.attribute(wrong.body(), "name=\"_csrf\"", "value")));
    assertThat(page.uri().getPath()).isEqualTo("/");
    assertThat(page.body()).contains("id=\"register\"");
  }

  @Test
  void signedOutAnUnknownUrlIsA404PageNotARedirect() {
    for (String path : List.of("/no-such-page", "/wic/no-such-file", "/console-not")) {
      HttpResponse<String> page = wwsf.browser().getOnce(path);

      assertThat(page.statusCode()).as(path).isEqualTo(404);
      assertThat(page.body()).as(path).contains("Page not found", "href=\"/\"");
    }
    // The console still sends a signed-out browser to sign in.
    assertThat(wwsf.browser().getOnce("/console").statusCode()).isEqualTo(302);
  }

  @Test
  void theFaviconIsServedSignedOutAndEveryPageNamesIt() {
    HttpResponse<String> icon = wwsf.browser().getOnce("/favicon.svg");

    assertThat(icon.statusCode()).isEqualTo(200);
    assertThat(icon.headers().firstValue("Content-Type").orElseThrow()).contains("image/svg+xml");
    assertThat(icon.body()).contains("<svg");
    String link = "<link rel=\"icon\" href=\"/favicon.svg\" type=\"image/svg+xml\">";
    assertThat(wwsf.browser().get("/").body()).contains(link);
    assertThat(wwsf.browser().get("/ims").body()).contains(link);
    assertThat(signInPage(wwsf.browser()).body()).contains(link);
    assertThat(wwsf.browser().get("/no-such-page").body()).contains(link);
    assertThat(console.operator().get("/console").body()).contains(link);
  }

  @Test
  void theConsoleSaysWhoIsSignedInOnce() {
    String page = console.operator().get("/console").body();

    assertThat(page).contains("Signed in as <span class=\"web-identity\">" + TestSeedFile.OPERATOR + "</span>.")
        .doesNotContain("Signed in as operator <span");
  }

  @Test
  void imsCredentialsAreAFormThatEnterSubmitsToTheRegisterButtonAndThatSendsNothing() {
    String page = wwsf.browser().get("/ims").body();

    assertThat(page).contains("<form id=\"ims-credentials\"",
        "<button id=\"register\" type=\"submit\" form=\"ims-credentials\">Register</button>",
        "<script src=\"/js/webims.js\" defer></script>");
    // Without script the form would submit: its fields have no name, so nothing typed can leave the page.
    String form = page.substring(page.indexOf("<form id=\"ims-credentials\""), page.indexOf("</form>"));
    assertThat(form).doesNotContain("name=", "method=\"post\"");
  }
}
