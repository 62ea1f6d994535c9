package org.webims.waf.pool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.webims.waf.testing.TestSeedFile;
import org.webims.waf.testing.WafApiClient;
import org.webims.waf.testing.WafApiClient.Response;
import org.webims.waf.testing.WafTestServer;
import org.webims.waf.testing.WafTokenException;
import org.webims.waf.token.ImsAccessTokenCustomizer;
import tools.jackson.databind.JsonNode;

/**
 * Pool IMPUs leased at token issuance and released through the WAF's endpoint over real HTTPS (issue 6, WAF-10,
 * WAF-11, EPC-28): claims, the same lease for the same user, release by the eP-CSCF's client credentials,
 * idempotent, the IMPU leased again.
 */
class ImpuLeaseOverHttpsTest {

  private static final String PASSWORD = "pair-password";

  @TempDir
  static Path dataDir;
  static WafTestServer waf;

  @BeforeAll
  static void startWaf() {
    waf = WafTestServer.startHttps(dataDir, TestSeedFile.standard().withGuestPool(2)
        .pool("pair", "ims.example.net", "sip:pair-{1..2}@ims.example.net", "pair-{1..2}@ims.example.net")
        .poolUser("p1", PASSWORD, "pair").poolUser("p2", PASSWORD, "pair").poolUser("p3", PASSWORD, "pair"));
  }

  @AfterAll
  static void stopWaf() {
    waf.close();
  }

  @Test
  void aPoolUsersTokenCarriesTheLeasedImpuItsImpiTheLeaseAndThePool() throws Exception {
    JWTClaimsSet claims = claims(waf.tokenClient().accessToken("guest1", TestSeedFile.GUEST_PASSWORD));

    assertThat(claims.getStringListClaim("impu")).singleElement().satisfies(
        impu -> assertThat(impu).matches("sip:guest-0\\d\\d@ims\\.example\\.net"));
    String number = claims.getStringListClaim("impu").get(0).substring("sip:guest-".length(), "sip:guest-".length() + 3);
    assertThat(claims.getStringClaim("impi")).isEqualTo("guest-" + number + "@ims.example.net");
    assertThat(claims.getStringClaim(ImsAccessTokenCustomizer.CLAIM_IMPU_POOL)).isEqualTo("guests");
    assertThat(claims.getStringClaim(ImsAccessTokenCustomizer.CLAIM_IMPU_LEASE)).isNotBlank();
    assertThat(claims.getAudience()).containsExactly("epcscf.ims.example.net");
    assertThat(claims.getStringListClaim("scope")).containsExactly("ims.register");
  }

  @Test
  void theSameUserKeepsItsLeaseAcrossTokensAndFixedMappingsGetNoLease() throws Exception {
    JWTClaimsSet first = claims(waf.tokenClient().accessToken("guest2", TestSeedFile.GUEST_PASSWORD));
    JWTClaimsSet second = claims(waf.tokenClient().accessToken("guest2", TestSeedFile.GUEST_PASSWORD));

    assertThat(second.getStringClaim(ImsAccessTokenCustomizer.CLAIM_IMPU_LEASE))
        .isEqualTo(first.getStringClaim(ImsAccessTokenCustomizer.CLAIM_IMPU_LEASE));
    assertThat(second.getStringListClaim("impu")).isEqualTo(first.getStringListClaim("impu"));
    JWTClaimsSet alice = claims(waf.tokenClient().accessToken(TestSeedFile.ALICE, TestSeedFile.ALICE_PASSWORD));
    assertThat(alice.getClaims()).doesNotContainKeys(ImsAccessTokenCustomizer.CLAIM_IMPU_LEASE,
        ImsAccessTokenCustomizer.CLAIM_IMPU_POOL);
  }

  @Test
  void aReleasedImpuIsNotLeasedAgainWhileATokenOfItsLeaseIsValid() throws Exception {
    JWTClaimsSet p1 = claims(waf.tokenClient().accessToken("p1", PASSWORD));
    claims(waf.tokenClient().accessToken("p2", PASSWORD));
    assertPoolExhaustedFor("p3");

    String lease = p1.getStringClaim(ImsAccessTokenCustomizer.CLAIM_IMPU_LEASE);
    WafApiClient epCscf = WafApiClient.withToken(waf, waf.epCscfClient());
    assertThat(epCscf.post("/leases/" + lease + "/release", "{\"reason\":\"deregistered\"}").status())
        .isEqualTo(204);

    // EPC-28, WAF-11 (issue 12): p1's token of the released lease is valid for minutes yet; were its IMPU leased
    // to p3 now, p1's token could register it beside p3 on an eP-CSCF that has not seen the release.
    assertPoolExhaustedFor("p3");
    WafApiClient admin = WafApiClient.withToken(waf, waf.automationClient());
    JsonNode released = admin.get("/leases/" + lease).json();
    assertThat(released.get("state").asString()).isEqualTo("released");
    assertThat(released.get("releasedBy").asString()).isEqualTo("ep-cscf");
    assertThat(released.get("releaseReason").asString()).isEqualTo("deregistered");
    JsonNode audit = admin.get("/audit?size=1").json().get("items").get(0);
    assertThat(audit.get("action").asString()).isEqualTo("lease.release");
    assertThat(audit.get("actor").asString()).isEqualTo("ep-cscf");
    assertThat(admin.get("/pools/pair/leases?state=live").json().get("total").asLong()).isEqualTo(1);
  }

