package org.webims.load;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Debian's Kamailio 5.6 as the WSS Digest registrar of the comparison run, configured by
 * {@code kamailio/kamailio-load.cfg}: same subscribers, same password, same Digest algorithm as the IMS core.
 * Its CPU time is read from {@code /proc} for the main process and its workers.
 */
final class KamailioTarget implements AutoCloseable {

  private final Process process;
  private final int port;

  private KamailioTarget(Process process, int port) {
    this.process = process;
    this.port = port;
  }

  static KamailioTarget start(Path dir, String realm, String algorithm, int tcpChildren, int sharedMemoryMb)
      throws Exception {
    Path binary = KamailioProcess.binary();
    Files.createDirectories(dir);
    Path run = Files.createDirectories(dir.resolve("run"));
    Path cert = dir.resolve("cert.pem");
    Path key = dir.resolve("key.pem");
    KamailioProcess.writePem(dir, cert, key);
    int port;
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = s.getLocalPort();
    }
    Map<String, String> values = Map.of("WSS_PORT", Integer.toString(port), "ALGORITHM", algorithm,
        "REALM", realm, "PASSWORD", WssFlow.DIGEST_PASSWORD, "TLS_CFG", dir.resolve("tls.cfg").toString(),
        "RUN_DIR", run.toString(), "SECRET", Long.toHexString(new SecureRandom().nextLong()),
        "TCP_CHILDREN", Integer.toString(tcpChildren), "CERT", cert.toString(), "KEY", key.toString());
    Path cfg = dir.resolve("kamailio.cfg");
    Files.writeString(cfg, KamailioProcess.template(KamailioTarget.class, "kamailio/kamailio-load.cfg", values));
    Files.writeString(dir.resolve("tls.cfg"), KamailioProcess.template(KamailioTarget.class, "kamailio/tls-load.cfg", values));
    Path log = dir.resolve("kamailio.log");
    Process process = new ProcessBuilder(binary.toString(), "-DD", "-E", "-f", cfg.toString(), "-Y", run.toString(),
        "-w", dir.toString(), "-m", Integer.toString(sharedMemoryMb), "-M", "32")
        .redirectErrorStream(true).redirectOutput(log.toFile()).start();
    try {
      KamailioProcess.awaitListening(process, log, Duration.ofSeconds(30), port);
    } catch (RuntimeException | InterruptedException e) {
      process.destroyForcibly();
      throw e;
    }
    return new KamailioTarget(process, port);
  }

  URI wssUri() {
    return URI.create("wss://127.0.0.1:" + port + "/");
  }

  /** CPU time of Kamailio's main process and workers, in nanoseconds; -1 without {@code /proc}. */
  /** Kamailio's main process (its workers are its descendants). */
  ProcessHandle processHandle() {
    return process.toHandle();
  }

  long cpuNanos() {
    long ticks = 0;
    List<ProcessHandle> all = new ArrayList<>(process.descendants().toList());
    all.add(process.toHandle());
    for (ProcessHandle p : all) {
      try {
        String stat = Files.readString(Path.of("/proc", Long.toString(p.pid()), "stat"));
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        ticks += Long.parseLong(fields[11]) + Long.parseLong(fields[12]); // utime, stime
      } catch (IOException | RuntimeException e) {
        return -1;
      }
    }
    return ticks * 10_000_000L; // USER_HZ is 100 on Linux
  }

  /** Memory of the main process and all its workers, summed, from {@code /proc}. */
  ProcessMemory processMemory() {
    return ProcessMemory.ofTree(process.toHandle());
  }

  @Override
  public void close() throws InterruptedException {
    KamailioProcess.stop(process);
  }
}
