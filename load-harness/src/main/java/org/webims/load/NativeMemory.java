package org.webims.load;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The committed kB per category of a {@code VM.native_memory summary} (Java Heap, Class, Thread, Code, GC, Other:
 * NIO direct buffers, ...), and the total. Memory that native libraries allocate with their own {@code malloc}
 * (BoringSSL's per-connection state) is not tracked there: it is whole-process memory minus this total.
 */
record NativeMemory(long totalCommittedKb, Map<String, Long> committedKb) {

  static NativeMemory parse(String summary) {
    long total = -1;
    Map<String, Long> categories = new LinkedHashMap<>();
    for (String line : summary.split("\n")) {
      String t = line.trim();
      if (t.startsWith("Total:")) {
        total = committedOf(t);
      } else if (t.startsWith("-") && t.contains("(reserved=")) {
        String name = t.substring(1, t.indexOf('(')).trim();
        categories.put(name, committedOf(t));
      }
    }
    if (total < 0) {
      throw new IllegalArgumentException("not a native memory summary (is -XX:NativeMemoryTracking=summary set?): "
          + summary.substring(0, Math.min(200, summary.length())));
    }
    return new NativeMemory(total, categories);
  }

  /** The kB after {@code committed=} on a line. */
  private static long committedOf(String line) {
    int at = line.indexOf("committed=") + "committed=".length();
    int end = line.indexOf("KB", at);
    return Long.parseLong(line.substring(at, end).trim());
  }

  long committed(String category) {
    return committedKb.getOrDefault(category, 0L);
  }
}
