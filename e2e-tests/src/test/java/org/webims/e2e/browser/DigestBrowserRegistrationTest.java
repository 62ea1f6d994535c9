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
 * WSS through the eP-CSCF ("SIP digest with TLS") to the IMS core, once per algorithm the browser's WIC
 * answers (WIC-20..25, EPC-11..14, SCS-01..04). The browser's WIC answers MD5 and SHA-256; SHA-512-256 is
 * sip-core's on the servers only (docs/wic.md "Size"), so of the IMS core's default challenges it answers
 * SHA-256 (WIC-23) and a SHA-512-256 challenge alone is the page's clear failure.
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
  @ValueSource(strings = {"MD5", "SHA-256"})
  void registersAndDeregistersWithDigest(String algorithm) throws Exception {
    Path run = Files.createDirectories(dir.resolve(algorithm));
    system = WebImsSystem.start(run, List.of("--webims.ims.digest.algorithms=" + algorithm));
    registerAndDeregister(algorithm);
  }

  /**
   * WIC-23: the IMS core's default challenges, SHA-512-256, SHA-256, MD5, each with its own nonce (SCS-02); the
   * browser answers the topmost it supports, SHA-256, and the IMS core accepts it (it checks the answer against
   * the nonce it issued for that algorithm, SCS-01).
   */
  @Test
  void wic23OfTheImsCoresDefaultChallengesTheBrowserRegistersWithSha256() throws Exception {
    system = WebImsSystem.start(dir);
    registerAndDeregister("SHA-256");
    String log = browser.find("#log-entries").getDomProperty("textContent");
    assertThat(log).contains("algorithm=SHA-512-256").doesNotContain("algorithm=SHA-512-256, cnonce=");
  }

  /** WIC-23: an IMS core that offers SHA-512-256 only: the browser's WIC does not answer it, the page says why. */
  @Test
  void wic23ASha512t256ChallengeAloneIsTheClearFailure() throws Exception {
    system = WebImsSystem.start(dir, List.of("--webims.ims.digest.algorithms=SHA-512-256"));
    browser = Browser.start();
    browser.open(system.wwsfUrl() + "/ims");
    browser.find("#impi").sendKeys("alice_private@ims.example.net");
    browser.find("#impu").sendKeys(ALICE_SIP);
    browser.find("#password").sendKeys("s3cret-webrtc");
    browser.find("#register").click();
    browser.awaitAttribute("#state", "data-state", "error", WAIT);
    assertThat(browser.find("#state").getText())
        .isEqualTo("error: 401 Unauthorized without a supported Digest challenge");
    assertThat(browser.find("#log-entries").getDomProperty("textContent")).contains("algorithm=SHA-512-256")
        .doesNotContain("cnonce=");
    assertThat(system.bindings(ALICE_SIP)).isEmpty();
  }

  /** Registers with the credentials typed in, the answer's algorithm {@code algorithm}, then deregisters. */
  private void registerAndDeregister(String algorithm) {
    browser = Browser.start();
    browser.open(system.wwsfUrl() + "/ims");
    browser.find("#impi").sendKeys("alice_private@ims.example.net");
    browser.find("#impu").sendKeys(ALICE_SIP);
    browser.find("#password").sendKeys("s3cret-webrtc");
    browser.find("#register").click();
    browser.awaitAttribute("#state", "data-state", "registered", WAIT);
    String log = browser.find("#log-entries").getDomProperty("textContent");
    assertThat(log).contains("algorithm=" + algorithm + ", cnonce=").doesNotContain("s3cret-webrtc");
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
