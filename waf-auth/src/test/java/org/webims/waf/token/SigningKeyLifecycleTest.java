package org.webims.waf.token;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jwt.SignedJWT;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.webims.waf.testing.TestSeedFile;
import org.webims.waf.testing.WafJwks;
import org.webims.waf.testing.WafTestServer;

/** The signing key across restarts of a WAF on the same file database, and its rotation (WAF-07). */
class SigningKeyLifecycleTest {

  @TempDir
  Path dataDir;

  @Test
  void signingKeyIsStableAcrossARestartOnTheSameDatabase() throws Exception {
    String firstToken;
    String firstJwks;
    try (WafTestServer waf = WafTestServer.start(dataDir, TestSeedFile.standard())) {
      firstToken = waf.tokenClient().accessToken(TestSeedFile.ALICE, TestSeedFile.ALICE_PASSWORD);
      firstJwks = waf.tokenClient().get("/oauth2/jwks");
    }

    try (WafTestServer restarted = WafTestServer.start(dataDir, TestSeedFile.standard())) {
      String jwks = restarted.tokenClient().get("/oauth2/jwks");
      String token = restarted.tokenClient().accessToken(TestSeedFile.ALICE, TestSeedFile.ALICE_PASSWORD);

      assertThat(JWKSet.parse(jwks).getKeys()).map(JWK::getKeyID)
          .containsExactlyElementsOf(JWKSet.parse(firstJwks).getKeys().stream().map(JWK::getKeyID).toList());
      assertThat(SignedJWT.parse(token).getHeader().getKeyID())
          .isEqualTo(SignedJWT.parse(firstToken).getHeader().getKeyID());
      WafJwks.verify(firstToken, jwks);
    }
  }

  @Test
  void rotationSignsWithANewKidAndKeepsTokensOfTheOldKeyVerifiable() throws Exception {
    String oldToken;
    try (WafTestServer waf = WafTestServer.start(dataDir, TestSeedFile.standard())) {
      oldToken = waf.tokenClient().accessToken(TestSeedFile.ALICE, TestSeedFile.ALICE_PASSWORD);
    }
    String oldKid = SignedJWT.parse(oldToken).getHeader().getKeyID();

    try (WafTestServer rotated = WafTestServer.start(dataDir, TestSeedFile.standard(),
        "--webims.waf.keys.rotate=true")) {
      String newToken = rotated.tokenClient().accessToken(TestSeedFile.ALICE, TestSeedFile.ALICE_PASSWORD);
      String jwks = rotated.tokenClient().get("/oauth2/jwks");

      assertThat(SignedJWT.parse(newToken).getHeader().getKeyID()).isNotEqualTo(oldKid);
      assertThat(JWKSet.parse(jwks).getKeys()).hasSize(2);
      WafJwks.verify(newToken, jwks);
      WafJwks.verify(oldToken, jwks);
    }
  }

  @Test
  void configuredLifetimeSetsExpiry() throws Exception { // WAF-05: webims.waf.token.lifetime
    try (WafTestServer waf = WafTestServer.start(dataDir, TestSeedFile.standard(),
        "--webims.waf.token.lifetime=2m")) {
      SignedJWT jwt = SignedJWT.parse(
          waf.tokenClient().accessToken(TestSeedFile.ALICE, TestSeedFile.ALICE_PASSWORD));

      assertThat(Duration.between(jwt.getJWTClaimsSet().getIssueTime().toInstant(),
          jwt.getJWTClaimsSet().getExpirationTime().toInstant())).isEqualTo(Duration.ofMinutes(2));
    }
  }
}
