package org.webims.waf.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.http.HttpClient;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.webims.server.testing.EventLines;
import org.webims.waf.metrics.WafMetrics;
import org.webims.waf.testing.TestSeedFile;
import org.webims.waf.testing.WafTestServer;

/**
 * Issue 16, point 5: the WAF's sign-ins in its event log ({@code webims.events.waf}); a WAF of its own, so that no
 * other test's lockout of this source is in the way (the throttled case is {@link SignInLockoutTest}'s).
 */
class SignInEventsTest {

  @TempDir
  static Path dir;
  static WafTestServer waf;
  static EventLines events;

  @BeforeAll
  static void start() {
    waf = WafTestServer.start(dir, TestSeedFile.standard());
    events = new EventLines(WafMetrics.EVENTS);
  }

  @AfterAll
  static void stop() {
    events.close();
    waf.close();
  }

  /** Issue 16: each sign-in is one event with the account and the source, never the password. */
  @Test
  void signInsAreEventsWithTheAccountAndNeverThePassword() throws Exception {
    HttpClient browser = HttpClient.newBuilder().cookieHandler(new CookieManager(null, CookiePolicy.ACCEPT_ALL))
        .followRedirects(HttpClient.Redirect.NEVER).build();
    SignInLockoutTest.signIn(waf, browser, TestSeedFile.NOMAP, "not-the-password");
    SignInLockoutTest.signIn(waf, browser, TestSeedFile.NOMAP, TestSeedFile.NOMAP_PASSWORD);

    assertThat(events.await("signin.failed", "account=" + TestSeedFile.NOMAP))
        .contains("kind=web", "source=", "reason=wrong_credentials");
    assertThat(events.await("signin.succeeded", "account=" + TestSeedFile.NOMAP)).contains("kind=web", "source=");
    assertThat(events.all()).noneMatch(line -> line.contains("not-the-password")
        || line.contains(TestSeedFile.NOMAP_PASSWORD));
  }

}
