package org.webims.server.abuse;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** Refusal logging a flood cannot flood (EPC-21): counted through the lines its sink receives. */
class RateLimitedLogTest {

  private final List<String> lines = new CopyOnWriteArrayList<>();
  private final RateLimitedLog log = new RateLimitedLog("refused REGISTERs", Duration.ofSeconds(10), 2, lines::add);

  @Test
  void writesTheFirstRefusalPerSourceAndIntervalThenOneSummary() {
    for (int i = 0; i < 10_000; i++) {
      log.refused("192.0.2.7", i, "REGISTER from 192.0.2.7 refused: token expired");
    }
    assertThat(lines).hasSize(1);

    log.refused("192.0.2.7", 10_000, "REGISTER from 192.0.2.7 refused: token expired");
    assertThat(lines).hasSize(3);
    assertThat(lines.get(1)).startsWith("9999 refused REGISTERs from 192.0.2.7 in the last 10 s");
  }

  @Test
  void keepsSourcesApart() {
    log.refused("192.0.2.7", 0, "a");
    log.refused("198.51.100.1", 0, "b");
    log.refused("192.0.2.7", 1, "a");
    assertThat(lines).hasSize(2);
  }

  @Test
  void writesNoSummaryWhenNothingWasSuppressed() {
    log.refused("192.0.2.7", 0, "a");
    log.refused("192.0.2.7", 20_000, "a");
    assertThat(lines).hasSize(2);
  }

  @Test
  void remembersAtMostCapacitySources() {
    log.refused("a", 0, "a");
    log.refused("b", 0, "b");
    log.refused("c", 0, "c");
    log.refused("a", 1, "a"); // forgotten: written again
    assertThat(lines).hasSize(4);
  }
}
