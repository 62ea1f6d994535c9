package org.webims.waf.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.webims.server.testing.ProblemAssert;
import org.webims.waf.testing.TestSeedFile;
import org.webims.waf.testing.WafApiClient;
import org.webims.waf.testing.WafApiClient.Response;
import org.webims.waf.testing.WafTestServer;
import tools.jackson.databind.JsonNode;

/**
 * The provisioning REST API for automation over real HTTPS (issue 6): client credentials Bearer tokens with scope
 * waf.admin, RFC 9457 problems with field errors, nothing changed by bad input.
 */
class ProvisioningApiOverHttpsTest {

  @TempDir
  static Path dataDir;
  static WafTestServer waf;
  static WafApiClient admin;

  @BeforeAll
  static void startWaf() throws Exception {
    waf = WafTestServer.startHttps(dataDir, TestSeedFile.standard()
        .userWithoutImsIdentity("bob", "bob-password")
        .userWithoutImsIdentity("carol", "carol-password"));
    admin = WafApiClient.withToken(waf, waf.automationClient());
  }

  @AfterAll
  static void stopWaf() {
    waf.close();
  }

  @Test
  void automationCreatesAPoolAddsARangeAndMapsAUserAllAudited() throws Exception {
    Response created = admin.post("/pools", "{\"name\":\"visitors\",\"realm\":\"ims.example.net\"}");
    assertThat(created.status()).isEqualTo(201);
    assertThat(created.http().headers().firstValue("Location")).contains("/api/v1/pools/visitors");

    Response added = admin.post("/pools/visitors/impus",
        "{\"impuRange\":\"sip:visitor-{01..05}@ims.example.net\",\"impiPattern\":\"visitor-{01..05}@ims.example.net\"}");
    assertThat(added.status()).isEqualTo(200);
    assertThat(added.json().get("impus").asLong()).isEqualTo(5);
    assertThat(admin.post("/pools/visitors/impus",
        "{\"impu\":\"tel:+15550001000\",\"impi\":\"visitor-tel@ims.example.net\"}").json().get("free").asLong())
        .isEqualTo(6);

    Response mapped = admin.post("/mappings", "{\"webIdentity\":\"bob\",\"pool\":\"visitors\"}");
    assertThat(mapped.status()).isEqualTo(201);
    assertThat(admin.get("/mappings/bob").json().get("pool").asString()).isEqualTo("visitors");
    assertThat(admin.get("/mappings?q=VISIT").json().get("items").get(0).get("webIdentity").asString())
        .isEqualTo("bob");
    assertThat(admin.get("/pools/visitors/impus?size=2").json().get("items").get(1).get("impu").asString())
        .isEqualTo("sip:visitor-02@ims.example.net");

    JsonNode audit = admin.get("/audit?size=4").json();
    assertThat(audit.get("items").values().stream().map(e -> e.get("action").asString()).toList())
        .containsExactly("mapping.create", "pool.add-impus", "pool.add-impus", "pool.create");
    assertThat(audit.get("items").get(0).get("actor").asString()).isEqualTo("automation");
  }

  @Test
  void fixedMappingsAreCreatedEditedAndDeleted() throws Exception {
    assertThat(admin.post("/mappings", "{\"webIdentity\":\"carol\",\"impi\":\"carol@ims.example.net\","
        + "\"impus\":[\"sip:carol@ims.example.net\",\"tel:+15551239999\"]}").status()).isEqualTo(201);
    Response edited = admin.put("/mappings/carol",
        "{\"impi\":\"carol2@ims.example.net\",\"impus\":[\"sip:carol2@ims.example.net\"]}");
    assertThat(edited.status()).isEqualTo(200);
    assertThat(edited.json().get("impi").asString()).isEqualTo("carol2@ims.example.net");
    assertThat(edited.json().has("pool")).isFalse();

    assertThat(admin.delete("/mappings/carol").status()).isEqualTo(204);
    assertThat(admin.get("/mappings/carol").status()).isEqualTo(404);
    assertThat(admin.delete("/mappings/carol").status()).isEqualTo(404);
  }

