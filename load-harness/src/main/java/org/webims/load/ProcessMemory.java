package org.webims.load;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Whole-process memory of a server under test, in kB, from Linux {@code /proc}: what issue 13's memory goal counts
 * (heap, native buffers, thread stacks, code and shared memory alike), not only the Java heap.
 *
 * <p>PSS (proportional set size) charges each page shared by several processes to each of them in part, so the PSS
 * of a process tree (Kamailio's main process and its workers sharing one shared-memory segment) adds up to what the
 * tree costs the machine; RSS counts every resident page in full in each process, so a sum of RSS over a tree
 * overstates it. {@code pssKb} is -1 where the kernel gives no {@code smaps_rollup} (before Linux 4.14).
 *
 * @param pssKb proportional set size, -1 when unknown
 * @param rssKb resident set size
 */
record ProcessMemory(long pssKb, long rssKb) {

  boolean pssKnown() {
    return pssKb >= 0;
  }

  /** The sum over two processes; PSS is unknown if it is unknown for either. */
  ProcessMemory plus(ProcessMemory other) {
    return new ProcessMemory(pssKnown() && other.pssKnown() ? pssKb + other.pssKb : -1, rssKb + other.rssKb);
  }

  /** Reads {@code /proc/<pid>/smaps_rollup} ({@code /proc/<pid>/status} without it). */
  static ProcessMemory of(long pid) {
    Path proc = Path.of("/proc", Long.toString(pid));
    try {
      return parseSmapsRollup(Files.readString(proc.resolve("smaps_rollup")));
    } catch (NoSuchFileException e) {
      try {
        return parseStatus(Files.readString(proc.resolve("status")));
      } catch (IOException e2) {
        throw new UncheckedIOException("cannot read memory of process " + pid, e2);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read memory of process " + pid, e);
    }
  }

  /**
   * The sum over {@code root} and all its descendants alive now (Kamailio forks its workers; a JVM is one
   * process, so this is just its own figure). A worker that exits while being read is left out.
   */
  static ProcessMemory ofTree(ProcessHandle root) {
    List<ProcessHandle> all = new ArrayList<>();
    all.add(root);
    all.addAll(root.descendants().toList()); // on Linux the JDK walks /proc/*/stat for the parent pid
    ProcessMemory sum = of(root.pid());
    for (ProcessHandle p : all.subList(1, all.size())) {
      try {
        sum = sum.plus(of(p.pid()));
      } catch (UncheckedIOException e) {
        if (p.isAlive()) {
          throw e;
        }
      }
    }
    return sum;
  }

  /** Pss and Rss from the text of {@code smaps_rollup}. */
  static ProcessMemory parseSmapsRollup(String text) {
    return new ProcessMemory(field(text, "Pss:", "smaps_rollup"), field(text, "Rss:", "smaps_rollup"));
  }

  /** VmRSS from the text of {@code status}; PSS is unknown there. */
  static ProcessMemory parseStatus(String text) {
    return new ProcessMemory(-1, field(text, "VmRSS:", "status"));
  }

  /** The kB value of the line starting with {@code name} ({@code "Pss:   123 kB"}). */
  private static long field(String text, String name, String file) {
    for (String line : text.split("\n")) {
      if (line.startsWith(name)) {
        String value = line.substring(name.length()).trim();
        if (!value.endsWith(" kB")) {
          throw new IllegalArgumentException(file + ": expected a value in kB for " + name + " got: " + line);
        }
        return Long.parseLong(value.substring(0, value.length() - 3).trim());
      }
    }
    throw new IllegalArgumentException(file + ": no " + name + " line");
  }

  /** The report line: both readings and the growth per registered flow. */
  static String perFlow(String who, ProcessMemory before, ProcessMemory after, long flows) {
    String pss = !before.pssKnown() || !after.pssKnown() ? "PSS n/a"
        : String.format(Locale.ROOT, "PSS %.1f kB", flows == 0 ? 0.0 : (after.pssKb - before.pssKb) / (double) flows);
    String rss = String.format(Locale.ROOT, "RSS %.1f kB", flows == 0 ? 0.0 : (after.rssKb - before.rssKb) / (double) flows);
    return who + " process memory (/proc): " + before.text() + " before the flows; " + after.text() + " with "
        + flows + " registered flows: " + pss + ", " + rss + " per flow";
  }

  private String text() {
    return (pssKnown() ? String.format(Locale.ROOT, "PSS %,d kB", pssKb) : "PSS n/a") + String.format(Locale.ROOT, ", RSS %,d kB", rssKb);
  }
}
