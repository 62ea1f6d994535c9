package org.webims.e2e.support;

import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * What the tests of {@code ./run.sh} and {@code ./run.sh --cluster} share: the built jars they start, free ports
 * for every server, the logs' tails for a failure message, and stopping the script with everything it started.
 */
public final class RunScripts {

  private RunScripts() {
  }

  /** The repository's root (the tests run in e2e-tests). */
  public static Path root() {
    return Path.of("").toAbsolutePath().getParent();
  }

  /** Fails unless the servers' executable jars are built (the scripts run with WEBIMS_NO_BUILD=1). */
  public static void requireBuiltServers() throws IOException {
    for (String module : List.of("wwsf-server", "ep-cscf", "ims-core")) {
      try (var jars = Files.list(root().resolve(module).resolve("target"))) {
        if (jars.noneMatch(p -> p.getFileName().toString().endsWith("-exec.jar"))) {
          fail("no " + module + "/target/*-exec.jar: run this test through 'mvn verify' (./test.sh), which packages "
              + "the servers before e2e-tests");
        }
      } catch (NoSuchFileException e) {
        fail(module + " is not built: run this test through 'mvn verify' (./test.sh)");
      }
    }
  }

  /**
   * Stops the script with SIGTERM (its trap stops its servers, the eP-CSCF after its drain), then kills whatever
   * of it is still there.
   */
  public static void stop(Process script) throws InterruptedException {
    if (script == null) {
      return;
    }
    List<ProcessHandle> servers = script.descendants().toList();
    script.destroy();
    if (!script.waitFor(60, TimeUnit.SECONDS)) {
      script.destroyForcibly();
    }
    for (ProcessHandle server : servers) {
      if (!server.onExit().completeOnTimeout(null, 30, TimeUnit.SECONDS).isDone() || server.isAlive()) {
        server.destroyForcibly();
      }
    }
    for (ProcessHandle server : script.descendants().toList()) {
      server.destroyForcibly();
    }
  }

  /** The last 40 lines of every log in {@code dir}, for a failure message. */
  public static String logTails(Path dir) throws IOException {
    StringBuilder tails = new StringBuilder();
    try (var logs = Files.list(dir)) {
      for (Path log : logs.filter(p -> p.toString().endsWith(".log")).sorted().toList()) {
        List<String> lines = Files.readAllLines(log);
        tails.append("\n--- ").append(log.getFileName()).append('\n')
            .append(String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size())));
      }
    } catch (NoSuchFileException e) {
      // no data directory yet: the script stopped before making it
    }
    return tails.toString();
  }

  public static int freeTcpPort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }

  /** A port free for both TCP and UDP (the SIP servers bind both). */
  public static int freeTcpAndUdpPort() throws IOException {
    for (int attempt = 0; attempt < 50; attempt++) {
      int port = freeTcpPort();
      try (DatagramSocket udp = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), port))) {
        return udp.getLocalPort();
      } catch (IOException e) {
        // UDP side taken: try another
      }
    }
    throw new IOException("no port free for both TCP and UDP");
  }

  /** A port free for both TCP and UDP whose next port is free for TCP too (baresip binds it for TLS). */
  public static int freeAdjacentTcpAndUdpPorts() throws IOException {
    for (int attempt = 0; attempt < 50; attempt++) {
      int port = freeTcpAndUdpPort();
      try (ServerSocket next = new ServerSocket(port + 1, 1, InetAddress.getLoopbackAddress())) {
        return port;
      } catch (IOException e) {
        // the next port is taken: try another
      }
    }
    throw new IOException("no two adjacent free ports");
  }

  /** The first of 200 media ports for rtpengine, picked as RtpEngineDaemon does. */
  public static int mediaPortRangeStart() {
    return 20_000 + ThreadLocalRandom.current().nextInt(200) * 200;
  }
}
