package org.webims.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** Whole-process memory of the server under test, for issue 13's per-flow memory goal. */
class ProcessMemoryTest {

  @Test
  void readsPssAndRssFromSmapsRollup() {
    String rollup = String.join("\n",
        "55eed4d9b000-7ffe62167000 ---p 00000000 00:00 0                          [rollup]",
        "Rss:              181780 kB",
        "Pss:              150251 kB",
        "Pss_Dirty:        140112 kB",
        "Pss_Anon:         140112 kB",
        "Shared_Clean:       1660 kB",
        "Swap:                  0 kB",
        "");
    assertThat(ProcessMemory.parseSmapsRollup(rollup)).isEqualTo(new ProcessMemory(150_251, 181_780));
  }

  @Test
  void fallsBackToVmRssFromStatusWithoutPss() {
    String status = String.join("\n",
        "Name:\tjava",
        "VmPeak:\t 4123456 kB",
        "VmRSS:\t  181780 kB",
        "RssAnon:\t  150000 kB",
        "Threads:\t42",
        "");
    ProcessMemory m = ProcessMemory.parseStatus(status);
    assertThat(m.rssKb()).isEqualTo(181_780);
    assertThat(m.pssKnown()).isFalse();
  }

  @Test
  void aTextWithoutTheFieldIsAClearError() {
    assertThatThrownBy(() -> ProcessMemory.parseSmapsRollup("Swap: 0 kB\n"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Pss");
    assertThatThrownBy(() -> ProcessMemory.parseStatus("Name:\tjava\n"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("VmRSS");
  }

  @Test
  void sumsOverProcessesAndDropsPssWhenOneLacksIt() {
    ProcessMemory a = new ProcessMemory(100, 300);
    assertThat(a.plus(new ProcessMemory(50, 200))).isEqualTo(new ProcessMemory(150, 500));
    assertThat(a.plus(new ProcessMemory(-1, 200)).pssKnown()).isFalse();
  }

  @Test
  void perFlowLineGivesBeforeAfterAndTheDifferencePerFlow() {
    assertThat(ProcessMemory.perFlow("eP-CSCF", new ProcessMemory(100_000, 150_000),
        new ProcessMemory(420_000, 480_000), 10_000)).isEqualTo(
            "eP-CSCF process memory (/proc): PSS 100,000 kB, RSS 150,000 kB before the flows; "
                + "PSS 420,000 kB, RSS 480,000 kB with 10000 registered flows: PSS 32.0 kB, RSS 33.0 kB per flow");
    assertThat(ProcessMemory.perFlow("Kamailio", new ProcessMemory(-1, 150_000),
        new ProcessMemory(-1, 160_000), 100)).isEqualTo(
            "Kamailio process memory (/proc): PSS n/a, RSS 150,000 kB before the flows; "
                + "PSS n/a, RSS 160,000 kB with 100 registered flows: PSS n/a, RSS 100.0 kB per flow");
  }

  @Test
  void readsThisJvmsOwnProcessOnLinux() {
    assumeThat(Files.isReadable(Path.of("/proc/self/smaps_rollup"))).isTrue();
    ProcessMemory self = ProcessMemory.ofTree(ProcessHandle.current());
    assertThat(self.pssKb()).isPositive();
    assertThat(self.rssKb()).isGreaterThanOrEqualTo(self.pssKb());
  }
}
