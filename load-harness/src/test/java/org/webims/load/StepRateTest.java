package org.webims.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The harness's rate steps: a number of REGISTER/s, or "idle" to hold the registered flows with no REGISTER. */
class StepRateTest {

  @Test
  void idleIsAStepThatSendsNothing() {
    assertThat(LoadHarness.offeredRate("idle")).isEqualTo(PhaseResult.IDLE);
    assertThat(LoadHarness.offeredRate(" 6600 ")).isEqualTo(6600);
    assertThatThrownBy(() -> LoadHarness.offeredRate("-5")).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("idle");
  }

  @Test
  void anIdleStepSendsNoRegisterAndStillMeasuresTheServerCpu() {
    LoadDriver driver = new LoadDriver(16);
    long[] cpu = {0};
    PhaseResult p = driver.run(PhaseResult.IDLE, Duration.ofMillis(50), 0, () -> cpu[0] += 1_000_000);
    assertThat(p.ok()).isZero();
    assertThat(p.errors()).isEqualTo(Map.of());
    assertThat(p.serverCpuPercent()).isGreaterThan(0);
    assertThat(Report.row(p.label(), p)).startsWith("| idle (no REGISTER) | 0 |");
  }

  @Test
  void aKeepAliveStepWithNoOpenFlowSendsNothing() {
    LoadDriver driver = new LoadDriver(16);
    PhaseResult p = driver.keepAlives(1000, Duration.ofMillis(20), () -> 0);
    assertThat(p.ok()).isZero();
    assertThat(p.offeredPerSecond()).isEqualTo(1000);
  }
}
