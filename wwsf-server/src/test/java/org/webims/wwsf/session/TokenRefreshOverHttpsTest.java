package org.webims.wwsf.session;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.webims.waf.testing.TestSeedFile;
import org.webims.wwsf.testing.Json;
import org.webims.wwsf.testing.WwsfBrowser;
import org.webims.wwsf.testing.WwsfTestServer;
import tools.jackson.databind.JsonNode;

/**
 * A token about to expire is renewed by refresh token before {@code /wic/session} hands it out (WIC-30: the WIC
 * always gets a currently valid token). A refresh margin longer than the token lifetime makes every call one.
 */
class TokenRefreshOverHttpsTest {

  @TempDir
  Path dataDir;

  @Test
  void aTokenWithinTheRefreshMarginIsReplacedByARefreshedOneForTheSameIdentity() {
    try (WwsfTestServer wwsf = WwsfTestServer.start(dataDir, TestSeedFile.standard(),
        "--webims.waf.token.lifetime=5m", "--webims.wwsf.token-refresh-margin=10m")) {
      WwsfBrowser browser = wwsf.signedInBrowser(TestSeedFile.ALICE, TestSeedFile.ALICE_PASSWORD);

      HttpResponse<String> first = browser.getJson("/wic/session");
      HttpResponse<String> second = browser.getJson("/wic/session");

      assertThat(first.statusCode()).isEqualTo(200);
      assertThat(second.statusCode()).isEqualTo(200);
      JsonNode before = Json.jwtPayload(Json.parse(first.body()).get("token").asString());
      JsonNode after = Json.jwtPayload(Json.parse(second.body()).get("token").asString());
      assertThat(after.get("jti").asString()).isNotEqualTo(before.get("jti").asString());
      assertThat(after.get("impi").asString()).isEqualTo(TestSeedFile.ALICE_IMPI);
      assertThat(Json.strings(after.get("impu"))).containsExactlyElementsOf(TestSeedFile.ALICE_IMPUS);
    }
  }
}
