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
 * The console's IMPU pools, leases and audit log over real HTTPS with the real security chain (issue 6 item 3,
 * WAF-10, WAF-11): the operator creates a pool, adds one IMPU and a numbered range, maps web users to it; their
 * sign-ins lease IMPUs, which the pool's page lists with their state and the operator releases by hand. Bad input
 * (malformed URI, duplicate name, range too large) gets its field message and changes nothing.
 */
class ConsolePoolsOverHttpsTest {

  @TempDir
  static Path dataDir;
  static ConsoleFixture console;
  static WwsfTestServer wwsf;

  @BeforeAll
  static void start() {
    TestSeedFile seed = TestSeedFile.standard()
        .userWithoutImsIdentity("guest1", "guest1-password")
        .userWithoutImsIdentity("guest2", "guest2-password")
        .userWithoutImsIdentity("guest3", "guest3-password");
    console = ConsoleFixture.start(dataDir, seed, "--webims.waf.pools.max-range-size=50");
    wwsf = console.wwsf();
  }

  @AfterAll
  static void stop() {
    console.close();
  }

  static HttpResponse<String> createPool(WwsfBrowser operator, String name, String realm) {
    return operator.submit("/console/pools", "pool-form", Map.of("name", name, "realm", realm));
  }

  static HttpResponse<String> addImpus(WwsfBrowser operator, String pool, String impu, String impi) {
    return operator.submit("/console/pools/" + pool, "impu-form", Map.of("impu", impu, "impi", impi));
  }

  static HttpResponse<String> mapToPool(WwsfBrowser operator, String webIdentity, String pool) {
    return operator.submit("/console/mappings/new", "mapping-form",
        ConsoleFixture.mappingForm(webIdentity, "pool", "", "", pool));
  }

  @Test
  void operatorCreatesAPoolAddsAnImpuAndARangeAndSeesThemListed() {
    WwsfBrowser operator = console.operator();

    HttpResponse<String> created = createPool(operator, "visitors", "ims.example.net");

    assertThat(created.statusCode()).isEqualTo(200);
    assertThat(created.uri().getPath()).isEqualTo("/console/pools/visitors");
    assertThat(created.body()).contains("id=\"console-result\"", "id=\"no-impus\"");

    HttpResponse<String> one = addImpus(operator, "visitors", "sip:visitor@ims.example.net",
        "visitor@ims.example.net");
    HttpResponse<String> range = addImpus(operator, "visitors", "sip:visitor-{01..12}@ims.example.net",
        "visitor-{01..12}@ims.example.net");

    assertThat(one.body()).contains("sip:visitor@ims.example.net");
    assertThat(range.uri().getPath()).isEqualTo("/console/pools/visitors");
    assertThat(range.body()).contains("id=\"console-result\"", "12", "(13 IMPUs)");
    // The pool's IMPUs page on their own, keeping the leases' filter and page.
    String next = WwsfBrowser.attribute(range.body(), "id=\"impu-next-page\"", "href");
    assertThat(next).startsWith("/console/pools/visitors?").contains("impuPage=1", "page=0");
    assertThat(operator.get(next).body()).contains("Page 2 of 7 (13 IMPUs)", "sip:visitor-02@ims.example.net")
        .doesNotContain("sip:visitor@ims.example.net<");
    assertThat(console.poolImpus("visitors")).isEqualTo(13);
    String list = operator.get("/console/pools").body();
    assertThat(list).contains("href=\"/console/pools/visitors\"", "<td class=\"free-count\">13</td>");
  }

  @Test
  void aRangeTooLargeGetsItsFieldMessageKeepsTheInputAndAddsNothing() {
    WwsfBrowser operator = console.operator();
    createPool(operator, "big", "ims.example.net");
    long audit = console.auditEntries();

    HttpResponse<String> page = addImpus(operator, "big", "sip:big-{001..051}@ims.example.net",
        "big-{001..051}@ims.example.net");

    assertThat(page.uri().getPath()).isEqualTo("/console/pools/big");
    assertThat(page.body()).contains("id=\"impu-error\"", "range too large",
        "value=\"sip:big-{001..051}@ims.example.net\"", "value=\"big-{001..051}@ims.example.net\"")
        .doesNotContain("id=\"console-result\"");
    assertThat(console.poolImpus("big")).isZero();
    assertThat(console.auditEntries()).isEqualTo(audit);
  }

  @Test
  void aMalformedImpuGetsItsFieldMessageAndAddsNothing() {
    WwsfBrowser operator = console.operator();
    createPool(operator, "bad-input", "ims.example.net");

    HttpResponse<String> page = addImpus(operator, "bad-input", "sip:", "x@ims.example.net");

    assertThat(page.body()).contains("id=\"impu-error\"", "value=\"sip:\"");
    assertThat(console.poolImpus("bad-input")).isZero();
  }

