package org.webims.wwsf.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.LinkedHashMap;
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
 * The console's identity mappings over real HTTPS with the real security chain (issue 6 item 3): the operator
 * searches, creates, edits and deletes mappings through the forms (CSRF token, POST-redirect-GET); bad input
 * gets a message next to its field, keeps what was typed and changes nothing; the audit log records each change.
 */
class ConsoleMappingsOverHttpsTest {

  @TempDir
  static Path dataDir;
  static ConsoleFixture console;
  static WwsfTestServer wwsf;

  @BeforeAll
  static void start() {
    TestSeedFile seed = TestSeedFile.standard()
        .user("carol", "carol-password", "carol_private@ims.example.net", List.of("sip:carol@ims.example.net"))
        .userWithoutImsIdentity("bob", "bob-password")
        .userWithoutImsIdentity("dave", "dave-password")
        .userWithoutImsIdentity("erin", "erin-password");
    console = ConsoleFixture.start(dataDir, seed);
    wwsf = console.wwsf();
  }

  @AfterAll
  static void stop() {
    console.close();
  }

  static Map<String, String> fixed(String webIdentity, String impi, String impus) {
    return ConsoleFixture.mappingForm(webIdentity, "fixed", impi, impus, "");
  }

  @Test
  void operatorCreatesAFixedMappingAndTheMappedUserSignsInWithIt() {
    WwsfBrowser operator = console.operator();
    long audit = console.auditEntries();

    HttpResponse<String> page = operator.submit("/console/mappings/new", "mapping-form",
        fixed("bob", "bob_private@ims.example.net", "sip:bob@ims.example.net\r\ntel:+15551230002"));

    // POST-redirect-GET: the browser ends on the list, filtered to the new mapping, with the outcome once.
    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.uri().getPath()).isEqualTo("/console");
    assertThat(page.body()).contains("id=\"console-result\"", "bob_private@ims.example.net",
        "sip:bob@ims.example.net", "tel:+15551230002");
    assertThat(operator.get(page.uri().toString()).body()).doesNotContain("id=\"console-result\"");
    assertThat(console.mapping("bob")).contains("bob_private@ims.example.net",
        "[sip:bob@ims.example.net, tel:+15551230002]");
    assertThat(console.auditEntries()).isEqualTo(audit + 1);
    // The mapped user now gets a token with that identity (WAF-02).
    HttpResponse<String> client = wwsf.browser().signIn("bob", "bob-password");
    assertThat(client.body()).contains("id=\"register\"", "bob_private@ims.example.net");
  }

  @Test
  void aMalformedImpuGetsItsFieldMessageKeepsTheInputAndChangesNothing() {
    WwsfBrowser operator = console.operator();
    long audit = console.auditEntries();

    HttpResponse<String> page = operator.submit("/console/mappings/new", "mapping-form",
        fixed("dave", "dave_private@ims.example.net", "sip:dave@ims.example.net\n<b>not a uri</b>"));

    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.uri().getPath()).isEqualTo("/console/mappings/new");
    // The message quotes the input, escaped like the kept input itself.
    assertThat(page.body()).contains("id=\"impus-error\"", "&lt;b&gt;not a uri&lt;/b&gt;", "aria-invalid=\"true\"")
        .doesNotContain("<b>not a uri")
        .contains("value=\"dave\"", "value=\"dave_private@ims.example.net\"")
        .doesNotContain("id=\"console-result\"", "Exception");
    assertThat(console.mapping("dave")).isEmpty();
    assertThat(console.auditEntries()).isEqualTo(audit);
  }

  @Test
  void aMalformedImpiGetsItsFieldMessage() {
    HttpResponse<String> page = console.operator().submit("/console/mappings/new", "mapping-form",
        fixed("dave", "", "sip:dave@ims.example.net"));

    assertThat(page.body()).contains("id=\"impi-error\"").doesNotContain("id=\"impus-error\"");
    assertThat(console.mapping("dave")).isEmpty();
  }

  @Test
  void aDuplicateWebIdentityGetsItsFieldMessageAndTheExistingMappingStays() {
    long audit = console.auditEntries();

    HttpResponse<String> page = console.operator().submit("/console/mappings/new", "mapping-form",
        fixed(TestSeedFile.ALICE, "other@ims.example.net", "sip:other@ims.example.net"));

    assertThat(page.uri().getPath()).isEqualTo("/console/mappings/new");
    assertThat(page.body()).contains("id=\"webIdentity-error\"", "value=\"other@ims.example.net\"");
    assertThat(console.mapping(TestSeedFile.ALICE)).contains(TestSeedFile.ALICE_IMPI);
    assertThat(console.auditEntries()).isEqualTo(audit);
  }

  @Test
  void anImpuAnotherMappingHoldsGetsItsFieldMessage() {
    HttpResponse<String> page = console.operator().submit("/console/mappings/new", "mapping-form",
        fixed("erin", "erin_private@ims.example.net", "sip:carol@ims.example.net"));

    assertThat(page.body()).contains("id=\"impus-error\"");
    assertThat(console.mapping("erin")).isEmpty();
  }

  @Test
  void operatorEditsAMappingThenDeletesIt() {
    WwsfBrowser operator = console.operator();
    operator.submit("/console/mappings/new", "mapping-form",
        fixed("erin", "erin_private@ims.example.net", "sip:erin@ims.example.net"));
    String edit = "/console/mappings/edit?webIdentity=erin";
    assertThat(operator.get(edit).body()).contains("value=\"erin_private@ims.example.net\"",
        "sip:erin@ims.example.net", "id=\"delete-mapping\"");

    HttpResponse<String> edited = operator.submit(edit, "mapping-form",
        fixed("erin", "erin2_private@ims.example.net", "sip:erin2@ims.example.net\nsip:erin@ims.example.net"));

    assertThat(edited.uri().getPath()).isEqualTo("/console");
    assertThat(console.mapping("erin")).contains("erin2_private@ims.example.net",
        "[sip:erin2@ims.example.net, sip:erin@ims.example.net]");

    HttpResponse<String> asked = operator.submit(edit, "delete-mapping", Map.of("webIdentity", "erin"));

    // Issue 12 item 9: deleting asks first; nothing is deleted until the operator confirms.
    assertThat(asked.body()).contains("id=\"confirm-question\"", "Delete the mapping of erin?");
    assertThat(console.mapping("erin")).isNotEmpty();

    HttpResponse<String> deleted = operator.confirm(asked);

    assertThat(deleted.uri().getPath()).isEqualTo("/console");
    assertThat(deleted.body()).contains("id=\"console-result\"");
    assertThat(console.mapping("erin")).isEmpty();
    assertThat(operator.get("/console/audit").body()).contains("erin");
  }

  @Test
  void searchFindsMappingsByImpuAndPagesKeepTheSearch() {
    WwsfBrowser operator = console.operator();

    String found = operator.get("/console?q=carol").body();

    assertThat(found).contains("carol_private@ims.example.net", "Page 1 of 1 (1 mapping)")
        .doesNotContain(TestSeedFile.ALICE_IMPI);
    String all = operator.get("/console?q=ims.example.net").body();
    assertThat(all).contains("Page 1 of ");
    String next = WwsfBrowser.attribute(all, "id=\"next-page\"", "href");
    assertThat(next).contains("q=ims.example.net", "page=1");
    assertThat(operator.get("/console?q=nobody-at-all").body()).contains("id=\"no-mappings\"");
  }

  @Test
  void aPostWithoutTheCsrfTokenIsRefusedAndChangesNothing() {
    long audit = console.auditEntries();

    for (String path : List.of("/console/mappings", "/console/mappings/update", "/console/mappings/delete")) {
      HttpResponse<String> refused = console.operator().postWithoutCsrf(path);
      assertThat(refused.statusCode()).as(path).isEqualTo(403);
    }
    assertThat(console.auditEntries()).isEqualTo(audit);
  }

  @Test
  void aWebUserWhoIsNoOperatorCannotOpenTheFormsNorPost() {
    WwsfBrowser alice = wwsf.signedInBrowser(TestSeedFile.ALICE, TestSeedFile.ALICE_PASSWORD);
    String csrf = WwsfBrowser.attribute(alice.get("/").body(), "name=\"_csrf\"", "value");
    long audit = console.auditEntries();

    assertThat(alice.get("/console/mappings/new").statusCode()).isEqualTo(403);
    assertThat(alice.get("/console/mappings/edit?webIdentity=alice").statusCode()).isEqualTo(403);
    Map<String, String> form = new LinkedHashMap<>(fixed("nomap", "x@ims.example.net", "sip:x@ims.example.net"));
    form.put("_csrf", csrf);
    assertThat(alice.postForm("/console/mappings", form).statusCode()).isEqualTo(403);
    assertThat(alice.postForm("/console/mappings/delete", Map.of("_csrf", csrf, "webIdentity", "carol"))
        .statusCode()).isEqualTo(403);
    assertThat(console.mapping("nomap")).isEmpty();
    assertThat(console.mapping("carol")).isNotEmpty();
    assertThat(console.auditEntries()).isEqualTo(audit);
  }
}
