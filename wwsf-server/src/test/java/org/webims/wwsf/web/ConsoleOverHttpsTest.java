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
 * The operator's sign-in and the console's first page over real HTTPS (issue 4): the operator has no IMS identity
 * yet signs in through the WAF's login form like everyone; {@code /console} is for operators only and pages the
 * identity mappings (page size 2 here: alice, bob | carol).
 */
class ConsoleOverHttpsTest {

  @TempDir
  static Path dataDir;
  static WwsfTestServer wwsf;

  @BeforeAll
  static void start() {
    TestSeedFile seed = TestSeedFile.standard()
        .operator()
        .user("carol", "carol-password", "carol_private@ims.example.net", List.of("sip:carol@ims.example.net"))
        .user("bob", "bob-password", "bob_private@ims.example.net",
            List.of("sip:bob@ims.example.net", "tel:+15551230002"));
    wwsf = WwsfTestServer.start(dataDir, seed, "--webims.wwsf.console.page-size=2");
  }

  @AfterAll
  static void stop() {
    wwsf.close();
  }

  @Test
  void operatorSignsInWithoutImsIdentityAndIsOfferedTheConsoleButNoRegistration() {
    WwsfBrowser browser = wwsf.browser();

    HttpResponse<String> page = browser.signIn(TestSeedFile.OPERATOR, TestSeedFile.OPERATOR_PASSWORD);

    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.uri().getPath()).isEqualTo("/");
    assertThat(page.body()).contains("id=\"console-link\"", "href=\"/console\"", "id=\"no-ims-identity\"",
            "id=\"signout\"", TestSeedFile.OPERATOR)
        .doesNotContain("id=\"register\"", "wic.js", "id=\"signin\"");
    // Nothing to register with: the WIC's session refuses, and says why.
    HttpResponse<String> session = browser.getJson("/wic/session");
    assertThat(session.statusCode()).isEqualTo(403);
    assertThat(session.body()).contains("no IMS identity").doesNotContain("\"token\"");
  }

  @Test
  void operatorSeesTheFirstPageOfMappingsOrderedByWebIdentity() {
    WwsfBrowser browser = wwsf.signedInBrowser(TestSeedFile.OPERATOR, TestSeedFile.OPERATOR_PASSWORD);

    HttpResponse<String> console = browser.get("/console");

    assertThat(console.statusCode()).isEqualTo(200);
    assertThat(console.uri().getPath()).isEqualTo("/console");
    assertThat(console.body()).contains("id=\"mapping-table\"", "Page 1 of 2 (3 mappings)", "id=\"next-page\"",
            "href=\"/console?page=1\"")
        .contains(TestSeedFile.ALICE_IMPI).contains(TestSeedFile.ALICE_IMPUS)
        .contains("bob_private@ims.example.net", "sip:bob@ims.example.net", "tel:+15551230002")
        .doesNotContain("carol_private@ims.example.net", "id=\"previous-page\"")
        // The console's parts, and its forms: sign-out carries the CSRF token, the search is a GET.
        .contains("id=\"nav-pools\"", "id=\"nav-audit\"", "id=\"new-mapping\"", "id=\"mapping-search\"")
        .contains("<form id=\"signout\" method=\"post\" action=\"/logout\">", "name=\"_csrf\"");
    assertThat(console.body().indexOf(TestSeedFile.ALICE_IMPI))
        .isLessThan(console.body().indexOf("bob_private@ims.example.net"));
  }

  /** Issue 16 point 4: without {@code webims.wwsf.console.nodes} the Nodes page says how to configure them. */
  @Test
  void withoutConfiguredNodesTheNodesPageSaysSo() {
    WwsfBrowser browser = wwsf.signedInBrowser(TestSeedFile.OPERATOR, TestSeedFile.OPERATOR_PASSWORD);

    HttpResponse<String> nodes = browser.get("/console/nodes");

    assertThat(nodes.statusCode()).isEqualTo(200);
    assertThat(nodes.body()).contains("id=\"no-nodes\"", "webims.wwsf.console.nodes")
        .doesNotContain("id=\"node-table\"");
    assertThat(browser.getJson("/console/nodes/figures").body()).contains("\"nodes\":[]");
  }

  @Test
  void operatorPagesToTheLastMapping() {
    WwsfBrowser browser = wwsf.signedInBrowser(TestSeedFile.OPERATOR, TestSeedFile.OPERATOR_PASSWORD);
    String next = WwsfBrowser.attribute(browser.get("/console").body(), "id=\"next-page\"", "href");

    HttpResponse<String> second = browser.get(next);

    assertThat(second.statusCode()).isEqualTo(200);
    assertThat(second.body()).contains("carol_private@ims.example.net", "sip:carol@ims.example.net",
            "Page 2 of 2 (3 mappings)", "id=\"previous-page\"", "href=\"/console?page=0\"")
        .doesNotContain(TestSeedFile.ALICE_IMPI, "bob_private@ims.example.net", "id=\"next-page\"");
  }

  @Test
  void aPageNumberOutOfRangeShowsTheNearestPage() {
    WwsfBrowser browser = wwsf.signedInBrowser(TestSeedFile.OPERATOR, TestSeedFile.OPERATOR_PASSWORD);

    assertThat(browser.get("/console?page=99").body()).contains("Page 2 of 2", "carol_private@ims.example.net");
    assertThat(browser.get("/console?page=x").body()).contains("Page 1 of 2", TestSeedFile.ALICE_IMPI);
  }

  @Test
  void aWebUserWhoIsNoOperatorGetsAnAccessDeniedPage() {
    WwsfBrowser browser = wwsf.signedInBrowser(TestSeedFile.ALICE, TestSeedFile.ALICE_PASSWORD);
    assertThat(browser.get("/").body()).contains("id=\"register\"").doesNotContain("id=\"console-link\"");

    HttpResponse<String> console = browser.get("/console");

    assertThat(console.statusCode()).isEqualTo(403);
    assertThat(console.body()).contains("Access denied", "id=\"access-denied\"", "href=\"/\"")
        .doesNotContain("bob_private@ims.example.net", "Exception", "Whitelabel");
  }

  @Test
  void signedOutConsoleRedirectsToTheSignInPage() {
    HttpResponse<String> redirect = wwsf.browser().getOnce("/console");

    assertThat(redirect.statusCode()).isEqualTo(302);
    assertThat(redirect.headers().firstValue("Location")).hasValue(wwsf.baseUrl() + "/");
    assertThat(wwsf.browser().get("/console").body()).contains("id=\"signin\"")
        .doesNotContain(TestSeedFile.ALICE_IMPI);
  }

  @Test
  void operatorSignedInHalfWayThroughTheWafLoginFormCannotOpenTheConsole() {
    WwsfBrowser browser = wwsf.browser();
    browser.signInToTheWafLoginFormOnly(TestSeedFile.OPERATOR, TestSeedFile.OPERATOR_PASSWORD);

    HttpResponse<String> console = browser.get("/console");

    assertThat(console.statusCode()).isEqualTo(403);
    assertThat(console.body()).doesNotContain(TestSeedFile.ALICE_IMPI);
  }
}