  @Test
  void aDuplicateOrMalformedPoolNameGetsItsFieldMessage() {
    WwsfBrowser operator = console.operator();
    createPool(operator, "twice", "ims.example.net");
    long audit = console.auditEntries();

    HttpResponse<String> duplicate = createPool(operator, "twice", "other.example.net");
    HttpResponse<String> malformed = createPool(operator, "Not A Name!", "ims.example.net");

    assertThat(duplicate.uri().getPath()).isEqualTo("/console/pools");
    assertThat(duplicate.body()).contains("id=\"name-error\"", "value=\"other.example.net\"");
    assertThat(malformed.body()).contains("id=\"name-error\"", "value=\"Not A Name!\"");
    assertThat(console.auditEntries()).isEqualTo(audit);
  }

  @Test
  void signInsLeaseImpusWhichThePoolPageListsAndTheOperatorReleases() {
    WwsfBrowser operator = console.operator();
    createPool(operator, "guests", "ims.example.net");
    addImpus(operator, "guests", "sip:guest-{1..3}@ims.example.net", "guest-{1..3}@ims.example.net");
    mapToPool(operator, "guest1", "guests");
    mapToPool(operator, "guest2", "guests");
    assertThat(operator.get("/console?q=guest1").body()).contains("guests");

    wwsf.signedInBrowser("guest1", "guest1-password");
    wwsf.signedInBrowser("guest2", "guest2-password");

    String pool = operator.get("/console/pools/guests?state=live").body();
    assertThat(pool).contains("id=\"lease-table\"", "guest1", "guest2", "data-state=\"live\"",
        "(2 leases)", "class=\"release-lease\"");
    String leaseId = WwsfBrowser.attribute(pool, "class=\"lease\"", "data-lease-id");
    long audit = console.auditEntries();

    HttpResponse<String> asked = operator.submit("/console/pools/guests?state=live", "release-" + leaseId,
        Map.of());

    // Issue 12 item 9: the release asks first; nothing is released until the operator confirms.
    assertThat(asked.body()).contains("id=\"confirm-question\"", "Release lease " + leaseId, "id=\"confirm-cancel\"");
    assertThat(operator.get("/console/pools/guests?state=live").body()).contains(leaseId);
    assertThat(console.auditEntries()).isEqualTo(audit);

    HttpResponse<String> released = operator.confirm(asked);

    assertThat(released.statusCode()).isEqualTo(200);
    assertThat(released.uri().getPath()).isEqualTo("/console/pools/guests");
    assertThat(released.body()).contains("id=\"console-result\"", leaseId);
    assertThat(operator.get("/console/pools/guests?state=live").body()).contains("(1 lease)")
        .doesNotContain(leaseId);
    assertThat(operator.get("/console/pools/guests?state=released").body())
        .contains(leaseId, "data-state=\"released\"", "by " + TestSeedFile.OPERATOR + " (operator)");
    assertThat(console.auditEntries()).isEqualTo(audit + 1);
    assertThat(operator.get("/console/audit").body()).contains(TestSeedFile.OPERATOR, leaseId);
  }

  @Test
  void operatorRemovesAFreeImpuButNotALeasedOne() {
    WwsfBrowser operator = console.operator();
    createPool(operator, "removals", "ims.example.net");
    addImpus(operator, "removals", "sip:rm-{1..2}@ims.example.net", "rm-{1..2}@ims.example.net");
    mapToPool(operator, "guest3", "removals");
    wwsf.signedInBrowser("guest3", "guest3-password");
    String page = operator.get("/console/pools/removals").body();
    // Lease order: rm-1 is leased, rm-2 free; only the free one offers Remove.
    assertThat(page).contains("id=\"remove-impu-1\"").doesNotContain("id=\"remove-impu-0\"");
    String csrf = WwsfBrowser.attribute(page, "name=\"_csrf\"", "value");
    long audit = console.auditEntries();

    HttpResponse<String> refused = operator.postForm("/console/pools/removals/impus/remove",
        Map.of("_csrf", csrf, "impu", "sip:rm-1@ims.example.net", "confirmed", "yes"));
    HttpResponse<String> asked = operator.submit("/console/pools/removals", "remove-impu-1",
        Map.of("impu", "sip:rm-2@ims.example.net"));
    assertThat(asked.body()).contains("id=\"confirm-question\"", "Remove sip:rm-2@ims.example.net from pool removals");
    assertThat(console.poolImpus("removals")).isEqualTo(2);
    HttpResponse<String> removed = operator.confirm(asked);

    assertThat(refused.body()).contains("id=\"form-error\"", "leased now");
    assertThat(removed.uri().getPath()).isEqualTo("/console/pools/removals");
    assertThat(removed.body()).contains("id=\"console-result\"", "Removed sip:rm-2@ims.example.net");
    assertThat(console.poolImpus("removals")).isEqualTo(1);
    assertThat(console.auditEntries()).isEqualTo(audit + 1);
  }

