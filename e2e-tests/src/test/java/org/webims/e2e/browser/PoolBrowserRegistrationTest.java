package org.webims.e2e.browser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.webims.e2e.support.Browser;
import org.webims.e2e.support.BrowserConsoleOnFailure;
import org.webims.e2e.support.WebImsSystem;
import org.webims.waf.pool.ImpuLease;
import org.webims.waf.pool.LeaseState;

/**
 * Scenario 3 from the users' chairs (TS 24.371 6.1 c), issue 6): guests whose web identities map to an IMPU pool
 * of two sign in with real headless Chromium, each is leased its own IMPU and registers with it; a third guest is
 * told the pool is in use; once a guest deregisters, the eP-CSCF releases its lease at the WAF and the third guest
 * gets that IMPU (WAF-10, WAF-11, EPC-28).
 */
class PoolBrowserRegistrationTest {

  private static final Duration WAIT = Duration.ofSeconds(30);

  @TempDir
  static Path dir;

  static WebImsSystem system;
  Browser browser;
  Browser other;

  @RegisterExtension
  final BrowserConsoleOnFailure console = new BrowserConsoleOnFailure(() -> browser);

  @BeforeAll
  static void startSystem() throws Exception {
    system = WebImsSystem.start(dir);
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
  void stopBrowsers() {
    browser.close();
    if (other != null) {
      other.close();
    }
  }

  private static void signIn(Browser browser, String user) {
    browser.signIn(system.wwsfUrl(), user, user + WebImsSystem.PASSWORD_SUFFIX, WAIT);
  }

  /** Signs {@code user} in, registers with the leased IMPU shown on the page, and returns that IMPU. */
  private static String registerLeased(Browser browser, String user) {
    signIn(browser, user);
    browser.awaitAttribute("#state", "data-state", "idle", WAIT);
    String impu = browser.find("#leased-impu").getText();
    browser.find("#register").click();
    browser.awaitAttribute("#state", "data-state", "registered", WAIT);
    assertThat(browser.findAll("#impus li")).extracting(e -> e.getText()).containsExactly(impu);
    assertThat(system.bindings(impu)).hasSize(1);
    return impu;
  }

  @Test
  void twoGuestsRegisterWithDistinctImpusAThirdWaitsAndGetsTheImpuOfOneWhoDeregistered() {
    String first = registerLeased(browser, "guest1");
    other = Browser.start();
    String second = registerLeased(other, "guest2");
    assertThat(first).isIn(WebImsSystem.GUEST_IMPUS);
    assertThat(second).isIn(WebImsSystem.GUEST_IMPUS).isNotEqualTo(first);
    other.close(); // guest2's page goes away: its registration, and so its lease, lasts until it expires
    other = null;

    Browser third = Browser.start();
    try {
      signIn(third, "guest3");
      third.awaitPresent("#signin-message", WAIT);
      assertThat(third.find("#signin-message").getText()).contains("are in use");
      assertThat(third.findAll("#register")).isEmpty();

      browser.find("#deregister").click();
      browser.awaitAttribute("#state", "data-state", "deregistered", WAIT);
      assertThat(system.bindings(first)).isEmpty();
      await().atMost(WAIT).until(() -> system.guestLeases(LeaseState.RELEASED).stream()
          .anyMatch(l -> l.impu().equals(first)));
      ImpuLease released = system.guestLeases(LeaseState.RELEASED).stream()
          .filter(l -> l.impu().equals(first)).findFirst().orElseThrow();
      assertThat(released.holder()).isEqualTo("guest1");
      assertThat(released.releasedBy()).isEqualTo("ep-cscf");
      assertThat(released.releaseReason()).isEqualTo("deregistered");

      assertThat(registerLeased(third, "guest3")).isEqualTo(first);
      assertThat(third.find(".pool").getText()).isEqualTo(WebImsSystem.GUEST_POOL);
    } finally {
      third.close();
    }
  }
}
