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
  private final boolean perf;
  private final Path out;
  private final String server;
  private final Report report;
  private final ProcessHandle serverProcess;
  private int count;

  Steps(ServerJvm jvm, ProcessHandle serverProcess, boolean profile, boolean perf, Path out, String server,
      Report report) {
    this.serverProcess = serverProcess;
    this.jvm = jvm;
    this.profile = profile && jvm != null;
    this.perf = perf && jvm != null;
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
    long serverWait = serverProcess == null ? 0 : ThreadCpu.runQueueWaitNanos(serverProcess);
    long harnessWait = ThreadCpu.runQueueWaitNanos(ProcessHandle.current());
    long t0 = System.nanoTime();
    if (profile) {
      jvm.startRecording(name);
    }
    Process sampler = perf ? startPerf(name) : null;
    PhaseResult p = step.get();
    if (sampler != null) {
      stopPerf(sampler, name);
    }
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
    // CPU contention: how long the threads were ready to run but had no CPU (summed over threads).
    report.note(String.format(java.util.Locale.ROOT, "run-queue wait, %s: %s %s ms per second, harness JVM %.0f ms per "
        + "second", p.label(), server, serverProcess == null ? "n/a" : String.format(java.util.Locale.ROOT, "%.0f",
        (ThreadCpu.runQueueWaitNanos(serverProcess) - serverWait) / 1e6 / seconds),
        (ThreadCpu.runQueueWaitNanos(ProcessHandle.current()) - harnessWait) / 1e6 / seconds));
    return p;
  }

  /**
   * Linux perf sampling the eP-CSCF's CPU (every thread, native code and kernel included: BoringSSL, system calls
   * and GC, which a flight recording's execution samples leave out) at 499 Hz with call stacks.
   */
  private Process startPerf(String name) throws Exception {
    return new ProcessBuilder("perf", "record", "-e", "cpu-clock", "-F", "499", "-g", "-p",
        Long.toString(jvm.pid()), "-o", out.resolve(name + ".perf.data").toAbsolutePath().toString())
        .redirectErrorStream(true).redirectOutput(out.resolve(name + ".perf.log").toFile()).start();
  }

  /** Stops perf as Ctrl-C would (it then writes its file), and has the JVM write its JIT symbol map for it. */
  private void stopPerf(Process sampler, String name) throws Exception {
    new ProcessBuilder("kill", "-INT", Long.toString(sampler.pid())).inheritIO().start().waitFor();
    if (!sampler.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) {
      sampler.destroyForcibly();
    }
    jvm.writePerfMap(); // /tmp/perf-<pid>.map: names for the JIT-compiled code in perf's samples
    report.note(name + ": perf samples " + out.resolve(name + ".perf.data") + " (load-harness/scripts/cpu-split.py)");
  }
}
