package org.webims.e2e.browser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.webims.e2e.support.Browser;
import org.webims.e2e.support.BrowserConsoleOnFailure;
import org.webims.e2e.support.WebImsSystem;

/**
 * Issue 5 from the user's chair: scenario 1, IMS credentials typed into the page, SIP Digest over
 * WSS through the eP-CSCF ("SIP digest with TLS") to the IMS core, once per algorithm the IMS core
 * offers (WIC-20..25, EPC-11..14, SCS-01..04).
 */
class DigestBrowserRegistrationTest {

  private static final Duration WAIT = Duration.ofSeconds(30);
  private static final String ALICE_SIP = "sip:alice@ims.example.net";

  @TempDir
  Path dir;

  Browser browser;
  WebImsSystem system;

  @RegisterExtension
  final BrowserConsoleOnFailure console = new BrowserConsoleOnFailure(() -> browser);

  @AfterEach
  void stop() {
    if (browser != null) {
      browser.close();
    }
    if (system != null) {
      system.close();
    }
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"MD5", "SHA-256", "SHA-512-256"})
  void registersAndDeregistersWithDigest(String algorithm) throws Exception {
    Path run = Files.createDirectories(dir.resolve(algorithm));
    system = WebImsSystem.start(run, List.of("--webims.ims.digest.algorithms=" + algorithm));
    browser = Browser.start();
    browser.open(system.wwsfUrl() + "/ims");
    browser.find("#impi").sendKeys("alice_private@ims.example.net");
    browser.find("#impu").sendKeys(ALICE_SIP);
    browser.find("#password").sendKeys("s3cret-webrtc");
    browser.find("#register").click();
    browser.awaitAttribute("#state", "data-state", "registered", WAIT);
    String log = browser.find("#log-entries").getDomProperty("textContent");
    assertThat(log).contains("algorithm=" + algorithm).doesNotContain("s3cret-webrtc");
    assertThat(system.bindings(ALICE_SIP)).hasSize(1);

    browser.find("#deregister").click();
    browser.awaitAttribute("#state", "data-state", "deregistered", WAIT);
    assertThat(system.bindings(ALICE_SIP)).isEmpty();
    await().atMost(WAIT).until(() -> system.openWebSockets() == 0);
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"wrong-password"})
  void aWrongPasswordShowsTheFailureWithoutLooping(String password) throws Exception {
    system = WebImsSystem.start(dir);
    browser = Browser.start();
    browser.open(system.wwsfUrl() + "/ims");
    browser.find("#impi").sendKeys("alice_private@ims.example.net");
    browser.find("#impu").sendKeys(ALICE_SIP);
    browser.find("#password").sendKeys(password);
    browser.find("#register").click();
    browser.awaitAttribute("#state", "data-state", "error", WAIT);
    assertThat(browser.find("#state").getText()).contains("403");
    assertThat(system.bindings(ALICE_SIP)).isEmpty();
  }

  /**
   * Issue 12 item 9: the IMS core's Digest lockout (SCS-03) tells the user how long to wait; the page shows the
   * reason phrase as it comes.
   */
  @Test
  void aLockedOutImpiIsToldHowLongToWait() throws Exception {
    system = WebImsSystem.start(dir, List.of("--webims.ims.digest.max-failures=2"));
    browser = Browser.start();
    browser.open(system.wwsfUrl() + "/ims");
    browser.find("#impi").sendKeys("alice_private@ims.example.net");
    browser.find("#impu").sendKeys(ALICE_SIP);
    for (String password : List.of("guess-1", "guess-2", "s3cret-webrtc")) {
      int refused = refusals();
      browser.type("#password", password);
      browser.find("#register").click();
      await().atMost(WAIT).until(() -> refusals() == refused + 1);
      browser.awaitAttribute("#state", "data-state", "error", WAIT);
    }

    // The right password too, while locked out.
    assertThat(browser.find("#state").getText())
        .matches("error: 403 Too many failed authentication attempts, try again in [45] minutes");
    assertThat(browser.find("#log-entries").getDomProperty("textContent")).contains("Retry-After: ");
    assertThat(system.bindings(ALICE_SIP)).isEmpty();
  }

  private int refusals() {
    return browser.find("#log-entries").getDomProperty("textContent").split("SIP/2.0 403 ", -1).length - 1;
  }
}
