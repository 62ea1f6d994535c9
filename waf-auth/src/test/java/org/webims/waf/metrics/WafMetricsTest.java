package org.webims.waf.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.webims.sip.testing.MutableClock;

/** The active leases gauge when the database does not answer (issue 16 point 4). */
class WafMetricsTest {

  @Test
  void activeLeasesAreNotANumberWhileTheDatabaseFailsAndAFailureIsNotCached() {
    MutableClock clock = new MutableClock(Instant.parse("2026-01-01T10:00:00Z"));
    WafMetrics metrics = WafMetrics.unregistered();
    AtomicInteger reads = new AtomicInteger();
    metrics.activeLeases(() -> {
      if (reads.incrementAndGet() == 1) {
        throw new IllegalStateException("database down");
      }
      return 4;
    }, Duration.ofSeconds(5), clock);

    assertThat(gauge(metrics)).isNaN();
    assertThat(gauge(metrics)).isEqualTo(4);
    assertThat(gauge(metrics)).isEqualTo(4);
    assertThat(reads).hasValue(2);
  }

  private static double gauge(WafMetrics metrics) {
    return metrics.registry().get(WafMetrics.ACTIVE_LEASES).gauge().value();
  }
}
