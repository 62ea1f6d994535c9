package org.webims.load;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The classes whose heap grew most between two {@code GC.class_histogram} outputs, per flow. */
final class HeapHistogram {

  private HeapHistogram() {
  }

  /** Rows "bytes per flow, instances per flow, class" for the {@code top} classes that grew most. */
  static List<String> diff(String before, String after, int top, long flows) {
    Map<String, long[]> b = parse(before);
    Map<String, long[]> a = parse(after);
    List<Map.Entry<String, long[]>> grown = new ArrayList<>();
    for (Map.Entry<String, long[]> e : a.entrySet()) {
      long[] was = b.getOrDefault(e.getKey(), new long[2]);
      grown.add(Map.entry(e.getKey(), new long[] {e.getValue()[0] - was[0], e.getValue()[1] - was[1]}));
    }
    grown.sort((x, y) -> Long.compare(y.getValue()[1], x.getValue()[1]));
    List<String> rows = new ArrayList<>();
    long n = Math.max(1, flows);
    for (Map.Entry<String, long[]> e : grown.subList(0, Math.min(top, grown.size()))) {
      rows.add(String.format("| %.1f | %,d | `%s` |", e.getValue()[0] / (double) n, e.getValue()[1] / n,
          e.getKey()));
    }
    return rows;
  }

  /** Class name to {instances, bytes}, from lines like {@code "   1:   123   4567  java.lang.String (java.base)"}. */
  static Map<String, long[]> parse(String histogram) {
    Map<String, long[]> m = new HashMap<>();
    for (String line : histogram.split("\n")) {
      String[] f = line.trim().split("\\s+");
      if (f.length >= 4 && f[0].endsWith(":")) {
        try {
          m.put(f[3], new long[] {Long.parseLong(f[1]), Long.parseLong(f[2])});
        } catch (NumberFormatException e) {
          // a header or total line
        }
      }
    }
    return m;
  }
}
