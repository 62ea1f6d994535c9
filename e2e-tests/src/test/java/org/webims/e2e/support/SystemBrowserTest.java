package org.webims.e2e.support;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The frame of a browser test against the whole system: one {@link WebImsSystem} per test class, a fresh headless
 * Chromium per test, and its console and page printed when a test fails.
 */
public abstract class SystemBrowserTest {

  protected static final Duration WAIT = Duration.ofSeconds(30);

  @TempDir
  static Path dir;

  protected static WebImsSystem system;
  protected Browser browser;

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
  void stopBrowser() {
    browser.close();
  }

  /** Signs in at the WWSF as one of {@link WebImsSystem}'s web users (password: name + suffix). */
  protected void signIn(String user) {
    browser.signIn(system.wwsfUrl(), user, user + WebImsSystem.PASSWORD_SUFFIX, WAIT);
  }
}
