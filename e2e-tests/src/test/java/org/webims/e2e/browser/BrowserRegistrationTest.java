package org.webims.e2e.browser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WindowType;
import org.webims.e2e.support.Browser;
import org.webims.e2e.support.SystemBrowserTest;
import org.webims.e2e.support.WebImsSystem;
import org.webims.waf.pool.ImpuLease;
import org.webims.waf.pool.LeaseState;

/**
 * Issue 4 from the user's chair (TS 24.371 A.3.2 steps 1-8 and 6A): a real headless Chromium signs in
 * at the WWSF, runs wic.js, registers through the eP-CSCF to the IMS core and deregisters. Issue 6 from the
 * chairs of pool users (scenario 3): each guest is leased its own IMPU, an exhausted pool is said so, and an
 * IMPU goes back to the pool after its guest deregistered.
 */
class BrowserRegistrationTest extends SystemBrowserTest {

  private static final String ALICE_SIP = "sip:alice@ims.example.net";

  @Test
  void signsInRegistersAndDeregistersTheCoreHoldingThenDroppingTheBinding() {
    // WAF-01, WAF-02, WIC-30, WIC-31, WIC-13, WIC-14, WIC-40, WIC-43, WIC-46
    signIn("alice");
    browser.awaitAttribute("#state", "data-state", "idle", WAIT);
    assertThat(browser.find("#identity").getText()).contains("alice_private@ims.example.net");

    browser.find("#register").click();
    browser.awaitAttribute("#state", "data-state", "registered", WAIT);
    assertThat(browser.find("#state").getText()).startsWith("registered until ");
    assertThat(browser.findAll("#impus li")).extracting(e -> e.getText())
        .containsExactly(ALICE_SIP, "tel:+15551230001");
    assertThat(system.bindings(ALICE_SIP)).hasSize(1);
    assertThat(browser.find("#log-entries").getDomProperty("textContent")).contains("REGISTER sip:ims.example.net SIP/2.0")
        .contains("SIP/2.0 200 OK").doesNotContain(".eyJ");

    browser.find("#deregister").click();
    browser.awaitAttribute("#state", "data-state", "deregistered", WAIT);
    assertThat(system.bindings(ALICE_SIP)).isEmpty();
    await().atMost(WAIT).until(() -> system.openWebSockets() == 0);
  }

  @Test
  void closingTheTabDeregistersAndLeavesNoBindingInTheImsCore() {
    // Issue 7: pagehide sends the deregistration; the binding (3600 s granted) would otherwise outlive the test.
    browser.open(system.wwsfUrl() + "/");
    String first = browser.driver().getWindowHandle();
    browser.driver().switchTo().newWindow(WindowType.TAB);
    signIn("alice");
    browser.awaitAttribute("#state", "data-state", "idle", WAIT);
    browser.find("#register").click();
    browser.awaitAttribute("#state", "data-state", "registered", WAIT);
    assertThat(system.bindings(ALICE_SIP)).hasSize(1);
    browser.driver().close();
    browser.driver().switchTo().window(first);
    await().atMost(WAIT).until(() -> system.bindings(ALICE_SIP).isEmpty());
    await().atMost(WAIT).until(() -> system.openWebSockets() == 0);
  }

  @Test
  void reloadingThePageDeregistersToo() {
    signIn("alice");
    browser.awaitAttribute("#state", "data-state", "idle", WAIT);
    browser.find("#register").click();
    browser.awaitAttribute("#state", "data-state", "registered", WAIT);
    browser.driver().navigate().refresh();
    browser.awaitAttribute("#state", "data-state", "idle", WAIT);
    await().atMost(WAIT).until(() -> system.bindings(ALICE_SIP).isEmpty());
  }

  @Test
  void aUserWhoseRegistrationIsRefusedSeesTheReason() {
    // SCS-06 surfaced in the page: the IMS core bars this WAF for mallory
    signIn("mallory");
    browser.awaitAttribute("#state", "data-state", "idle", WAIT);
    browser.find("#register").click();
    browser.awaitAttribute("#state", "data-state", "error", WAIT);
    assertThat(browser.find("#state").getText()).contains("403").contains("WAF not allowed for this subscriber");
    assertThat(system.bindings("sip:mallory@ims.example.net")).isEmpty();
  }

