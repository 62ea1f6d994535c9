package org.webims.load;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The run's report: machine, options, notes and one table per section, as Markdown, plus a plot per section. */
final class Report {

  private final StringBuilder text = new StringBuilder();
  private final List<List<PhaseResult>> sections = new ArrayList<>();
  private final List<String> titles = new ArrayList<>();
  private final StringBuilder pending = new StringBuilder();

  Report(Map<String, String> options, Instant start) {
    var os = ManagementFactory.getOperatingSystemMXBean();
    text.append("# eP-CSCF load run, ").append(start).append("\n\n")
        .append("- machine: ").append(os.getAvailableProcessors()).append(" CPUs, ").append(os.getName())
        .append(' ').append(os.getVersion()).append(", Java ").append(System.getProperty("java.version"))
        .append("; 1-minute load average at start: ").append(String.format("%.2f", os.getSystemLoadAverage()))
        .append("\n- options: ").append(options).append("\n\n");
  }

  void note(String line) {
    pending.append("- ").append(line).append('\n');
    System.out.println(line);
  }

  void phase(String what, PhaseResult p) {
    String row = row(what, p);
    pending.append(row).append('\n');
    System.out.println(row);
  }

  void histogram(List<String> rows) {
    pending.append("\nHeap growth per registered flow, by class (largest first):\n\n| instances/flow | bytes/flow | "
        + "class |\n|---|---|---|\n");
    rows.forEach(r -> pending.append(r).append('\n'));
    pending.append('\n');
  }

  void section(String title, List<PhaseResult> phases) {
    titles.add(title);
    sections.add(phases);
    text.append("## ").append(title).append("\n\n").append(pending).append("\n").append(HEADER);
    for (PhaseResult p : phases) {
      text.append(row(p.label(), p)).append('\n');
    }
    text.append('\n');
    pending.setLength(0);
  }

  void write(Path dir) throws IOException {
    if (sections.size() == 2) {
      PhaseResult ours = last(sections.get(0));
      PhaseResult theirs = last(sections.get(1));
      text.append(String.format("Ratio flat out, ours / Kamailio: %.2f REGISTER/s (%.0f / %.0f); per CPU-second of "
          + "the registrar: %.2f%n", ours.achievedPerSecond() / theirs.achievedPerSecond(),
          ours.achievedPerSecond(), theirs.achievedPerSecond(),
          perCpu(ours) / perCpu(theirs)));
    }
    for (int i = 0; i < sections.size(); i++) {
      Path png = dir.resolve("rate-" + (i + 1) + ".png");
      RatePlot.write(titles.get(i), sections.get(i), png);
      text.append("\n![").append(titles.get(i)).append("](").append(png.getFileName()).append(")\n");
    }
    Files.writeString(dir.resolve("report.md"), text);
  }

  String text() {
    return text.toString();
  }

  private static PhaseResult last(List<PhaseResult> phases) {
    return phases.get(phases.size() - 1);
  }

  private static double perCpu(PhaseResult p) {
    return p.serverCpuPercent() <= 0 ? Double.NaN : p.achievedPerSecond() / (p.serverCpuPercent() / 100.0);
  }

  static final String HEADER = "| step | REGISTER/s | p50 ms | p99 ms | max ms | errors | challenges | registrar CPU |\n"
      + "|---|---|---|---|---|---|---|---|\n";

  static String row(String what, PhaseResult p) {
    return String.format("| %s | %.0f | %.2f | %.2f | %.1f | %s | %d | %s |", what, p.achievedPerSecond(),
        p.p50Millis(), p.p99Millis(), p.maxMillis(), p.errors().isEmpty() ? "0" : p.errors().toString(),
        p.challenges(), p.serverCpuPercent() < 0 ? "n/a" : String.format("%.0f%%", p.serverCpuPercent()));
  }
}
