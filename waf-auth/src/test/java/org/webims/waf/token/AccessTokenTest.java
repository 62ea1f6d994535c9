package org.webims.waf.token;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.webims.waf.testing.TestSeedFile;
import org.webims.waf.testing.WafJwks;
import org.webims.waf.testing.WafTestServer;
import org.webims.waf.testing.WafTokenClient;
import org.webims.waf.testing.WafTokenException;

/** Tokens from a real WAF over real HTTP: claims per the contract, and the refusals (WAF-02..05, WAF-07). */
class AccessTokenTest {

  @TempDir
  static Path dataDir;
  static WafTestServer waf;
  static WafTokenClient client;

  @BeforeAll
  static void startWaf() {
    waf = WafTestServer.start(dataDir, TestSeedFile.standard());
    client = waf.tokenClient();
  }

  @AfterAll
  static void stopWaf() {
    waf.close();
  }

  @Test
  void accessTokenCarriesTheMappedImsIdentityAndVerifiesAgainstTheJwks() throws Exception { // WAF-02, 04, 05, 07
    String token = client.accessToken(TestSeedFile.ALICE, TestSeedFile.ALICE_PASSWORD);

    SignedJWT jwt = WafJwks.verify(token, client.get("/oauth2/jwks"));
    JWTClaimsSet claims = jwt.getJWTClaimsSet();
    assertThat(jwt.getHeader().getKeyID()).isNotBlank();
    assertThat(claims.getIssuer()).isEqualTo(waf.issuer());
    assertThat(claims.getAudience()).containsExactly("epcscf.ims.example.net");
    assertThat(claims.getSubject()).isEqualTo(TestSeedFile.ALICE);
    assertThat(claims.getStringClaim("impi")).isEqualTo(TestSeedFile.ALICE_IMPI);
    assertThat(claims.getStringListClaim("impu")).containsExactlyElementsOf(TestSeedFile.ALICE_IMPUS);
    assertThat(claims.getStringClaim("client_id")).isEqualTo("wwsf");
    assertThat(claims.getStringListClaim("scope")).containsExactly("ims.register");
    assertThat(claims.getJWTID()).isNotBlank();
    assertThat(claims.getNotBeforeTime()).isNotNull();
  }

  @Test
  void accessTokenLivesFiveMinutesByDefault() throws Exception { // WAF-05
    JWTClaimsSet claims = WafJwks.verify(client.accessToken(TestSeedFile.ALICE, TestSeedFile.ALICE_PASSWORD),
        client.get("/oauth2/jwks")).getJWTClaimsSet();

    assertThat(Duration.between(claims.getIssueTime().toInstant(), claims.getExpirationTime().toInstant()))
        .isEqualTo(Duration.ofMinutes(5));
  }

  @Test
  void everyTokenHasItsOwnJti() throws Exception { // WAF-05
    String jwks = client.get("/oauth2/jwks");
    String first = WafJwks.verify(client.accessToken(TestSeedFile.ALICE, TestSeedFile.ALICE_PASSWORD), jwks)
        .getJWTClaimsSet().getJWTID();
    String second = WafJwks.verify(client.accessToken(TestSeedFile.ALICE, TestSeedFile.ALICE_PASSWORD), jwks)
        .getJWTClaimsSet().getJWTID();

    assertThat(first).isNotEqualTo(second);
  }

  @Test
  void jwksPublishesOnlyPublicRsaKeysWithKid() throws Exception { // WAF-07
    JWKSet jwks = JWKSet.parse(client.get("/oauth2/jwks"));

    assertThat(jwks.getKeys()).isNotEmpty().allSatisfy(key -> {
      assertThat(key.getKeyID()).isNotBlank();
      assertThat(key.isPrivate()).isFalse();
      assertThat(key.getKeyType().getValue()).isEqualTo("RSA");
    });
  }

  @Test
  void webIdentityWithoutImsIdentityGetsNoTokenAndAClearError() { // WAF-03
    WafTokenException refused = catchThrowableOfType(WafTokenException.class,
        () -> client.accessToken(TestSeedFile.NOMAP, TestSeedFile.NOMAP_PASSWORD));

    assertThat(refused.error()).isEqualTo("invalid_grant");
    assertThat(refused.description()).isEqualTo("No IMS identity is provisioned for this web identity");
  }

  @Test
  void wrongPasswordGetsNoToken() { // WAF-02
    assertThatThrownBy(() -> client.accessToken(TestSeedFile.ALICE, "not-the-password"))
        .isInstanceOfSatisfying(WafTokenException.class,
            refused -> assertThat(refused.error()).isEqualTo("login_failed"));
  }

  @Test
  void unknownUserGetsNoToken() { // WAF-02
    assertThatThrownBy(() -> client.accessToken("mallory", "whatever"))
        .isInstanceOfSatisfying(WafTokenException.class,
            refused -> assertThat(refused.error()).isEqualTo("login_failed"));
  }