  @Test
  void aUserWhoseTokenIsRefusedSeesTheReason() {
    // EPC-21 surfaced in the page: the token's signature is broken on its way from /wic/session to the WIC
    signIn("alice");
    browser.awaitAttribute("#state", "data-state", "idle", WAIT);
    ((JavascriptExecutor) browser.driver()).executeScript(
        "const parse = JSON.parse;"
            + "JSON.parse = function (text) {"
            + "  const value = parse(text);"
            + "  if (value && value.token) { value.token = value.token.slice(0, -6) + 'AAAAAA'; }"
            + "  return value;"
            + "};");
    browser.find("#register").click();
    browser.awaitAttribute("#state", "data-state", "error", WAIT);
    assertThat(browser.find("#state").getText()).contains("401");
    assertThat(system.bindings(ALICE_SIP)).isEmpty();
  }

  @Test
  void aSignedOutBrowserGetsNoToken() {
    browser.open(system.wwsfUrl() + "/");
    Object status = ((JavascriptExecutor) browser.driver()).executeAsyncScript(
        "const done = arguments[arguments.length - 1];"
            + "fetch('/wic/session', {credentials: 'same-origin'}).then(r => done(r.status), e => done(String(e)));");
    assertThat(status).isEqualTo(401L);
  }

  @Test
  void signingOutDeregistersFirstAndEndsTheWebSession() {
    signIn("alice");
    browser.awaitAttribute("#state", "data-state", "idle", WAIT);
    browser.find("#register").click();
    browser.awaitAttribute("#state", "data-state", "registered", WAIT);
    browser.find("#signout button, #signout input[type=submit]").click();
    browser.awaitPresent("#signin", WAIT);
    assertThat(system.bindings(ALICE_SIP)).isEmpty();
    Object status = ((JavascriptExecutor) browser.driver()).executeAsyncScript(
        "const done = arguments[arguments.length - 1];"
            + "fetch('/wic/session', {credentials: 'same-origin'}).then(r => done(r.status), e => done(String(e)));");
    assertThat(status).isEqualTo(401L);
  }

  /** Signs {@code user} in, registers with the leased IMPU shown on the page, and returns that IMPU. */
  private static String registerLeased(Browser browser, String user) {
    browser.signIn(system.wwsfUrl(), user, user + WebImsSystem.PASSWORD_SUFFIX, WAIT);
    browser.awaitAttribute("#state", "data-state", "idle", WAIT);
    String impu = browser.find("#leased-impu").getText();
    browser.find("#register").click();
    browser.awaitAttribute("#state", "data-state", "registered", WAIT);
    assertThat(browser.findAll("#impus li")).extracting(e -> e.getText()).containsExactly(impu);
    assertThat(system.bindings(impu)).hasSize(1);
    return impu;
  }

  @Test
  void twoPoolGuestsRegisterWithDistinctImpusAThirdWaitsAlsoWhileTheTokenOfOneWhoDeregisteredIsValid() {
    // Scenario 3 (TS 24.371 6.1 c), issue 6): WAF-10, WAF-11, EPC-28 with a pool of two IMPUs
    String first = registerLeased(browser, "guest1");
    try (Browser other = Browser.start()) {
      String second = registerLeased(other, "guest2");
      assertThat(first).isIn(WebImsSystem.GUEST_IMPUS);
      assertThat(second).isIn(WebImsSystem.GUEST_IMPUS).isNotEqualTo(first);
    } // guest2's page goes away: its registration, and so its lease, lasts until it expires

    try (Browser third = Browser.start()) {
      third.signIn(system.wwsfUrl(), "guest3", "guest3" + WebImsSystem.PASSWORD_SUFFIX, WAIT);
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

      // Issue 12: guest1's token of the released lease is valid for minutes yet (the WAF's token lifetime), and
      // the WAF leases the IMPU to nobody before it expires (ImpuLeaseServiceTest proves the lease after it).
      third.signIn(system.wwsfUrl(), "guest3", "guest3" + WebImsSystem.PASSWORD_SUFFIX, WAIT);
      third.awaitPresent("#signin-message", WAIT);
      assertThat(third.find("#signin-message").getText()).contains("are in use");
    }
  }
}