  @Test
  void theEpCscfReadsALeasesStateWithItsReadScope() throws Exception {
    String lease = claims(waf.tokenClient().accessToken("guest1", TestSeedFile.GUEST_PASSWORD))
        .getStringClaim(ImsAccessTokenCustomizer.CLAIM_IMPU_LEASE);
    WafApiClient reader = WafApiClient.withToken(waf, waf.epCscfClient(WafTestServer.EPCSCF_SCOPES));

    assertThat(reader.get("/leases/" + lease).json().get("state").asString()).isEqualTo("live");
    assertThat(reader.post("/leases/" + lease + "/release", null).status()).isEqualTo(204);
    assertThat(reader.get("/leases/" + lease).json().get("state").asString()).isEqualTo("released");
    assertThat(reader.get("/leases/00000000-0000-0000-0000-000000000000").status()).isEqualTo(404);
    // The read scope reads leases, nothing else of the provisioning API.
    assertThat(reader.get("/pools").status()).isEqualTo(403);
  }

  private static void assertPoolExhaustedFor(String user) {
    assertThatThrownBy(() -> waf.tokenClient().accessToken(user, PASSWORD))
        .isInstanceOfSatisfying(WafTokenException.class, refused -> {
          assertThat(refused.error()).isEqualTo("invalid_grant");
          assertThat(refused.description()).isEqualTo(ImsAccessTokenCustomizer.POOL_EXHAUSTED);
        });
  }

  @Test
  void theReleaseIsIdempotentAndAnUnknownLeaseIsNotFound() throws Exception {
    String lease = claims(waf.tokenClient().accessToken("guest1", TestSeedFile.GUEST_PASSWORD))
        .getStringClaim(ImsAccessTokenCustomizer.CLAIM_IMPU_LEASE);
    WafApiClient epCscf = WafApiClient.withToken(waf, waf.epCscfClient());

    assertThat(epCscf.post("/leases/" + lease + "/release", null).status()).isEqualTo(204);
    assertThat(epCscf.post("/leases/" + lease + "/release", "{\"reason\":\"flow-lost-expired\"}").status())
        .isEqualTo(204);
    Response unknown = epCscf.post("/leases/00000000-0000-0000-0000-000000000000/release", null);
    assertThat(unknown.status()).isEqualTo(404);
    assertThat(unknown.contentType()).startsWith("application/problem+json");
    assertThat(epCscf.post("/leases/" + lease + "/release", "{\"reason\":\"bored\"}").status()).isEqualTo(400);
  }

  @Test
  void theReleaseNeedsAClientTokenWithTheReleaseScope() throws Exception {
    String userToken = waf.tokenClient().accessToken("guest2", TestSeedFile.GUEST_PASSWORD);
    String lease = claims(userToken).getStringClaim(ImsAccessTokenCustomizer.CLAIM_IMPU_LEASE);

    assertThat(WafApiClient.withToken(waf, waf.tokenClient(), null).post("/leases/" + lease + "/release", null)
        .status()).isEqualTo(401);
    assertThat(WafApiClient.withToken(waf, waf.tokenClient(), userToken).post("/leases/" + lease + "/release", null)
        .status()).isEqualTo(403);
    assertThat(WafApiClient.withToken(waf, waf.automationClient()).get("/leases/" + lease).json().get("state")
        .asString()).isEqualTo("live");
  }

  @Test
  void clientCredentialsTokensCarryNoImsClaims() throws Exception {
    JWTClaimsSet claims = claims(waf.epCscfClient().clientCredentialsToken());

    assertThat(claims.getSubject()).isEqualTo("ep-cscf");
    assertThat(claims.getStringListClaim("scope")).containsExactly("waf.lease.release");
    assertThat(claims.getClaims()).doesNotContainKeys("impi", "impu", ImsAccessTokenCustomizer.CLAIM_IMPU_LEASE);
  }

  private static JWTClaimsSet claims(String token) throws Exception {
    return SignedJWT.parse(token).getJWTClaimsSet();
  }
}
