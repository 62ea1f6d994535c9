package org.webims.wwsf.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.webims.waf.testing.TestSeedFile;
import org.webims.wwsf.testing.Json;
import org.webims.wwsf.testing.WwsfBrowser;
import tools.jackson.databind.JsonNode;

/**
 * Two WWSF+WAF nodes on one PostgreSQL behind a load balancer that does not stick a browser to a node (issue 16
 * point 3): every request of a browser lands on the other node, so the WAF's login form, the authorization code
 * flow (WAF-02) and the signed-in session that holds the tokens (WIC-30) must live in the shared database. A
 * token lifetime shorter than the refresh margin makes every {@code /wic/session} a refresh by refresh token.
 */
class TwoNodesOverHttpsTest {

  private static final String BOB = "bob";
  private static final String BOB_PASSWORD = "bob-password";
  private static final String BOB_IMPI = "bob_private@ims.example.net";
  private static final List<String> BOB_IMPUS = List.of("sip:bob@ims.example.net");

  @TempDir
  Path dataDir;

  private TwoWwsfNodes start() {
    return TwoWwsfNodes.start(dataDir, TestSeedFile.standard().user(BOB, BOB_PASSWORD, BOB_IMPI, BOB_IMPUS),
        "--webims.waf.token.lifetime=5m", "--webims.wwsf.token-refresh-margin=10m");
  }

  @Test
  void aSignInWhoseRequestsAlternateBetweenTheNodesCompletesAndEitherNodeHandsOutTheToken_WAF02_WIC30() {
    try (TwoWwsfNodes cluster = start()) {
      signInAndGetTokensFromBothNodes(cluster);
    }
  }

  private static void signInAndGetTokensFromBothNodes(TwoWwsfNodes cluster) {
    WwsfBrowser browser = cluster.browser();

    HttpResponse<String> page = browser.signIn(TestSeedFile.ALICE, TestSeedFile.ALICE_PASSWORD);

    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.uri().getPath()).isEqualTo("/");
    assertThat(page.body()).contains("id=\"register\"", TestSeedFile.ALICE_IMPI);
    int a = cluster.connections(TwoWwsfNodes.A);
    int b = cluster.connections(TwoWwsfNodes.B);
    assertThat(a).as("connections to node A during sign-in").isGreaterThanOrEqualTo(3);
    assertThat(b).as("connections to node B during sign-in").isGreaterThanOrEqualTo(3);
    for (int i = 0; i < 4; i++) {
      assertAliceToken(browser.getJson("/wic/session"));
    }
    assertThat(cluster.connections(TwoWwsfNodes.A)).isGreaterThanOrEqualTo(a + 2);
    assertThat(cluster.connections(TwoWwsfNodes.B)).isGreaterThanOrEqualTo(b + 2);
  }

  @Test
  void whenNodeAStopsAUserSignedInThroughBothGetsRefreshedTokensFromBAndANewSignInWorksOnB_WIC30() {
    try (TwoWwsfNodes cluster = start()) {
      stopNodeAAndCarryOnWithB(cluster);
    }
  }

  private static void stopNodeAAndCarryOnWithB(TwoWwsfNodes cluster) {
    WwsfBrowser alice = cluster.browser();
    assertThat(alice.signIn(TestSeedFile.ALICE, TestSeedFile.ALICE_PASSWORD).body()).contains("id=\"register\"");
    String before = assertAliceToken(alice.getJson("/wic/session")).get("jti").asString();
    int b = cluster.connections(TwoWwsfNodes.B);

    cluster.stop(TwoWwsfNodes.A);

    String first = assertAliceToken(alice.getJson("/wic/session")).get("jti").asString();
    String second = assertAliceToken(alice.getJson("/wic/session")).get("jti").asString();
    assertThat(List.of(first, second)).doesNotContain(before).doesNotHaveDuplicates();
    assertThat(cluster.connections(TwoWwsfNodes.B)).isGreaterThanOrEqualTo(b + 2);

    WwsfBrowser bob = cluster.browser();
    HttpResponse<String> page = bob.signIn(BOB, BOB_PASSWORD);
    assertThat(page.uri().getPath()).isEqualTo("/");
    assertThat(page.body()).contains("id=\"register\"", BOB_IMPI);
    HttpResponse<String> session = bob.getJson("/wic/session");
    assertThat(session.statusCode()).isEqualTo(200);
    assertThat(Json.jwtPayload(Json.parse(session.body()).get("token").asString()).get("impi").asString())
        .isEqualTo(BOB_IMPI);
  }

  /** Alice's {@code /wic/session}: 200 with a token of her IMS identity; returns the token's claims. */
  private static JsonNode assertAliceToken(HttpResponse<String> response) {
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    JsonNode claims = Json.jwtPayload(Json.parse(response.body()).get("token").asString());
    assertThat(claims.get("impi").asString()).isEqualTo(TestSeedFile.ALICE_IMPI);
    assertThat(Json.strings(claims.get("impu"))).containsExactlyElementsOf(TestSeedFile.ALICE_IMPUS);
    return claims;
  }
}
