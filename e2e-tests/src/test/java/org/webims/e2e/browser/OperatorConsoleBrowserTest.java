package org.webims.e2e.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.webims.e2e.support.Browser;
import org.webims.e2e.support.SystemBrowserTest;
import org.webims.e2e.support.WebImsSystem;

/**
 * Issue 6 item 3 from the operator's chair: a real headless Chromium signs the operator in to the WWSF's console,
 * maps a web user who had no IMS identity, and that user then registers with it through the eP-CSCF to the IMS
 * core; the operator creates a pool and adds a numbered range; a web user who is no operator is refused.
 */
class OperatorConsoleBrowserTest extends SystemBrowserTest {

  private static final String BOB_IMPI = "bob_private@ims.example.net";
  private static final String BOB_SIP = "sip:bob@ims.example.net";

  /** Signs in and waits for the signed-in page. */
  private void signedIn(String user) {
    signIn(user);
    browser.awaitPresent("#signout", WAIT);
  }

  private void signOut() {
    browser.find("#signout button").click();
    browser.awaitPresent("#signin", WAIT);
  }

  @Test
  void operatorMapsAWebUserWithoutImsIdentityWhoThenRegisters() {
    // WAF-02 provisioned through the console: bob has a web account but no IMS identity yet.
    signIn("bob");
    browser.awaitPresent("#signin-message", WAIT);
    assertThat(browser.find("#signin-message").getText()).contains("no IMS identity");

    signedIn("operator");
    browser.find("#console-link").click();
    browser.awaitPresent("#new-mapping", WAIT);
    browser.find("#new-mapping").click();
    browser.awaitPresent("#mapping-form", WAIT);
    browser.type("#webIdentity", "bob");
    browser.find("#kind-fixed").click();
    browser.type("#impi", BOB_IMPI);
    browser.type("#impus", BOB_SIP);
    browser.find("#save-mapping").click();
    browser.awaitPresent("#console-result", WAIT);
    assertThat(browser.find("#mapping-table").getText()).contains("bob", BOB_IMPI, BOB_SIP);
    signOut();

    signIn("bob");
    browser.awaitAttribute("#state", "data-state", "idle", WAIT);
    assertThat(browser.find("#identity").getText()).contains(BOB_IMPI);
    browser.find("#register").click();
    browser.awaitAttribute("#state", "data-state", "registered", WAIT);
    assertThat(system.bindings(BOB_SIP)).hasSize(1);
    browser.find("#deregister").click();
    browser.awaitAttribute("#state", "data-state", "deregistered", WAIT);
    assertThat(system.bindings(BOB_SIP)).isEmpty();
  }

  @Test
  void operatorCreatesAPoolAddsARangeAndSeesItListed() {
    signedIn("operator");
    browser.open(system.wwsfUrl() + "/console");
    browser.find("#nav-pools").click();
    browser.awaitPresent("#pool-form", WAIT);
    browser.type("#name", "visitors");
    browser.type("#realm", "ims.example.net");
    browser.find("#create-pool").click();
    browser.awaitPresent("#impu-form", WAIT);
    assertThat(browser.find("#pool-name").getText()).isEqualTo("visitors");

    browser.type("#impu", "sip:visitor-{001..020}@ims.example.net");
    browser.type("#impi", "visitor-{001..020}@ims.example.net");
    browser.find("#add-impus-button").click();
    browser.awaitPresent("#impu-table", WAIT);
    assertThat(browser.find("#console-result").getText()).contains("20");
    assertThat(browser.find("#impu-table").getText()).contains("sip:visitor-001@ims.example.net",
        "visitor-001@ims.example.net");
    assertThat(browser.find("#impu-page-position").getText()).contains("(20 IMPUs)");

    browser.find("#nav-pools").click();
    browser.awaitPresent("#pool-table", WAIT);
    assertThat(browser.find("#pool-table").getText()).contains("visitors", "ims.example.net", "20");
  }

  /**
   * Issue 16 point 4: the Nodes page shows the real servers up, and follows a WIC's registration on the eP-CSCF's
   * row live, without a reload (the page's script asks for the figures, within the CSP), from the eP-CSCF's own
   * meter on its management port.
   */
  @Test
  void theNodesPageFollowsAWicsRegistrationOnTheEpCscf() {
    signedIn("operator");
    browser.open(system.wwsfUrl() + "/console");
    browser.find("#nav-nodes").click();
    browser.awaitPresent("#node-table", WAIT);
    for (String node : List.of("wwsf", "ep-cscf", "ims-core")) {
      browser.awaitAttribute("#node-" + node + " .status", "data-status", "up", WAIT);
    }
    assertThat(browser.find("#node-wwsf .leases").getText()).isEqualTo("0");
    browser.awaitText("#node-ep-cscf .registrations", "0", WAIT); // the flows of other tests' browsers are gone

    try (Browser alice = Browser.start()) {
      alice.signIn(system.wwsfUrl(), "alice", "alice" + WebImsSystem.PASSWORD_SUFFIX, WAIT);
      alice.awaitAttribute("#state", "data-state", "idle", WAIT);
      alice.find("#register").click();
      alice.awaitAttribute("#state", "data-state", "registered", WAIT);

      browser.awaitText("#node-ep-cscf .registrations", "1", WAIT);
      assertThat(browser.find("#node-ep-cscf .flows").getText()).isEqualTo("1");
      // The IMS core counts public identities: alice's implicit set is her SIP URI and her TEL URI.
      browser.awaitText("#node-ims-core .registrations", "2", WAIT);
    }
    assertThat(browser.console()).noneMatch(line -> line.contains("Content Security Policy"));
  }

  @Test
  void aWebUserWhoIsNoOperatorIsRefusedTheConsole() {
    signedIn("alice");
    assertThat(browser.findAll("#console-link")).isEmpty();

    browser.open(system.wwsfUrl() + "/console/pools");

    browser.awaitPresent("#access-denied", WAIT);
    assertThat(browser.findAll("#pool-form")).isEmpty();
  }
}
