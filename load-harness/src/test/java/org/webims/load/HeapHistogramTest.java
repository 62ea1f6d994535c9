package org.webims.load;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class HeapHistogramTest {

  @Test
  void ranksClassesByHeapGrowthPerFlow() {
    String before = String.join("\n",
        " num     #instances         #bytes  class name (module)",
        "-------------------------------------------------------",
        "   1:          1000          64000  [B (java.base@17)",
        "   2:           100           2400  java.lang.String (java.base@17)",
        "Total          1100          66400");
    String after = String.join("\n",
        "   1:          3000        6464000  [B (java.base@17)",
        "   2:           300           7200  java.lang.String (java.base@17)",
        "   3:           100          12800  org.example.Flow",
        "Total          3400        6484000");
    assertThat(HeapHistogram.diff(before, after, 2, 100)).containsExactly(
        "| 20.0 | 64,000 | `[B` |",
        "| 1.0 | 128 | `org.example.Flow` |");
  }
}