  @Test
  void authorizationRequestWithoutCodeChallengeIsRefused() throws Exception { // PKCE required (RFC 7636)
    Map<String, String> response = client.authorizationResponse(TestSeedFile.ALICE, TestSeedFile.ALICE_PASSWORD,
        Map.of());

    assertThat(response).containsEntry("error", "invalid_request").doesNotContainKey("code");
  }

  @Test
  void authorizationRequestWithPlainCodeChallengeIsRefused() throws Exception { // PKCE S256 only
    Map<String, String> response = client.authorizationResponse(TestSeedFile.ALICE, TestSeedFile.ALICE_PASSWORD,
        Map.of("code_challenge", "plain-challenge-plain-challenge-plain-challenge", "code_challenge_method",
            "plain"));

    assertThat(response).containsEntry("error", "invalid_request").doesNotContainKey("code");
  }

  @Test
  void wrongClientSecretGetsNoToken() {
    WafTokenClient wrongSecret = WafTokenClient.builder(waf.baseUrl()).clientSecret("not-the-secret").build();

    assertThatThrownBy(() -> wrongSecret.accessToken(TestSeedFile.ALICE, TestSeedFile.ALICE_PASSWORD))
        .isInstanceOfSatisfying(WafTokenException.class,
            refused -> assertThat(refused.error()).isEqualTo("invalid_client"));
  }

  @Test
  void authorizationServerMetadataNamesTheIssuerAndJwks() throws Exception { // WAF-08
    String metadata = client.get("/.well-known/oauth-authorization-server");

    assertThat(metadata).contains("\"issuer\":\"" + waf.issuer() + "\"")
        .contains("\"jwks_uri\":\"" + waf.jwksUri() + "\"");
  }

  @Test
  void introspectionReportsAnIssuedTokenActiveWithItsImsIdentity() throws Exception { // WAF-07 (RFC 7662)
    String token = client.accessToken(TestSeedFile.ALICE, TestSeedFile.ALICE_PASSWORD);

    assertThat(client.introspect(token)).contains("\"active\":true")
        .contains("\"impi\":\"" + TestSeedFile.ALICE_IMPI + "\"");
  }

  @Test
  void introspectionReportsARevokedTokenInactive() throws Exception { // WAF-07 (RFC 7662, RFC 7009)
    String token = client.accessToken(TestSeedFile.ALICE, TestSeedFile.ALICE_PASSWORD);

    client.revoke(token);

    assertThat(client.introspect(token)).isEqualTo("{\"active\":false}");
  }

  @Test
  void introspectionReportsAnUnknownTokenInactive() throws Exception { // WAF-07
    assertThat(client.introspect("not-a-token")).isEqualTo("{\"active\":false}");
  }

  @Test
  void openidSignInOfTheWwsfStillGetsTheImsClaimsInTheAccessToken() throws Exception { // WAF-02 (WWSF sign-in)
    WafTokenClient openid = WafTokenClient.builder(waf.baseUrl()).clientSecret(WafTestServer.CLIENT_SECRET)
        .scope("openid ims.register").build();

    JWTClaimsSet claims = WafJwks.verify(openid.accessToken(TestSeedFile.ALICE, TestSeedFile.ALICE_PASSWORD),
        client.get("/oauth2/jwks")).getJWTClaimsSet();

    assertThat(claims.getStringListClaim("scope")).containsExactlyInAnyOrder("openid", "ims.register");
    assertThat(claims.getStringClaim("impi")).isEqualTo(TestSeedFile.ALICE_IMPI);
  }

  @Test
  void scopeTheClientIsNotRegisteredForIsRefused() throws Exception {
    WafTokenClient greedy = WafTokenClient.builder(waf.baseUrl()).clientSecret(WafTestServer.CLIENT_SECRET)
        .scope("ims.register admin").build();

    assertThatThrownBy(() -> greedy.accessToken(TestSeedFile.ALICE, TestSeedFile.ALICE_PASSWORD))
        .isInstanceOfSatisfying(WafTokenException.class,
            refused -> assertThat(refused.error()).isEqualTo("invalid_scope"));
  }

  @Test
  void unregisteredRedirectUriGetsNoCode() throws Exception {
    WafTokenClient elsewhere = WafTokenClient.builder(waf.baseUrl()).clientSecret(WafTestServer.CLIENT_SECRET)
        .redirectUri("https://attacker.example.com/callback").build();

    assertThatThrownBy(() -> elsewhere.accessToken(TestSeedFile.ALICE, TestSeedFile.ALICE_PASSWORD))
        .isInstanceOfSatisfying(WafTokenException.class,
            refused -> assertThat(refused.error()).isEqualTo("http_400"));
  }
}
