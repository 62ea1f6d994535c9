package org.webims.waf.token;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jwt.JWTClaimsSet;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.webims.waf.testing.TestSeedFile;
import org.webims.waf.testing.WafJwks;
import org.webims.waf.testing.WafTestServer;
import org.webims.waf.testing.WafTokenClient;
import org.webims.waf.testing.WafTokenException;

/** The WAF over HTTPS with its generated self-signed certificate, as the system tests use it (WAF-01, WAF-08). */
class AccessTokenOverHttpsTest {

  @TempDir
  static Path dataDir;
  static WafTestServer waf;

  @BeforeAll
  static void startWaf() {
    waf = WafTestServer.startHttps(dataDir, TestSeedFile.standard());
  }

  @AfterAll
  static void stopWaf() {
    waf.close();
  }

  @Test
  void tokenObtainedOverHttpsVerifiesAgainstJwksFetchedOverHttps() throws Exception {
    WafTokenClient client = waf.tokenClient();

    JWTClaimsSet claims = WafJwks.verify(client.accessToken(TestSeedFile.ALICE, TestSeedFile.ALICE_PASSWORD),
        client.get("/oauth2/jwks")).getJWTClaimsSet();

    assertThat(waf.issuer()).startsWith("https://");
    assertThat(claims.getIssuer()).isEqualTo(waf.issuer());
    assertThat(claims.getStringListClaim("impu")).containsExactlyElementsOf(TestSeedFile.ALICE_IMPUS);
  }

  @Test
  void clientTrustingAllCertificatesGetsATokenFromLoopback() throws Exception {
    WafTokenClient client = WafTokenClient.builder(waf.baseUrl()).clientSecret(WafTestServer.CLIENT_SECRET)
        .trustAllCertificates().build();

    assertThat(client.accessToken(TestSeedFile.ALICE, TestSeedFile.ALICE_PASSWORD)).isNotBlank();
  }

  @Test
  void clientWithTheDefaultTrustStoreRefusesTheSelfSignedCertificate() {
    WafTokenClient client = WafTokenClient.builder(waf.baseUrl()).clientSecret(WafTestServer.CLIENT_SECRET)
        .build();

    assertThatThrownBy(() -> client.accessToken(TestSeedFile.ALICE, TestSeedFile.ALICE_PASSWORD))
        .isInstanceOfSatisfying(WafTokenException.class,
            refused -> assertThat(refused.error()).isEqualTo("io_error"));
  }
}
