package org.webims.wwsf.session;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.webims.waf.testing.TestSeedFile;
import org.webims.wwsf.testing.Json;
import org.webims.wwsf.testing.WwsfBrowser;
import org.webims.wwsf.testing.WwsfTestServer;
import tools.jackson.databind.JsonNode;

/**
 * {@code GET /wic/session} of the issue 4 contract over real HTTPS: the WIC gets a valid token and its IMS
 * identity from the WWSF before the REGISTER (WIC-30, WAF-01, WAF-02).
 */
class WicSessionOverHttpsTest {

  @TempDir
  static Path dataDir;
  static WwsfTestServer wwsf;

  @BeforeAll
  static void start() {
    wwsf = WwsfTestServer.start(dataDir, TestSeedFile.standard(),
        "--webims.wwsf.epcscf-url=wss://localhost:7444", "--webims.wwsf.realm=ims.example.org");
  }

  @AfterAll
  static void stop() {
    wwsf.close();
  }

  @Test
  void signedOutGets401ProblemJsonNotARedirect() {
    HttpResponse<String> response = wwsf.browser().getJson("/wic/session");

    assertThat(response.statusCode()).isEqualTo(401);
    assertThat(response.uri().getPath()).isEqualTo("/wic/session");
    assertThat(response.headers().firstValue("Content-Type").orElseThrow()).contains("json");
    assertThat(response.headers().firstValue("Cache-Control")).hasValue("no-store");
    assertThat(Json.parse(response.body()).get("status").asInt()).isEqualTo(401);
  }

  @Test
  void signedInGetsTheTokenOfItsMappingWithTheContractFieldsAndNoStore() {
    WwsfBrowser browser = wwsf.signedInBrowser(TestSeedFile.ALICE, TestSeedFile.ALICE_PASSWORD);

    HttpResponse<String> response = browser.getJson("/wic/session");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/json");
    assertThat(response.headers().firstValue("Cache-Control")).hasValue("no-store");
    JsonNode session = Json.parse(response.body());
    assertThat(session.propertyNames()).containsExactlyInAnyOrder(
        "token", "impi", "impus", "epcscfUrl", "realm", "expiresAt");
    assertThat(session.get("impi").asString()).isEqualTo(TestSeedFile.ALICE_IMPI);
    assertThat(Json.strings(session.get("impus"))).containsExactlyElementsOf(TestSeedFile.ALICE_IMPUS);
    assertThat(session.get("epcscfUrl").asString()).isEqualTo("wss://localhost:7444");
    assertThat(session.get("realm").asString()).isEqualTo("ims.example.org");

    JsonNode claims = Json.jwtPayload(session.get("token").asString());
    assertThat(claims.get("sub").asString()).isEqualTo(TestSeedFile.ALICE);
    assertThat(claims.get("impi").asString()).isEqualTo(TestSeedFile.ALICE_IMPI);
    assertThat(Json.strings(claims.get("impu"))).containsExactlyElementsOf(TestSeedFile.ALICE_IMPUS);
    assertThat(claims.get("iss").asString()).isEqualTo(wwsf.baseUrl().toString());
    assertThat(claims.get("client_id").asString()).isEqualTo("wwsf");
    Instant expiresAt = Instant.parse(session.get("expiresAt").asString());
    assertThat(expiresAt).isEqualTo(Instant.ofEpochSecond(claims.get("exp").asLong())).isAfter(Instant.now());
  }

  @Test
  void aTokenFarFromExpiryIsHandedOutAgainUnchanged() {
    WwsfBrowser browser = wwsf.signedInBrowser(TestSeedFile.ALICE, TestSeedFile.ALICE_PASSWORD);

    String first = Json.parse(browser.getJson("/wic/session").body()).get("token").asString();
    String second = Json.parse(browser.getJson("/wic/session").body()).get("token").asString();

    assertThat(second).isEqualTo(first);
  }
}
