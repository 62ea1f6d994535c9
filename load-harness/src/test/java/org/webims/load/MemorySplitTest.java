package org.webims.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** Issue 13's per-flow memory split: the Java heap's pages apart from the rest, and NMT's categories. */
class MemorySplitTest {

  private static final String SMAPS = String.join("\n",
      "e8000000-100000000 rw-p 00000000 00:00 0 ",
      "Size:             393216 kB",
      "Rss:              390000 kB",
      "Pss:              390000 kB",
      "7f3774000000-7f3777fff000 rw-p 00000000 00:00 0 ",
      "Size:              65532 kB",
      "Pss:               59236 kB",
      "7f3811000000-7f3811100000 r-xp 00000000 08:01 1234                       /usr/lib/jvm/lib/server/libjvm.so",
      "Size:               1024 kB",
      "Pss:                8402 kB",
      "7ffd1000-7ffd2000 rw-p 00000000 00:00 0                          [stack]",
      "Size:                132 kB",
      "Pss:                  32 kB",
      "");

  @Test
  void splitsPssIntoTheJavaHeapOtherAnonymousMemoryAndFiles() {
    MemorySplit s = MemorySplit.of(SMAPS, 0xe8000000L);
    assertThat(s.heapPssKb()).isEqualTo(390_000);
    assertThat(s.otherAnonPssKb()).isEqualTo(59_236 + 32);
    assertThat(s.filePssKb()).isEqualTo(8_402);
  }

  @Test
  void findsTheHeapStartInGcHeapInfo() {
    String info = "21087:\n garbage-first heap   total 393216K, used 268489K [0x00000000e8000000, 0x0000000100000000)\n";
    assertThat(MemorySplit.heapStart(info)).isEqualTo(0xe8000000L);
  }

  @Test
  void readsTheCommittedKbOfEachNativeMemoryCategory() {
    String nmt = String.join("\n",
        "Total: reserved=1906674KB, committed=584302KB",
        "-                 Java Heap (reserved=393216KB, committed=393216KB)",
        "                            (mmap: reserved=393216KB, committed=393216KB) ",
        "-                    Thread (reserved=37990KB, committed=3142KB)",
        "-    Native Memory Tracking (reserved=5296KB, committed=5296KB)",
        "");
    assertThat(MemorySplit.nativeMemory(nmt)).isEqualTo(Map.of("Java Heap", 393_216L, "Thread", 3_142L,
        "Native Memory Tracking", 5_296L));
    assertThat(MemorySplit.nativeMemory("Native memory tracking is not enabled\n")).isEmpty();
  }
}
