package org.webims.e2e.browser;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.webims.e2e.support.Browser;
import org.webims.e2e.support.SystemBrowserTest;
import org.webims.e2e.support.WebImsSystem;

/**
 * Makes the operator how-to's screenshots ({@code docs/images/console-*.png}) on demand (tag {@code docs}): a pool
 * with a range and a live lease, the Nodes page with that lease, and a mapping form refused with its field message.
 *
 * <pre>mvn -B -ntp -pl e2e-tests -am verify -Dtest=OperatorConsoleScreenshot -Dsurefire.failIfNoSpecifiedTests=false -DexcludedGroups=none</pre>
 */
@Tag("docs")
class OperatorConsoleScreenshot extends SystemBrowserTest {

  private void save(String name) throws IOException {
    Path out = Path.of("..", "docs", "images", name);
    Files.createDirectories(out.getParent());
    Files.write(out, browser.screenshot());
    System.out.println("wrote " + out.toAbsolutePath().normalize());
  }

  @Test
  void poolWithALeaseAndARefusedMapping() throws Exception {
    signIn("operator");
    browser.awaitPresent("#console-link", WAIT);
    browser.open(system.wwsfUrl() + "/console/pools");
    browser.type("#name", "visitors");
    browser.type("#realm", "ims.example.net");
    browser.find("#create-pool").click();
    browser.awaitPresent("#impu-form", WAIT);
    browser.type("#impu", "sip:visitor-{001..010}@ims.example.net");
    browser.type("#impi", "visitor-{001..010}@ims.example.net");
    browser.find("#add-impus-button").click();
    browser.awaitPresent("#impu-table", WAIT);
    browser.open(system.wwsfUrl() + "/console/mappings/new");
    browser.type("#webIdentity", "nomap");
    browser.find("#kind-pool").click();
    browser.type("#pool", "visitors");
    browser.find("#save-mapping").click();
    browser.awaitPresent("#console-result", WAIT);

    try (Browser guest = Browser.start()) {
      guest.signIn(system.wwsfUrl(), "nomap", "nomap" + WebImsSystem.PASSWORD_SUFFIX, WAIT);
      guest.awaitPresent("#signout", WAIT);
    }
    browser.open(system.wwsfUrl() + "/console/pools/visitors");
    browser.awaitPresent("#lease-table", WAIT);
    save("console-pool.png");

    browser.open(system.wwsfUrl() + "/console/nodes");
    for (String node : java.util.List.of("wwsf", "ep-cscf", "ims-core")) {
      browser.awaitAttribute("#node-" + node + " .status", "data-status", "up", WAIT);
    }
    browser.awaitText("#node-wwsf .leases", "1", WAIT);
    save("console-nodes.png");

    browser.open(system.wwsfUrl() + "/console/mappings/new");
    browser.type("#webIdentity", "bob");
    browser.type("#impi", "bob_private@ims.example.net");
    browser.type("#impus", "sip:bob@ims.example.net\nbob at example");
    browser.find("#save-mapping").click();
    browser.awaitPresent("#impus-error", WAIT);
    save("console-mapping-error.png");
  }
}
