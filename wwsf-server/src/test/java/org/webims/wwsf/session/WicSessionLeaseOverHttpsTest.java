package org.webims.wwsf.session;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.webims.waf.pool.ImpuLeaseService;
import org.webims.waf.testing.TestSeedFile;
import org.webims.wwsf.testing.Json;
import org.webims.wwsf.testing.WwsfBrowser;
import org.webims.wwsf.testing.WwsfTestServer;
import tools.jackson.databind.JsonNode;

/**
 * Scenario 3 (TS 24.371 6.1 c), issue 6 contract) over real HTTPS: {@code GET /wic/session} of a pool user names
 * the live lease of its IMPU, never hands out a token whose lease was released (a fresh token leases again), and
 * the client page shows the leased IMPU (WAF-10, WAF-11, EPC-28).
 */
class WicSessionLeaseOverHttpsTest {

  private static final String SOLO_POOL = "solo";
  private static final String SOLO_IMPU = "sip:solo-01@ims.example.net";

  @TempDir
  static Path dataDir;
  static WwsfTestServer wwsf;
  static ImpuLeaseService leases;

  @BeforeAll
  static void start() {
    wwsf = WwsfTestServer.start(dataDir, TestSeedFile.standard().withGuestPool(3)
        .pool(SOLO_POOL, "ims.example.net", "sip:solo-{01..01}@ims.example.net", "solo-{01..01}@ims.example.net")
        .poolUser("solo1", "solo1-password", SOLO_POOL)
        .poolUser("solo2", "solo2-password", SOLO_POOL));
    leases = wwsf.context().getBean(ImpuLeaseService.class);
  }

  @AfterAll
  static void stop() {
    wwsf.close();
  }

  private static JsonNode session(WwsfBrowser browser) {
    HttpResponse<String> response = browser.getJson("/wic/session");
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    return Json.parse(response.body());
  }

  @Test
  void aPoolUsersSessionNamesTheLiveLeaseItsTokenCarries_WAF10() {
    JsonNode session = session(wwsf.signedInBrowser("guest1", TestSeedFile.GUEST_PASSWORD));

    JsonNode lease = session.get("lease");
    assertThat(lease.propertyNames()).containsExactlyInAnyOrder("id", "pool", "impu", "expiresAt");
    assertThat(lease.get("pool").asString()).isEqualTo(TestSeedFile.GUEST_POOL);
    assertThat(lease.get("impu").asString()).matches("sip:guest-0[0-9][0-9]@ims\\.example\\.net");
    assertThat(Instant.parse(lease.get("expiresAt").asString())).isAfter(Instant.now());
    assertThat(Json.strings(session.get("impus"))).containsExactly(lease.get("impu").asString());
    JsonNode claims = Json.jwtPayload(session.get("token").asString());
    assertThat(claims.get("impu_lease").asString()).isEqualTo(lease.get("id").asString());
    assertThat(claims.get("impu_pool").asString()).isEqualTo(TestSeedFile.GUEST_POOL);
    assertThat(Json.strings(claims.get("impu"))).containsExactly(lease.get("impu").asString());
    assertThat(claims.get("impi").asString()).isEqualTo(session.get("impi").asString())
        .isEqualTo(lease.get("impu").asString().substring(4)); // guest-00N@ims.example.net
    assertThat(leases.find(lease.get("id").asString()).orElseThrow().isLive()).isTrue();
  }

  @Test
  void aFixedMappingsSessionHasNoLease() {
    JsonNode session = session(wwsf.signedInBrowser(TestSeedFile.ALICE, TestSeedFile.ALICE_PASSWORD));
    assertThat(session.has("lease")).isFalse();
  }

  @Test
  void aReleasedLeaseIsNeverHandedOutAgainAFreshTokenLeasesAgain_EPC28_WAF11() {
    WwsfBrowser browser = wwsf.signedInBrowser("guest2", TestSeedFile.GUEST_PASSWORD);
    JsonNode first = session(browser);
    assertThat(session(browser).get("token").asString()).isEqualTo(first.get("token").asString());
    String released = first.get("lease").get("id").asString();
    assertThat(leases.release(released, "ep-cscf", "deregistered")).isEqualTo(ImpuLeaseService.Outcome.RELEASED);

    JsonNode second = session(browser);
    String lease = second.get("lease").get("id").asString();
    assertThat(second.get("token").asString()).isNotEqualTo(first.get("token").asString());
    assertThat(lease).isNotEqualTo(released);
    assertThat(leases.find(lease).orElseThrow().isLive()).isTrue();
    assertThat(Json.jwtPayload(second.get("token").asString()).get("impu_lease").asString()).isEqualTo(lease);
    assertThat(session(browser).get("token").asString()).isEqualTo(second.get("token").asString());
  }

  @Test
  void theClientPageShowsTheLeasedImpuOfAPoolUserOnly() {
    WwsfBrowser guest = wwsf.signedInBrowser("guest3", TestSeedFile.GUEST_PASSWORD);
    String impu = session(guest).get("lease").get("impu").asString();

    String page = guest.get("/").body();
    assertThat(page).contains("id=\"leased-impu\">" + impu + "<", ">" + TestSeedFile.GUEST_POOL + "<");
    assertThat(wwsf.signedInBrowser(TestSeedFile.ALICE, TestSeedFile.ALICE_PASSWORD).get("/").body())
        .doesNotContain("leased-impu");
  }

  @Test
  void aSessionWhoseReleasedLeaseCannotBeReplacedSaysThePoolIsInUse_WAF10() {
    WwsfBrowser first = wwsf.signedInBrowser("solo1", "solo1-password");
    String firstLease = session(first).get("lease").get("id").asString();
    assertThat(session(first).get("lease").get("impu").asString()).isEqualTo(SOLO_IMPU);

    WwsfBrowser second = wwsf.browser();
    HttpResponse<String> refused = second.signIn("solo2", "solo2-password");
    assertThat(refused.body()).contains("id=\"signin-message\"").doesNotContain("id=\"register\""); // PoolSignInOverHttpsTest

    leases.release(firstLease, "operator", "operator");
    // EPC-28, WAF-11: solo1's token of the released lease is valid yet, so nobody gets its IMPU before it expires
    assertThat(second.signIn("solo2", "solo2-password").body()).contains("id=\"signin-message\"")
        .doesNotContain("id=\"leased-impu\"");
    HttpResponse<String> none = first.getJson("/wic/session");
    assertThat(none.statusCode()).isEqualTo(503);
    assertThat(Json.parse(none.body()).get("detail").asString()).isEqualTo(WicSessions.POOL_EXHAUSTED);
    assertThat(List.of(none.headers().firstValue("Cache-Control").orElse(""))).containsExactly("no-store");
    // The refused refresh ended the sign-in's tokens: the page says so instead of showing a stale IMPU.
    assertThat(first.get("/").body()).contains("id=\"lease-message\"", "sign in again")
        .doesNotContain("id=\"leased-impu\"");
  }
}
