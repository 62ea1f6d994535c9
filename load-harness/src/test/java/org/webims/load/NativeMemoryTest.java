package org.webims.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The JVM's native memory summary, for the edge-memory split (issue 13 point 2). */
class NativeMemoryTest {

  @Test
  void readsTheCommittedTotalAndEachCategory() {
    String summary = String.join("\n",
        "",
        "Native Memory Tracking:",
        "",
        "(Omitting categories weighting less than 1KB)",
        "",
        "Total: reserved=1785421KB, committed=412345KB",
        "       malloc: 30123KB #412345",
        "       mmap:   reserved=1755298KB, committed=382222KB",
        "",
        "-                 Java Heap (reserved=393216KB, committed=262144KB)",
        "                            (mmap: reserved=393216KB, committed=262144KB)",
        "",
        "-                     Class (reserved=1048981KB, committed=8341KB)",
        "                            (classes #11254)",
        "-                     Other (reserved=4109KB, committed=4109KB)",
        "");
    NativeMemory nmt = NativeMemory.parse(summary);

    assertThat(nmt.totalCommittedKb()).isEqualTo(412_345);
    assertThat(nmt.committed("Java Heap")).isEqualTo(262_144);
    assertThat(nmt.committed("Other")).isEqualTo(4109);
    assertThat(nmt.committed("Thread")).isZero();
    assertThat(nmt.committedKb()).containsOnlyKeys("Java Heap", "Class", "Other");
  }

  @Test
  void saysWhenTrackingIsOff() {
    assertThatThrownBy(() -> NativeMemory.parse("Native memory tracking is not enabled"))
        .hasMessageContaining("NativeMemoryTracking");
  }
}
