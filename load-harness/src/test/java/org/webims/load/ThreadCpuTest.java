package org.webims.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** CPU time per thread group of the server under test, from /proc, for issue 13's idle-CPU and CPU-split notes. */
class ThreadCpuTest {

  @Test
  void readsUserAndSystemTicksFromATaskStatLineWhoseNameHasSpacesAndParentheses() {
    String stat = "4242 (GC Thread#1) S 4200 4200 4100 0 -1 1077936192 120 0 0 0 37 5 0 0 20 0 40 0 7071 "
        + "4000000000 30000 18446744073709551615 1 1 0 0 0 0 4 0 0 0 0 0 -1 1 0 0 0 0 0";
    assertThat(ThreadCpu.parseTicks(stat)).isEqualTo(42);
    assertThat(ThreadCpu.parseName(stat)).isEqualTo("GC Thread#1");
    String odd = "7 (a) b (c) R 1 1 1 0 -1 0 0 0 0 0 3 4 0 0 20 0 1 0 1 1 1 1";
    assertThat(ThreadCpu.parseTicks(odd)).isEqualTo(7);
    assertThat(ThreadCpu.parseName(odd)).isEqualTo("a) b (c");
  }

  @Test
  void aTruncatedStatLineIsAClearError() {
    assertThatThrownBy(() -> ThreadCpu.parseTicks("12 (x) S 1 2"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("utime");
  }

  @Test
  void groupsThreadsByNameWithTheirNumbersLeftOut() {
    assertThat(ThreadCpu.group("reactor-http-epoll-2")).isEqualTo("reactor-http-epoll-N");
    assertThat(ThreadCpu.group("GC Thread#12")).isEqualTo("GC Thread#N");
    assertThat(ThreadCpu.group("C2 CompilerThre")).isEqualTo("C2 CompilerThre");
  }

  @Test
  void theSplitOfAStepIsTheGrowthPerGroupInPercentOfACoreLargestFirst() {
    ThreadCpu before = new ThreadCpu(Map.of(1L, new ThreadCpu.Thread("GC Thread#0", 100),
        2L, new ThreadCpu.Thread("GC Thread#1", 50), 3L, new ThreadCpu.Thread("sip-loop-1", 10)));
    ThreadCpu after = new ThreadCpu(Map.of(1L, new ThreadCpu.Thread("GC Thread#0", 110),
        2L, new ThreadCpu.Thread("GC Thread#1", 60), 3L, new ThreadCpu.Thread("sip-loop-1", 70),
        4L, new ThreadCpu.Thread("new-thread", 5)));
    // 2 s at 100 ticks per second: 200 ticks are one core.
    List<ThreadCpu.Share> split = after.since(before, 2.0);
    assertThat(split).containsExactly(new ThreadCpu.Share("sip-loop-N", 30.0),
        new ThreadCpu.Share("GC Thread#N", 10.0), new ThreadCpu.Share("new-thread", 2.5));
  }

  @Test
  void theReportLineGivesTheTotalAndLumpsSmallGroups() {
    String line = ThreadCpu.text(java.util.List.of(new ThreadCpu.Share("sip-loop-N", 30.0),
        new ThreadCpu.Share("GC Thread#N", 10.0), new ThreadCpu.Share("a", 0.25), new ThreadCpu.Share("b", 0.25)));
    assertThat(line).isEqualTo("total 40.5%: sip-loop-N 30.0%, GC Thread#N 10.0%, others 0.5%");
  }

  @Test
  void readsTheRunQueueWaitFromSchedstat() {
    assertThat(ThreadCpu.parseRunQueueWait("222523416 162114443 796\n")).isEqualTo(162_114_443L);
    assertThatThrownBy(() -> ThreadCpu.parseRunQueueWait("12"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("schedstat");
  }
}
