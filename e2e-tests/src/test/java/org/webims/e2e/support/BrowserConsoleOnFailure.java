package org.webims.e2e.support;

import java.util.function.Supplier;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestWatcher;

/** Prints the browser console when a test fails, so a JavaScript error is visible in the CI log. */
public final class BrowserConsoleOnFailure implements TestWatcher {

  private final Supplier<Browser> browser;

  public BrowserConsoleOnFailure(Supplier<Browser> browser) {
    this.browser = browser;
  }

  @Override
  public void testFailed(ExtensionContext context, Throwable cause) {
    Browser b = browser.get();
    if (b == null) {
      return;
    }
    System.out.println("---- browser console of " + context.getDisplayName() + " ----");
    try {
      b.console().forEach(System.out::println);
      System.out.println("---- page: " + b.driver().getCurrentUrl() + " ----");
      String source = b.driver().getPageSource();
      System.out.println(source.length() > 4000 ? source.substring(0, 4000) + "…" : source);
    } catch (RuntimeException e) {
      System.out.println("(browser unavailable: " + e + ")");
    }
  }
}
