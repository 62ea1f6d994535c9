package org.webims.load;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The CPU time of every thread of a process at one moment, from Linux {@code /proc/<pid>/task/<tid>/stat}. Unlike
 * a flight recording, which samples Java threads only, this sees the JVM's own threads too (GC, JIT compilers, VM
 * thread), so the difference of two snapshots says where a step's CPU went, idle steps included (issue 13).
 */
final class ThreadCpu {

  /** Linux reports utime and stime in clock ticks of 1/100 s ({@code getconf CLK_TCK}) on every usual kernel. */
  static final double TICKS_PER_SECOND = 100;

  /** One thread: its name (at most 15 characters, as the kernel keeps it) and its user + system ticks. */
  record Thread(String name, long ticks) {
  }

  /** A thread group's share of a step's CPU, in % of one core. */
  record Share(String group, double percentOfCore) {
  }

  private final Map<Long, Thread> threads;

  ThreadCpu(Map<Long, Thread> threads) {
    this.threads = Map.copyOf(threads);
  }

  /** The snapshot of {@code pid}'s threads now; a thread that ends while being read is left out. */
  static ThreadCpu of(long pid) {
    Map<Long, Thread> m = new HashMap<>();
    try (DirectoryStream<Path> tasks = Files.newDirectoryStream(Path.of("/proc", Long.toString(pid), "task"))) {
      for (Path task : tasks) {
        try {
          String stat = Files.readString(task.resolve("stat"));
          m.put(Long.parseLong(task.getFileName().toString()), new Thread(parseName(stat), parseTicks(stat)));
        } catch (IOException e) {
          // the thread ended between the listing and the read
        }
      }
    } catch (IOException e) {
      return new ThreadCpu(Map.of());
    }
    return new ThreadCpu(m);
  }

  /** The CPU each thread group used since {@code before}, over {@code seconds}, largest first (0 left out). */
  List<Share> since(ThreadCpu before, double seconds) {
    Map<String, Long> ticks = new HashMap<>();
    threads.forEach((tid, t) -> {
      Thread was = before.threads.get(tid);
      long grown = was != null && was.name.equals(t.name) ? t.ticks - was.ticks : t.ticks;
      if (grown > 0) {
        ticks.merge(group(t.name), grown, Long::sum);
      }
    });
    List<Share> shares = new ArrayList<>();
    ticks.forEach((g, n) -> shares.add(new Share(g, 100.0 * n / TICKS_PER_SECOND / seconds)));
    shares.sort((a, b) -> a.percentOfCore != b.percentOfCore ? Double.compare(b.percentOfCore, a.percentOfCore)
        : a.group.compareTo(b.group));
    return shares;
  }

  /** "total 20.0%: GC Thread#N 12.0%, sip-loop-N 3.0%, ..." for the report: groups of at least 0.5% of a core. */
  static String text(List<Share> shares) {
    StringBuilder b = new StringBuilder();
    double rest = 0;
    double total = shares.stream().mapToDouble(Share::percentOfCore).sum();
    for (Share s : shares) {
      if (s.percentOfCore >= 0.5) {
        b.append(b.length() == 0 ? "" : ", ").append(s.group).append(' ')
            .append(String.format(Locale.ROOT, "%.1f%%", s.percentOfCore));
      } else {
        rest += s.percentOfCore;
      }
    }
    return String.format(Locale.ROOT, "total %.1f%%: ", total) + b.append(String.format(Locale.ROOT, "%sothers %.1f%%",
        b.length() == 0 ? "" : ", ", rest));
  }

  /**
   * The time every thread of {@code root} and its descendants has waited on a run queue for a CPU so far, in
   * nanoseconds ({@code /proc/<pid>/task/<tid>/schedstat}, second field): how much CPU contention delays it.
   */
  static long runQueueWaitNanos(ProcessHandle root) {
    List<ProcessHandle> all = new ArrayList<>();
    all.add(root);
    all.addAll(root.descendants().toList());
    long sum = 0;
    for (ProcessHandle p : all) {
      try (DirectoryStream<Path> tasks = Files.newDirectoryStream(Path.of("/proc", Long.toString(p.pid()),
          "task"))) {
        for (Path task : tasks) {
          try {
            sum += parseRunQueueWait(Files.readString(task.resolve("schedstat")));
          } catch (IOException e) {
            // the thread ended between the listing and the read
          }
        }
      } catch (IOException e) {
        // the process ended
      }
    }
    return sum;
  }

  /** The second field of a schedstat line: "cpu-ns wait-ns timeslices". */
  static long parseRunQueueWait(String schedstat) {
    String[] f = schedstat.trim().split("\\s+");
    if (f.length < 2) {
      throw new IllegalArgumentException("not a schedstat line: " + schedstat);
    }
    return Long.parseLong(f[1]);
  }

  /** The thread's name: between the first '(' and the last ')' of the stat line (a name may hold both). */
  static String parseName(String stat) {
    int open = stat.indexOf('(');
    int close = stat.lastIndexOf(')');
    if (open < 0 || close < open) {
      throw new IllegalArgumentException("not a /proc task stat line: " + stat);
    }
    return stat.substring(open + 1, close);
  }

  /** utime + stime: fields 14 and 15 of the stat line, the 12th and 13th after the name. */
  static long parseTicks(String stat) {
    String[] fields = stat.substring(stat.lastIndexOf(')') + 1).trim().split("\\s+");
    if (fields.length < 13) {
      throw new IllegalArgumentException("no utime and stime in the task stat line: " + stat);
    }
    return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
  }

  /**
   * The group of a thread: its name with each run of digits after a non-letter replaced by N ("GC Thread#1" to
   * "GC Thread#N", "reactor-http-epoll-2" to "reactor-http-epoll-N"); digits after a letter name a kind of thread
   * and stay ("C2 CompilerThre", "G1 Conc#N").
   */
  static String group(String name) {
    StringBuilder b = new StringBuilder(name.length());
    int i = 0;
    while (i < name.length()) {
      char c = name.charAt(i);
      if (Character.isDigit(c) && (i == 0 || !Character.isLetter(name.charAt(i - 1)))) {
        while (i < name.length() && Character.isDigit(name.charAt(i))) {
          i++;
        }
        b.append('N');
      } else {
        b.append(c);
        i++;
      }
    }
    return b.toString();
  }
}
