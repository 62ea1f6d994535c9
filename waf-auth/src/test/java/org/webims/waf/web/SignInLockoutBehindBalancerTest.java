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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.webims.waf.testing.TestSeedFile;
import org.webims.waf.testing.WafTestServer;
import org.webims.waf.testing.WafTokenClient;

/**
 * WAF-02 abuse resistance behind a load balancer (issue 16). Embedded Tomcat has no PROXY protocol, so behind
 * HAProxy in TCP mode every sign-in comes from the balancer's address and one attacker's wrong passwords lock
 * everyone out. The documented cure (docs/operations.md "The client's address behind HAProxy"): HAProxy in HTTP
 * mode adds {@code X-Forwarded-For}, and the WAF takes the client's address from it with Spring Boot's
 * {@code server.forward-headers-strategy=native} and Tomcat's internal proxies restricted to the balancer.
 * Here the test client plays the balancer (127.0.0.1).
 */
class SignInLockoutBehindBalancerTest {

  private static final String ATTACKER = "203.0.113.7";
  private static final String USER = "198.51.100.20";

  @Test
  void withoutForwardedAddressesOneAttackerLocksOutEveryoneBehindTheBalancer_WAF02(@TempDir Path dir)
      throws Exception {
    try (WafTestServer waf = WafTestServer.start(dir, TestSeedFile.standard(),
        "--webims.waf.abuse.sign-in-lockout.max-failures=3")) {
      guessPasswords(waf, ATTACKER);

      assertThat(signIn(waf, USER, TestSeedFile.ALICE, TestSeedFile.ALICE_PASSWORD).statusCode()).isEqualTo(429);
    }
  }

  @Test
  void withTheBalancersForwardedAddressesOnlyTheAttackerIsLockedOut_WAF02(@TempDir Path dir) throws Exception {
    try (WafTestServer waf = WafTestServer.start(dir, TestSeedFile.standard(),
        "--webims.waf.abuse.sign-in-lockout.max-failures=3",
        "--server.forward-headers-strategy=native",
        "--server.tomcat.remoteip.internal-proxies=127\\.0\\.0\\.1")) {
      // The attacker puts the user's address in front; HAProxy's "option forwardfor" appends the address it saw,
      // and Tomcat reads the list from the right, stopping at the first address that is not the balancer's.
      guessPasswords(waf, USER + ", " + ATTACKER);

      assertThat(signIn(waf, ATTACKER, TestSeedFile.NOMAP, TestSeedFile.NOMAP_PASSWORD).statusCode())
          .isEqualTo(429);
      HttpResponse<String> user = signIn(waf, USER, TestSeedFile.ALICE, TestSeedFile.ALICE_PASSWORD);
      assertThat(user.statusCode()).isEqualTo(302);
      assertThat(user.headers().firstValue("Location").orElse("")).doesNotContain("/login");
    }
  }

  /**
   * Wrong passwords for three different accounts, {@code from} in {@code X-Forwarded-For}: only the source
   * address reaches the limit.
   */
  private static void guessPasswords(WafTestServer waf, String from) throws Exception {
    for (int i = 0; i < 3; i++) {
      assertThat(signIn(waf, from, "mallory-" + i, "wrong").headers().firstValue("Location").orElse(""))
          .endsWith("/login?error");
    }
  }

  private static HttpResponse<String> signIn(WafTestServer waf, String from, String user, String password)
      throws Exception {
    HttpClient browser = HttpClient.newBuilder().cookieHandler(new CookieManager(null, CookiePolicy.ACCEPT_ALL))
        .followRedirects(HttpClient.Redirect.NEVER).build();
    HttpResponse<String> page = browser.send(HttpRequest.newBuilder(waf.baseUrl().resolve("/login"))
        .header("X-Forwarded-For", from).build(), HttpResponse.BodyHandlers.ofString());
    String csrf = WafTokenClient.hiddenInput(page.body(), "_csrf").orElseThrow();
    String form = "username=" + enc(user) + "&password=" + enc(password) + "&_csrf=" + enc(csrf);
    return browser.send(HttpRequest.newBuilder(waf.baseUrl().resolve("/login"))
        .header("X-Forwarded-For", from)
        .header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
  }

  private static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }
}
