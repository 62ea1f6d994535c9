package org.webims.e2e.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.JavascriptExecutor;
import org.webims.e2e.support.Browser;
import org.webims.e2e.support.WebImsSystem;

/**
 * Issue 4 benchmark, run on demand (tag {@code benchmark}, not in the default run): the time from a
 * click on Register to {@code data-state="registered"} in headless Chromium on loopback, measured in
 * the page with {@code performance.now()} and a MutationObserver, and the part of it spent fetching
 * {@code /wic/session} (Resource Timing), so the figure without the fetch follows.
 *
 * <pre>mvn -B -ntp -pl e2e-tests -am verify -Dtest=RegisterLatencyBenchmark -Dsurefire.failIfNoSpecifiedTests=false -DexcludedGroups=none</pre>
 */
@Tag("benchmark")
class RegisterLatencyBenchmark {

  private static final int WARM_UP = 5;
  private static final int RUNS = 30;
  private static final Duration WAIT = Duration.ofSeconds(30);

  private static final String MEASURE = ""
      + "const done = arguments[arguments.length - 1];"
      + "const state = document.getElementById('state');"
      + "performance.clearResourceTimings();"
      + "const t0 = performance.now();"
      + "const obs = new MutationObserver(() => {"
      + "  const s = state.getAttribute('data-state');"
      + "  if (s === 'registered' || s === 'error') {"
      + "    const t1 = performance.now();"
      + "    obs.disconnect();"
      + "    const fetches = performance.getEntriesByType('resource').filter(e => e.name.endsWith('/wic/session'));"
      + "    done([s, t1 - t0, fetches.length ? fetches[0].duration : -1]);"
      + "  }"
      + "});"
      + "obs.observe(state, {attributes: true});"
      + "document.getElementById('register').click();";

  @TempDir
  Path dir;

  @Test
  void clickToRegistered() throws Exception {
    try (WebImsSystem system = WebImsSystem.start(dir); Browser browser = Browser.start()) {
      browser.signIn(system.wwsfUrl(), "alice", "alice" + WebImsSystem.PASSWORD_SUFFIX, WAIT);
      browser.awaitAttribute("#state", "data-state", "idle", WAIT);
      JavascriptExecutor js = (JavascriptExecutor) browser.driver();
      List<Double> total = new ArrayList<>();
      List<Double> withoutFetch = new ArrayList<>();
      for (int i = 0; i < WARM_UP + RUNS; i++) {
        @SuppressWarnings("unchecked")
        List<Object> r = (List<Object>) js.executeAsyncScript(MEASURE);
        assertThat(r.get(0)).isEqualTo("registered");
        double ms = ((Number) r.get(1)).doubleValue();
        double fetch = ((Number) r.get(2)).doubleValue();
        if (i >= WARM_UP) {
          total.add(ms);
          withoutFetch.add(ms - fetch);
        }
        browser.find("#deregister").click();
        browser.awaitAttribute("#state", "data-state", "deregistered", WAIT);
      }
      System.out.printf("click -> registered, including the /wic/session fetch: median %.1f ms, p90 %.1f ms, min %.1f ms (n=%d)%n",
          percentile(total, 50), percentile(total, 90), percentile(total, 0), RUNS);
      System.out.printf("click -> registered, without the fetch:                median %.1f ms, p90 %.1f ms, min %.1f ms%n",
          percentile(withoutFetch, 50), percentile(withoutFetch, 90), percentile(withoutFetch, 0));
    }
  }

  private static double percentile(List<Double> values, int p) {
    List<Double> sorted = new ArrayList<>(values);
    Collections.sort(sorted);
    int index = (int) Math.round(p / 100.0 * (sorted.size() - 1));
    return sorted.get(index);
  }
}
