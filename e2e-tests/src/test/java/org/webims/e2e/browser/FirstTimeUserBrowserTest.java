package org.webims.e2e.browser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WindowType;
import org.webims.e2e.support.SystemBrowserTest;

/**
 * Issue 12 item 9 in a real headless Chromium: what a first-time user meets. Two tabs are two UA instances (their
 * own +sip.instance, WIC-06) and a sign-out in one signs the other out and deregisters it; Register and
 * Deregister follow the registration state; "registered until" has date, time and zone; Enter registers on
 * {@code /ims}; the pages load without a console error (favicon, page script). The Digest lockout's wording is in
 * {@link DigestBrowserRegistrationTest}.
 */
class FirstTimeUserBrowserTest extends SystemBrowserTest {

  private static final String ALICE_SIP = "sip:alice@ims.example.net";

  private boolean enabled(String css) {
    return browser.find(css).isEnabled();
  }

  private void registerInThisTab() {
    browser.awaitAttribute("#state", "data-state", "idle", WAIT);
    browser.find("#register").click();
    browser.awaitAttribute("#state", "data-state", "registered", WAIT);
  }

  @Test
  void twoTabsAreTwoInstancesAndASignOutInOneSignsTheOtherOutAndDeregistersIt() {
    signIn("alice");
    registerInThisTab();
    String first = browser.driver().getWindowHandle();
    browser.driver().switchTo().newWindow(WindowType.TAB);
    String second = browser.driver().getWindowHandle();
    browser.open(system.wwsfUrl() + "/");
    registerInThisTab();

    // Each tab keeps its own registration: with one shared +sip.instance the second would have replaced the first.
    assertThat(system.bindings(ALICE_SIP)).hasSize(2);

    browser.driver().switchTo().window(first);
    browser.find("#signout button").click();
    browser.awaitPresent("#signin", WAIT);
    browser.driver().switchTo().window(second);
    browser.awaitPresent("#signin", WAIT);

    assertThat(browser.findAll("#register")).isEmpty();
    await().atMost(WAIT).until(() -> system.bindings(ALICE_SIP).isEmpty());
  }

  @Test
  void registerAndDeregisterFollowTheRegistrationStateAndTheEndTimeHasDateTimeAndZone() {
    signIn("alice");
    browser.awaitAttribute("#state", "data-state", "idle", WAIT);
    assertThat(enabled("#register")).isTrue();
    assertThat(enabled("#deregister")).isFalse();
    // Records each state with the buttons as they are when it shows: "registering register=off deregister=off".
    ((JavascriptExecutor) browser.driver()).executeScript(
        "window.seen = [];"
            + "const state = document.getElementById('state');"
            + "new MutationObserver(() => window.seen.push(state.getAttribute('data-state')"
            + "  + ' register=' + (document.getElementById('register').disabled ? 'off' : 'on')"
            + "  + ' deregister=' + (document.getElementById('deregister').disabled ? 'off' : 'on')))"
            + "  .observe(state, {attributes: true, attributeFilter: ['data-state']});");

    browser.find("#register").click();
    browser.awaitAttribute("#state", "data-state", "registered", WAIT);

    assertThat(enabled("#register")).isFalse();
    assertThat(enabled("#deregister")).isTrue();
    assertThat(browser.find("#state").getText())
        .matches("registered until [A-Z][a-z]{2} [A-Z][a-z]{2} \\d\\d \\d{4} \\d\\d:\\d\\d:\\d\\d GMT[+-]\\d{4}");

    browser.find("#deregister").click();
    browser.awaitAttribute("#state", "data-state", "deregistered", WAIT);

    assertThat(enabled("#register")).isTrue();
    assertThat(enabled("#deregister")).isFalse();
    assertThat(((JavascriptExecutor) browser.driver()).executeScript("return window.seen;")).asList()
        .containsSubsequence("connecting register=off deregister=off", "registering register=off deregister=off",
            "registered register=off deregister=on", "deregistering register=off deregister=off",
            "deregistered register=on deregister=off");
  }

  @Test
  void enterInTheImsCredentialsRegistersAndTheFormGoesNowhere() {
    browser.open(system.wwsfUrl() + "/ims");
    browser.find("#impi").sendKeys("alice_private@ims.example.net");
    browser.find("#impu").sendKeys(ALICE_SIP);
    browser.find("#password").sendKeys("s3cret-webrtc", Keys.ENTER);

    browser.awaitAttribute("#state", "data-state", "registered", WAIT);
    assertThat(browser.driver().getCurrentUrl()).isEqualTo(system.wwsfUrl() + "/ims");
    assertThat(system.bindings(ALICE_SIP)).hasSize(1);
    browser.find("#deregister").click();
    browser.awaitAttribute("#state", "data-state", "deregistered", WAIT);
  }

  @Test
  void thePagesLoadWithoutAConsoleError() {
    for (String path : List.of("/", "/ims", "/no-such-page")) {
      browser.open(system.wwsfUrl() + path);
      browser.awaitPresent("header", WAIT);
    }
    browser.open(system.wwsfUrl() + "/");
    browser.find("#signin").click();
    browser.awaitPresent("#login-form", WAIT);
    String icon = browser.find("link[rel=icon]").getDomProperty("href");

    assertThat(icon).isEqualTo(system.wwsfUrl() + "/favicon.svg");
    // The 404 of /no-such-page is the one error a browser reports, and it is the page asked for.
    assertThat(browser.console()).filteredOn(line -> line.startsWith("SEVERE"))
        .allMatch(line -> line.contains("/no-such-page"));
  }
}
