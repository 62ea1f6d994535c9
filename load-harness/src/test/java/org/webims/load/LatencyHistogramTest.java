package org.webims.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class LatencyHistogramTest {

  @Test
  void percentilesAreTheUpperEdgeOfTheirTenMicrosecondBucket() {
    LatencyHistogram h = new LatencyHistogram();
    for (int ms = 1; ms <= 100; ms++) {
      h.record(ms * 1_000_000L + 3_000); // 1.003 ms .. 100.003 ms
    }
    assertThat(h.count()).isEqualTo(100);
    assertThat(h.percentileMillis(50)).isCloseTo(50.01, within(1e-9));
    assertThat(h.percentileMillis(99)).isCloseTo(99.01, within(1e-9));
    assertThat(h.percentileMillis(100)).isCloseTo(100.01, within(1e-9));
    assertThat(h.maxMillis()).isCloseTo(100.003, within(1e-9));
  }

  @Test
  void valuesBeyondTheLastBucketReportTheMaximum() {
    LatencyHistogram h = new LatencyHistogram();
    h.record(1_000_000);
    h.record(9_000_000_000L);
    assertThat(h.percentileMillis(99)).isEqualTo(9_000.0);
    assertThat(h.percentileMillis(50)).isCloseTo(1.01, within(1e-9));
  }

  @Test
  void anEmptyHistogramReportsZero() {
    LatencyHistogram h = new LatencyHistogram();
    assertThat(h.count()).isZero();
    assertThat(h.percentileMillis(99)).isZero();
  }
}