  @Test
  void badInputGivesFieldErrorsAndChangesNothing() throws Exception {
    long auditBefore = admin.get("/audit").json().get("total").asLong();

    Response malformed = admin.post("/mappings",
        "{\"webIdentity\":\"carol\",\"impi\":\"carol@ims.example.net\",\"impus\":[\"sip:carol@\"]}");
    assertThat(malformed.status()).isEqualTo(400);
    assertThat(malformed.contentType()).startsWith("application/problem+json");
    assertThat(malformed.json().get("errors").get(0).get("field").asString()).isEqualTo("impus");
    assertThat(malformed.json().get("errors").get(0).get("message").asString()).startsWith("sip:carol@: ");

    Response duplicate = admin.post("/mappings", "{\"webIdentity\":\"alice\",\"impi\":\"a@ims.example.net\","
        + "\"impus\":[\"sip:a2@ims.example.net\"]}");
    assertThat(duplicate.status()).isEqualTo(409);
    assertThat(duplicate.json().get("errors").get(0).get("field").asString()).isEqualTo("webIdentity");

    admin.post("/pools", "{\"name\":\"big\",\"realm\":\"ims.example.net\"}");
    auditBefore++;
    Response tooLarge = admin.post("/pools/big/impus",
        "{\"impuRange\":\"sip:g-{1..1001}@ims.example.net\",\"impiPattern\":\"g-{1..1001}@ims.example.net\"}");
    assertThat(tooLarge.status()).isEqualTo(400);
    assertThat(tooLarge.json().get("errors").get(0).get("message").asString()).startsWith("range too large");

    assertThat(admin.post("/pools", "{\"name\":\"Bad Name\",\"realm\":\"\"}").json().get("errors").size())
        .isEqualTo(2);
    assertThat(admin.get("/pools?page=x").status()).isEqualTo(400);
    assertThat(admin.post("/pools", "{not json").status()).isEqualTo(400);
    assertThat(admin.get("/pools/nosuch").status()).isEqualTo(404);

    assertThat(admin.get("/mappings/carol").status()).isEqualTo(404);
    assertThat(admin.get("/pools/big").json().get("impus").asLong()).isZero();
    assertThat(admin.get("/audit").json().get("total").asLong()).isEqualTo(auditBefore);
  }

  @Test
  void withoutAValidTokenOrScopeTheApiRefusesWithAProblem() throws Exception {
    Response anonymous = WafApiClient.withToken(waf, waf.tokenClient(), null).get("/pools");
    assertThat(anonymous.status()).isEqualTo(401);
    assertThat(anonymous.http().headers().firstValue("WWW-Authenticate")).hasValueSatisfying(
        challenge -> assertThat(challenge).startsWith("Bearer"));
    assertThat(anonymous.contentType()).startsWith("application/problem+json");

    assertThat(WafApiClient.withToken(waf, waf.tokenClient(), "not-a-jwt").get("/pools").status())
        .isEqualTo(401);
    String userToken = waf.tokenClient().accessToken(TestSeedFile.ALICE, TestSeedFile.ALICE_PASSWORD);
    assertThat(WafApiClient.withToken(waf, waf.tokenClient(), userToken).get("/pools").status()).isEqualTo(403);
    Response epCscf = WafApiClient.withToken(waf, waf.epCscfClient()).get("/pools");
    assertThat(epCscf.status()).isEqualTo(403);
    assertThat(epCscf.json().get("title").asString()).isEqualTo("Forbidden");
  }

  @Test
  void theOpenApiDocumentIsPublic() throws Exception {
    Response document = WafApiClient.withToken(waf, waf.tokenClient(), null).get("/openapi.json");

    assertThat(document.status()).isEqualTo(200);
    assertThat(document.json().get("openapi").asString()).startsWith("3.");
    assertThat(List.copyOf(document.json().get("paths").propertyNames())).contains("/leases/{id}/release");
  }

  static void assertProblem(Response response, int status, String title) {
    ProblemAssert.assertProblem(response.http(), status, title);
  }

  @Test
  void unknownPathsWrongMethodsAndMediaTypesAreProblems() throws Exception {
    assertProblem(admin.get("/nosuch"), 404, "Not Found");
    assertProblem(admin.get("/pools/visitors/nosuch/deeper"), 404, "Not Found");

    Response wrongMethod = admin.send("PATCH", "/api/v1/pools", "application/json", "application/json", "{}");
    assertProblem(wrongMethod, 405, "Method Not Allowed");
    assertThat(wrongMethod.http().headers().firstValue("Allow")).hasValueSatisfying(
        allow -> assertThat(allow).contains("GET", "POST"));

    assertProblem(admin.send("POST", "/api/v1/pools", "application/json", "text/plain", "x"), 415,
        "Unsupported Media Type");
    assertProblem(admin.send("GET", "/api/v1/pools", "text/csv", null, null), 406, "Not Acceptable");
  }

  @Test
  void theErrorPathItselfIsAProblemNeverStatus999() throws Exception {
    Response error = admin.send("GET", "/error", "application/json", null, null);
    assertProblem(error, 404, "Not Found");
    assertThat(error.body()).doesNotContain("999");
  }
}
