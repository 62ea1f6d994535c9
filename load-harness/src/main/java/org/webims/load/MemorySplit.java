package org.webims.load;

import java.util.Map;

/**
 * A JVM's PSS split by kind of mapping, from {@code /proc/<pid>/smaps}: the Java heap's mapping, other anonymous
 * memory (malloc arenas, where BoringSSL keeps its per-connection state, thread stacks, metaspace, the code cache,
 * GC structures) and files (the JVM's libraries, the CDS archive). With the NMT summary's committed kB per
 * category, the difference of two readings says what a registered flow costs besides its live heap (issue 13).
 *
 * @param heapPssKb the Java heap's pages
 * @param otherAnonPssKb every other anonymous mapping, stacks included
 * @param filePssKb mapped files
 */
record MemorySplit(long heapPssKb, long otherAnonPssKb, long filePssKb) {

  /** The split of {@code smaps} text, the heap being the mapping that starts at {@code heapStart}. */
  static MemorySplit of(String smaps, long heapStart) {
    long heap = 0;
    long anon = 0;
    long file = 0;
    int kind = 0; // 0: heap, 1: anonymous, 2: file
    for (String line : smaps.split("\n")) {
      int dash = line.indexOf('-');
      int space = line.indexOf(' ');
      if (dash > 0 && space > dash && isHex(line, 0, dash)) {
        String[] f = line.trim().split("\\s+");
        String name = f.length > 5 ? f[5] : "";
        kind = Long.parseUnsignedLong(line.substring(0, dash), 16) == heapStart ? 0
            : name.isEmpty() || name.startsWith("[") ? 1 : 2;
      } else if (line.startsWith("Pss:")) {
        long kb = Long.parseLong(line.substring(4).replace("kB", "").trim());
        if (kind == 0) {
          heap += kb;
        } else if (kind == 1) {
          anon += kb;
        } else {
          file += kb;
        }
      }
    }
    return new MemorySplit(heap, anon, file);
  }

  /** The heap's first address from {@code jcmd GC.heap_info} ("... [0x00000000e8000000, ..."). */
  static long heapStart(String heapInfo) {
    int at = heapInfo.indexOf("[0x");
    if (at < 0) {
      throw new IllegalArgumentException("no heap address range in GC.heap_info: " + heapInfo);
    }
    int end = heapInfo.indexOf(',', at);
    return Long.parseUnsignedLong(heapInfo.substring(at + 3, end), 16);
  }

  /**
   * Committed kB per category of a {@code VM.native_memory summary}; empty when the JVM runs without
   * {@code -XX:NativeMemoryTracking} (the summary then says so and has no total).
   */
  static Map<String, Long> nativeMemory(String summary) {
    return summary.contains("Total:") ? NativeMemory.parse(summary).committedKb() : Map.of();
  }

  private static boolean isHex(String s, int from, int to) {
    for (int i = from; i < to; i++) {
      if (Character.digit(s.charAt(i), 16) < 0) {
        return false;
      }
    }
    return true;
  }
}
