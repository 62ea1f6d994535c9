package org.webims.e2e.support;

import java.util.function.Supplier;
import org.junit.jupiter.api.extension.AfterTestExecutionCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Prints the browser console and the page when a test fails, so a JavaScript error is visible in the
 * CI log. It runs right after the test method, before {@code @AfterEach} closes the browser.
 */
public final class BrowserConsoleOnFailure implements AfterTestExecutionCallback {

  private final Supplier<Browser> browser;

  public BrowserConsoleOnFailure(Supplier<Browser> browser) {
    this.browser = browser;
  }

  @Override
  public void afterTestExecution(ExtensionContext context) {
    Browser b = browser.get();
    if (b == null || context.getExecutionException().isEmpty()) {
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
