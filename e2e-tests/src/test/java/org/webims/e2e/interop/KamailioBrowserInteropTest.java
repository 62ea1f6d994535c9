package org.webims.e2e.interop;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.webims.e2e.support.Browser;
import org.webims.e2e.support.BrowserConsoleOnFailure;
import org.webims.e2e.support.KamailioRegistrar;
import org.webims.sip.digest.DigestAlgorithm;
import org.webims.wwsf.WwsfApplication;

/**
 * Issue 5 item 4 with the real client: wic.js in headless Chromium, scenario 1 (IMS credentials
 * typed into the WWSF's {@code /ims} page), registers and deregisters with SIP Digest directly at a
 * Kamailio WSS registrar that the test starts, once for MD5 and once for SHA-256 (what Kamailio 5.6
 * supports). No component of ours is between the browser and Kamailio.
 */
@Tag("interop")
class KamailioBrowserInteropTest {

  private static final Duration WAIT = Duration.ofSeconds(30);

  @TempDir
  Path dir;

  KamailioRegistrar kamailio;
  ConfigurableApplicationContext wwsf;
  Browser browser;

  @RegisterExtension
  final BrowserConsoleOnFailure console = new BrowserConsoleOnFailure(() -> browser);

  @AfterEach
  void stop() throws Exception {
    if (browser != null) {
      browser.close();
    }
    if (wwsf != null) {
      wwsf.close();
    }
    if (kamailio != null) {
      kamailio.close();
    }
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(value = DigestAlgorithm.class, names = {"MD5", "SHA_256"})
  void theWicRegistersAndDeregistersAtKamailio(DigestAlgorithm algorithm) throws Exception {
    kamailio = KamailioRegistrar.start(Files.createDirectories(dir.resolve("kamailio")), algorithm);
    wwsf = WwsfApplication.builder().run("--server.port=0",
        "--webims.tls.key-store=" + dir.resolve("wwsf-tls.p12"),
        "--spring.datasource.url=jdbc:h2:file:" + dir.resolve("wwsf"),
        "--webims.wwsf.epcscf-url=" + kamailio.wssUri(),
        "--webims.wwsf.realm=" + KamailioRegistrar.REALM);
    int port = ((WebServerApplicationContext) wwsf).getWebServer().getPort();
    browser = Browser.start();
    // Chromium accepts Kamailio's self-signed certificate for WSS like the WWSF's (acceptInsecureCerts).
    browser.open("https://localhost:" + port + "/ims");
    browser.find("#impi").sendKeys(KamailioRegistrar.IMPI);
    browser.find("#impu").sendKeys(KamailioRegistrar.IMPU);
    browser.find("#password").sendKeys(KamailioRegistrar.PASSWORD);
    browser.find("#register").click();
    browser.awaitAttribute("#state", "data-state", "registered", WAIT);
    assertThat(browser.find("#log-entries").getDomProperty("textContent"))
        .contains("algorithm=" + algorithm.token()).contains("SIP/2.0 200 OK")
        .doesNotContain(KamailioRegistrar.PASSWORD);

    browser.find("#deregister").click();
    browser.awaitAttribute("#state", "data-state", "deregistered", WAIT);
  }
}