  /** Issue 12 item 9: deleting a pool asks first; Cancel leads back and the pool is still there. */
  @Test
  void deletingAPoolAsksFirstAndDeletesOnlyWhenConfirmed() {
    WwsfBrowser operator = console.operator();
    createPool(operator, "doomed", "ims.example.net");
    long audit = console.auditEntries();

    HttpResponse<String> asked = operator.submit("/console/pools/doomed", "delete-pool", Map.of());

    assertThat(asked.statusCode()).isEqualTo(200);
    assertThat(asked.body()).contains("id=\"confirm-question\"", "Delete pool doomed?", "id=\"confirm-button\"",
        ">Delete pool<");
    assertThat(WwsfBrowser.attribute(asked.body(), "id=\"confirm-cancel\"", "href")).isEqualTo("/console/pools/doomed");
    assertThat(console.poolImpus("doomed")).isZero();
    assertThat(console.auditEntries()).isEqualTo(audit);

    HttpResponse<String> deleted = operator.confirm(asked);

    assertThat(deleted.uri().getPath()).isEqualTo("/console/pools");
    assertThat(deleted.body()).contains("id=\"console-result\"", "Deleted pool doomed");
    assertThat(console.poolImpus("doomed")).isEqualTo(-1);
    assertThat(console.auditEntries()).isEqualTo(audit + 1);
  }

  /** Issue 12 item 9: counts in words, singular for one. */
  @Test
  void aCountOfOneIsSingular() {
    WwsfBrowser operator = console.operator();
    createPool(operator, "single", "ims.example.net");
    addImpus(operator, "single", "sip:single@ims.example.net", "single@ims.example.net");

    assertThat(operator.get("/console/pools/single").body()).contains("(1 IMPU)").doesNotContain("(1 IMPUs)");
    assertThat(operator.get("/console?q=erin-nobody").body()).doesNotContain("(0 mapping)");
  }

  @Test
  void theAuditLogShowsWhoWhatAndWhenNewestFirstAndPages() {
    WwsfBrowser operator = console.operator();
    createPool(operator, "audited", "ims.example.net");

    String audit = operator.get("/console/audit").body();

    assertThat(audit).contains("id=\"audit-table\"", "class=\"audit-entry\"", TestSeedFile.OPERATOR, "audited",
        "<time datetime=");
    assertThat(audit.indexOf("audited")).isLessThan(audit.lastIndexOf("class=\"audit-entry\""));
    String next = WwsfBrowser.attribute(audit, "id=\"next-page\"", "href");
    assertThat(operator.get(next).body()).contains("Page 2 of", "class=\"audit-entry\"");
  }

  @Test
  void aWebUserWhoIsNoOperatorIsRefusedEveryPoolPageAndPost() {
    WwsfBrowser operator = console.operator();
    createPool(operator, "private", "ims.example.net");
    WwsfBrowser alice = wwsf.signedInBrowser(TestSeedFile.ALICE, TestSeedFile.ALICE_PASSWORD);
    String csrf = WwsfBrowser.attribute(alice.get("/").body(), "name=\"_csrf\"", "value");
    long audit = console.auditEntries();

    for (String path : List.of("/console/pools", "/console/pools/private", "/console/audit")) {
      assertThat(alice.get(path).statusCode()).as(path).isEqualTo(403);
      assertThat(wwsf.browser().getOnce(path).statusCode()).as(path).isEqualTo(302);
    }
    assertThat(alice.postForm("/console/pools", Map.of("_csrf", csrf, "name", "mine", "realm", "ims.example.net"))
        .statusCode()).isEqualTo(403);
    assertThat(alice.postForm("/console/pools/private/impus",
        Map.of("_csrf", csrf, "impu", "sip:a@ims.example.net", "impi", "a@ims.example.net")).statusCode())
        .isEqualTo(403);
    for (String path : List.of("/console/pools", "/console/pools/private", "/console/pools/private/impus",
        "/console/pools/private/delete", "/console/leases/x/release")) {
      assertThat(operator.postWithoutCsrf(path).statusCode()).as(path).isEqualTo(403);
      assertThat(wwsf.browser().postWithoutCsrf(path).statusCode()).as(path).isEqualTo(403);
    }
    assertThat(console.poolImpus("private")).isZero();
    assertThat(console.auditEntries()).isEqualTo(audit);
  }
}
