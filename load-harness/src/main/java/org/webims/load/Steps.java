package org.webims.load;

import java.nio.file.Path;
import java.util.function.Supplier;

/**
 * Runs the rate steps of one section, reports the harness JVM's CPU by thread group for each (the load client and
 * the IMS core run there, on the same cores as the server) and, for our eP-CSCF (a child JVM), its CPU by thread group
 * and, if asked, records each step in a flight recording of its own, so that warm-up, idle and loaded steps have
 * separate profiles.
 */
final class Steps {

  private final ServerJvm jvm;
  private final boolean profile;
  private final Path out;
  private final String server;
  private final Report report;
  private int count;

  Steps(ServerJvm jvm, boolean profile, Path out, String server, Report report) {
    this.jvm = jvm;
    this.profile = profile && jvm != null;
    this.out = out;
    this.server = server;
    this.report = report;
  }

  PhaseResult run(int rate, Supplier<PhaseResult> step) throws Exception {
    count++;
    String name = server + "-step-" + count + "-" + (rate == PhaseResult.IDLE ? "idle" : rate == 0 ? "flat-out"
        : Integer.toString(rate));
    ThreadCpu before = jvm == null ? null : ThreadCpu.of(jvm.pid());
    ThreadCpu harnessBefore = ThreadCpu.of(ProcessHandle.current().pid());
    long t0 = System.nanoTime();
    if (profile) {
      jvm.startRecording(name);
    }
    PhaseResult p = step.get();
    if (profile) {
      Path file = out.resolve(name + ".jfr");
      jvm.stopRecording(name, file);
      report.note(name + ": flight recording " + file);
    }
    double seconds = (System.nanoTime() - t0) / 1e9;
    if (jvm != null) {
      report.note(server + " CPU by thread, " + p.label() + " (% of a core): "
          + ThreadCpu.text(ThreadCpu.of(jvm.pid()).since(before, seconds)));
    }
    // The load client and the IMS core share the machine's cores with the server under test.
    report.note("harness JVM (load client, IMS core) CPU by thread, " + p.label() + " (% of a core): "
        + ThreadCpu.text(ThreadCpu.of(ProcessHandle.current().pid()).since(harnessBefore, seconds)));
    return p;
  }
}
