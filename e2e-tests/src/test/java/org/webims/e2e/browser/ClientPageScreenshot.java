package org.webims.e2e.browser;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.webims.e2e.support.Browser;
import org.webims.e2e.support.WebImsSystem;

/**
 * Makes the user guide's screenshot ({@code docs/images/client-page.png}) of a registered client
 * page, on demand (tag {@code docs}):
 *
 * <pre>mvn -B -ntp -pl e2e-tests -am verify -Dtest=ClientPageScreenshot -Dsurefire.failIfNoSpecifiedTests=false -DexcludedGroups=none</pre>
 */
@Tag("docs")
class ClientPageScreenshot {

  private static final Duration WAIT = Duration.ofSeconds(30);

  @TempDir
  Path dir;

  @Test
  void registeredClientPage() throws Exception {
    try (WebImsSystem system = WebImsSystem.start(dir); Browser browser = Browser.start()) {
      browser.signIn(system.wwsfUrl(), "alice", "alice" + WebImsSystem.PASSWORD_SUFFIX, WAIT);
      browser.find("#register").click();
      browser.awaitAttribute("#state", "data-state", "registered", WAIT);
      Path out = Path.of("..", "docs", "images", "client-page.png");
      Files.createDirectories(out.getParent());
      Files.write(out, browser.screenshot());
      System.out.println("wrote " + out.toAbsolutePath().normalize());
    }
  }
}
