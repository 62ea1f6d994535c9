package org.webims.e2e.browser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.JavascriptExecutor;
import org.webims.e2e.support.Browser;
import org.webims.e2e.support.BrowserConsoleOnFailure;
import org.webims.e2e.support.WebImsSystem;

/**
 * Issue 7 in a real headless Chromium against the real IMS core, WWSF/WAF and eP-CSCF: the reg event
 * brings a network-initiated deregistration into the page (WIC-44, 46), a dropped connection comes back
 * registered (WIC-10), and short tokens are refreshed before each re-REGISTER (WIC-34). (Closing the
 * tab: {@link BrowserRegistrationTest}, where a binding would outlive the test.) The IMS core grants at most {@value #GRANTED} s, so the WIC re-registers every
 * {@value #GRANTED}/2 s (WIC-17); the WAF's tokens live {@value #TOKEN_SECONDS} s.
 */
class RegistrationLifecycleBrowserTest {

  private static final Duration WAIT = Duration.ofSeconds(30);
  private static final String ALICE_SIP = "sip:alice@ims.example.net";
  static final int GRANTED = 10;
  static final int TOKEN_SECONDS = 8;

  @TempDir
  static Path dir;

  static WebImsSystem system;
  Browser browser;

  @RegisterExtension
  final BrowserConsoleOnFailure console = new BrowserConsoleOnFailure(() -> browser);

  @BeforeAll
  static void startSystem() throws Exception {
    system = WebImsSystem.start(dir,
        List.of("--webims.ims.registrar.max-expires=" + GRANTED, "--webims.ims.registrar.min-expires=5",
            "--webims.ims.registrar.default-expires=" + GRANTED),
        List.of("--webims.waf.token.lifetime=" + TOKEN_SECONDS + "s"));
  }

  @AfterAll
  static void stopSystem() {
    if (system != null) {
      system.close();
    }
  }

  @BeforeEach
  void startBrowser() {
    browser = Browser.start();
  }

  @AfterEach
  void stopBrowser() {
    browser.close();
    system.deregisterInNetwork(ALICE_SIP, "rejected");
  }

  /** Signs alice in, keeps every token /wic/session hands out in {@code window.wicTokens}, registers. */
  private void registerAlice() {
    browser.signIn(system.wwsfUrl(), "alice", "alice" + WebImsSystem.PASSWORD_SUFFIX, WAIT);
    browser.awaitAttribute("#state", "data-state", "idle", WAIT);
    recordTokens();
    int subscriptions = system.regSubscriptions();
    browser.find("#register").click();
    browser.awaitAttribute("#state", "data-state", "registered", WAIT);
    assertThat(system.bindings(ALICE_SIP)).hasSize(1);
    // The eP-CSCF's subscription (EPC-32) and the WIC's own (WIC-16).
    await().atMost(WAIT).until(() -> system.regSubscriptions() == subscriptions + 2);
  }

  private void recordTokens() {
    js("window.wicTokens = [];"
        + "const parse = JSON.parse;"
        + "JSON.parse = function (text) {"
        + "  const value = parse(text);"
        + "  if (value && value.token) { window.wicTokens.push([value.token, value.expiresAt]); }"
        + "  return value;"
        + "};");
  }

  private Object js(String script) {
    return ((JavascriptExecutor) browser.driver()).executeScript(script);
  }

  /** How many initial REGISTERs (CSeq 1) the page's log shows as sent. */
  private long initialRegisters() {
    return (Long) js("return Array.from(document.querySelectorAll('#log-entries > *'))"
        + ".filter(e => e.textContent.startsWith('\u2192') && e.textContent.includes('CSeq: 1 REGISTER')).length;");
  }

  private String state() {
    return browser.find("#state").getDomAttribute("data-state");
  }

  @Test
  void networkRejectionShowsInThePageAndClosesTheWebSocket() {
    // SCS-12 -> EPC-33/42 -> WIC-19, WIC-44 (rejected), WIC-46
    registerAlice();
    system.deregisterInNetwork(ALICE_SIP, "rejected");
    browser.awaitAttribute("#state", "data-state", "deregistered", WAIT);
    assertThat(browser.find("#state").getText()).isEqualTo("deregistered: rejected by the network");
    assertThat(browser.findAll("#impus li")).isEmpty();
    await().atMost(WAIT).until(() -> system.openWebSockets() == 0);
    assertThat(system.bindings(ALICE_SIP)).isEmpty();
    assertThat(initialRegisters()).isEqualTo(1);
  }

  @Test
  void networkDeactivationLeadsToANewRegistration() {
    // WIC-44 (deactivated): a new connection and initial registration
    registerAlice();
    system.deregisterInNetwork(ALICE_SIP, "deactivated");
    await().atMost(WAIT).until(() -> initialRegisters() == 2 && "registered".equals(state())
        && system.bindings(ALICE_SIP).size() == 1);
    assertThat(system.openWebSockets()).isEqualTo(1);
  }

  @Test
  void aConnectionDroppedByTheEpCscfComesBackRegistered() {
    // EPC-43, WIC-10: reconnecting with the attempt count, then a new flow and initial registration
    registerAlice();
    system.dropWebSockets();
    browser.awaitAttribute("#state", "data-state", "reconnecting", WAIT);
    assertThat(browser.find("#state").getDomAttribute("data-attempt")).isEqualTo("1");
    assertThat(browser.find("#state").getText()).startsWith("reconnecting (attempt 1)");
    await().atMost(WAIT).until(() -> initialRegisters() == 2 && "registered".equals(state())
        && system.bindings(ALICE_SIP).size() == 1);
    assertThat(browser.find("#state").getDomAttribute("data-attempt")).isNull();
  }

  @Test
  void shortLivedTokensAreRefreshedAndTheRegistrationSurvivesThem() {
    // WIC-17, WIC-18, WIC-34: re-REGISTERs every GRANTED/2 s, each with the token fetched just before
    registerAlice();
    await().atMost(Duration.ofSeconds(4L * GRANTED)).until(() -> distinctTokens() >= 3);
    List<?> first = (List<?>) ((List<?>) js("return window.wicTokens;")).get(0);
    Instant firstExpiry = Instant.parse((String) first.get(1));
    await().atMost(WAIT).until(() -> Instant.now().isAfter(firstExpiry) && "registered".equals(state()));
    assertThat(initialRegisters()).isEqualTo(1);
    assertThat(system.bindings(ALICE_SIP)).hasSize(1);
    assertThat(browser.find("#log-entries").getDomProperty("textContent")).contains("CSeq: 3 REGISTER")
        .doesNotContain(".eyJ");
  }

  private long distinctTokens() {
    return (Long) js("return new Set(window.wicTokens.map(t => t[0])).size;");
  }
}
