package org.webims.waf.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.webims.server.testing.EventLines;
import org.webims.waf.metrics.WafMetrics;
import org.webims.waf.testing.TestSeedFile;
import org.webims.waf.testing.WafTestServer;
import org.webims.waf.testing.WafTokenClient;

/**
 * WAF-02 abuse resistance: wrong web passwords and wrong client secrets are throttled per account (client id)
 * and per source address by the shared lockout; the refusal says how long to wait.
 */
class SignInLockoutTest {

  @TempDir
  static Path dir;
  static WafTestServer waf;
  static EventLines events;

  @BeforeAll
  static void start() {
    waf = WafTestServer.start(dir, TestSeedFile.standard(),
        "--webims.waf.abuse.sign-in-lockout.max-failures=3",
        "--webims.waf.abuse.sign-in-lockout.window=5m",
        "--webims.waf.abuse.client-lockout.max-failures=3",
        "--webims.waf.abuse.client-lockout.window=5m");
    events = new EventLines(WafMetrics.EVENTS);
  }

  @AfterAll
  static void stop() {
    events.close();
    waf.close();
  }

  @Test
  void refusesTheRightPasswordOnceTheAccountHadTooManyWrongOnes_WAF02() throws Exception {
    HttpClient browser = HttpClient.newBuilder().cookieHandler(new CookieManager(null, CookiePolicy.ACCEPT_ALL))
        .followRedirects(HttpClient.Redirect.NEVER).build();
    for (int i = 0; i < 3; i++) {
      assertThat(signIn(browser, TestSeedFile.ALICE, "wrong-" + i).headers().firstValue("Location").orElse(""))
          .endsWith("/login?error");
    }

    HttpResponse<String> locked = signIn(browser, TestSeedFile.ALICE, TestSeedFile.ALICE_PASSWORD);

    assertThat(locked.statusCode()).isEqualTo(429);
    assertThat(locked.headers().firstValue("Retry-After")).hasValueSatisfying(
        seconds -> assertThat(Long.parseLong(seconds)).isBetween(1L, 300L));
    assertThat(locked.body()).contains("Too many failed sign-ins. Try again in 5 minutes.");
    assertThat(events.await("signin.throttled", "account=" + TestSeedFile.ALICE))
        .contains("kind=web", "reason=locked_out", "retry_after_s=");
  }

  @Test
  void refusesTheRightClientSecretOnceTheClientHadTooManyWrongOnes_WAF02() throws Exception {
    HttpClient http = HttpClient.newHttpClient();
    for (int i = 0; i < 3; i++) {
      assertThat(clientCredentials(http, "automation", "wrong-" + i).statusCode()).isEqualTo(401);
    }

    HttpResponse<String> locked = clientCredentials(http, "automation", WafTestServer.AUTOMATION_CLIENT_SECRET);

    assertThat(locked.statusCode()).isEqualTo(401);
    assertThat(locked.headers().firstValue("Retry-After")).isPresent();
    assertThat(locked.body()).contains("\"error\":\"invalid_client\"")
        .contains("Too many failed client authentications. Try again in 5 minutes.");
  }

  private static HttpResponse<String> signIn(HttpClient browser, String user, String password) throws Exception {
    return signIn(waf, browser, user, password);
  }

  /** A sign-in at {@code waf}'s form, as a browser sends it. */
  static HttpResponse<String> signIn(WafTestServer waf, HttpClient browser, String user, String password)
      throws Exception {
    HttpResponse<String> page = browser.send(HttpRequest.newBuilder(waf.baseUrl().resolve("/login")).build(),
        HttpResponse.BodyHandlers.ofString());
    String csrf = WafTokenClient.hiddenInput(page.body(), "_csrf").orElseThrow();
    String form = "username=" + enc(user) + "&password=" + enc(password) + "&_csrf=" + enc(csrf);
    return browser.send(HttpRequest.newBuilder(waf.baseUrl().resolve("/login"))
        .header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
  }

  private static HttpResponse<String> clientCredentials(HttpClient http, String clientId, String secret)
      throws Exception {
    return http.send(HttpRequest.newBuilder(waf.baseUrl().resolve("/oauth2/token"))
        .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
            (clientId + ":" + secret).getBytes(StandardCharsets.UTF_8)))
        .header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials&scope=waf.admin")).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }
}
