package org.webims.e2e.support;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.webims.load.KamailioProcess;

/**
 * A Kamailio (Debian package, 5.6) running as a child process of the tests in the foreground
 * ({@code -DD -E}), logging to a file: what {@link KamailioRegistrar} and {@link KamailioScscf}
 * share.
 */
final class KamailioChild implements AutoCloseable {

  private static final Duration START_TIMEOUT = Duration.ofSeconds(30);

  private final Process process;
  private final Path log;

  private KamailioChild(Process process, Path log) {
    this.process = process;
    this.log = log;
  }

  /**
   * Starts Kamailio with {@code cfg} in {@code dir} (runtime files in {@code run}) and returns once
   * every one of {@code tcpPorts} accepts connections on loopback.
   *
   * @throws IllegalStateException if the {@code kamailio} binary is not installed, or it does not start
   */
  static KamailioChild start(Path dir, Path cfg, Path run, int... tcpPorts) throws Exception {
    Path log = dir.resolve("kamailio.log");
    List<String> command = List.of(KamailioProcess.binary().toString(), "-DD", "-E", "-f", cfg.toString(),
        "-Y", run.toString(), "-w", dir.toString(), "-m", "64", "-M", "8");
    Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
        .redirectOutput(log.toFile()).start();
    KamailioChild child = new KamailioChild(process, log);
    try {
      KamailioProcess.awaitListening(process, log, START_TIMEOUT, tcpPorts);
    } catch (Exception | Error e) {
      child.close();
      throw e;
    }
    return child;
  }

  /** Everything Kamailio logged so far (it logs to stderr with {@code -E}). */
  String log() {
    try {
      return Files.readString(log, StandardCharsets.UTF_8);
    } catch (IOException e) {
      return "(cannot read " + log + ": " + e + ")";
    }
  }

  /** Stops Kamailio: SIGTERM to the main process, which stops its workers; SIGKILL after 10 s. */
  @Override
  public void close() throws InterruptedException {
    KamailioProcess.stop(process);
  }
}
