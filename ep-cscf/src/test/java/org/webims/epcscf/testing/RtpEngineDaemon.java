package org.webims.epcscf.testing;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * A real rtpengine (Debian's {@code rtpengine-daemon}, 10.5) as a child process of the tests: in the
 * foreground, userspace forwarding only ({@code --table=-1}, no kernel module), media and the ng
 * control port on 127.0.0.1, logging to stderr, which goes to {@link #log()}. The eIMS-AGW of the
 * media tests (EPC-80..82) and of the end-to-end calls with baresip.
 *
 * <p>The ng port is a free UDP port found at start; the media ports are a range of {@link #MEDIA_PORTS}
 * picked at random, so several daemons (other tests, other helpers) can run side by side. Ready when it
 * answers an ng {@code ping} with {@code pong}.
 */
public final class RtpEngineDaemon implements AutoCloseable {

  /** Where Debian installs it. */
  public static final Path BINARY = Path.of("/usr/bin/rtpengine");

  /** Media ports per daemon: two per media stream and side, plenty for a test's few calls. */
  public static final int MEDIA_PORTS = 200;

  private static final Duration START_TIMEOUT = Duration.ofSeconds(20);
  private static final int LOWEST_MEDIA_PORT = 20_000;
  private static final int HIGHEST_MEDIA_PORT = 60_000;

  private final Process process;
  private final Path log;
  private final InetSocketAddress ng;
  private final int portMin;
  private final int portMax;

  private RtpEngineDaemon(Process process, Path log, InetSocketAddress ng, int portMin, int portMax) {
    this.process = process;
    this.log = log;
    this.ng = ng;
    this.portMin = portMin;
    this.portMax = portMax;
  }

  /** Starts one in a new temporary directory (its log lives there). */
  public static RtpEngineDaemon start() throws Exception {
    return start(Files.createTempDirectory("rtpengine"));
  }

  /**
   * Starts one logging to {@code dir/rtpengine.log} and returns once it answers an ng {@code ping}.
   *
   * @throws IllegalStateException if the binary is not installed, or it exits or stays silent at start
   */
  public static RtpEngineDaemon start(Path dir) throws Exception {
    if (!Files.isExecutable(BINARY)) {
      throw new IllegalStateException(BINARY + " is not installed: apt-get install -y --no-install-recommends "
          + "rtpengine-daemon");
    }
    int ngPort = freeUdpPort();
    int slots = (HIGHEST_MEDIA_PORT - LOWEST_MEDIA_PORT) / MEDIA_PORTS;
    int portMin = LOWEST_MEDIA_PORT + ThreadLocalRandom.current().nextInt(slots) * MEDIA_PORTS;
    int portMax = portMin + MEDIA_PORTS - 1;
    Path log = dir.resolve("rtpengine.log");
    List<String> command = List.of(BINARY.toString(), "--config-file=none", "--foreground", "--log-stderr",
        "--table=-1", "--interface=127.0.0.1", "--listen-ng=127.0.0.1:" + ngPort,
        "--port-min=" + portMin, "--port-max=" + portMax,
        // A deleted call goes at once, so "list" shows what is really left.
        "--delete-delay=0", "--num-threads=2", "--log-level=6");
    Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
        .redirectOutput(log.toFile()).start();
    RtpEngineDaemon daemon = new RtpEngineDaemon(process, log,
        new InetSocketAddress(InetAddress.getLoopbackAddress(), ngPort), portMin, portMax);
    try {
      daemon.awaitPong();
    } catch (Exception | Error e) {
      daemon.close();
      throw e;
    }
    return daemon;
  }

  /** The ng control address (UDP). */
  public InetSocketAddress ng() {
    return ng;
  }

  /** {@code 127.0.0.1:port}, as the eP-CSCF's {@code webims.epcscf.media.ng-address} takes it. */
  public String ngAddress() {
    return "127.0.0.1:" + ng.getPort();
  }

  /** The lowest media port it may use. */
  public int portMin() {
    return portMin;
  }

  /** The highest media port it may use. */
  public int portMax() {
    return portMax;
  }

  /** Whether the process still runs. */
  public boolean isAlive() {
    return process.isAlive();
  }

  /**
   * Sends one ng message (a bencoded dictionary, without the cookie) and returns the bencoded reply
   * (without the cookie), blocking up to {@code timeout}; {@code null} if none came. For tests only: the
   * eP-CSCF has its own client.
   */
  public String command(String bencodedDictionary, Duration timeout) throws IOException {
    String cookie = Long.toHexString(ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE);
    byte[] request = (cookie + " " + bencodedDictionary).getBytes(StandardCharsets.ISO_8859_1);
    try (DatagramSocket socket = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
      socket.setSoTimeout((int) Math.max(1, timeout.toMillis()));
      socket.send(new DatagramPacket(request, request.length, ng));
      byte[] buffer = new byte[65_535];
      while (true) {
        DatagramPacket reply = new DatagramPacket(buffer, buffer.length);
        try {
          socket.receive(reply);
        } catch (SocketTimeoutException e) {
          return null;
        }
        String text = new String(reply.getData(), 0, reply.getLength(), StandardCharsets.ISO_8859_1);
        if (text.startsWith(cookie + " ")) {
          return text.substring(cookie.length() + 1);
        }
      }
    }
  }

  /** Everything it logged so far. */
  public String log() {
    try {
      return Files.readString(log, StandardCharsets.ISO_8859_1);
    } catch (IOException e) {
      return "(cannot read " + log + ": " + e + ")";
    }
  }

  /** SIGTERM, then SIGKILL after 10 s. */
  @Override
  public void close() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(10, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      process.waitFor(5, TimeUnit.SECONDS);
    }
  }

  private void awaitPong() throws IOException, InterruptedException {
    long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
    while (true) {
      if (!process.isAlive()) {
        throw new IllegalStateException("rtpengine exited with " + process.exitValue()
            + " before answering ping; its log:\n" + log());
      }
      if ("d6:result4:ponge".equals(command("d7:command4:pinge", Duration.ofMillis(200)))) {
        return;
      }
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("rtpengine did not answer ping on " + ngAddress() + " within "
            + START_TIMEOUT + "; its log:\n" + log());
      }
      process.waitFor(50, TimeUnit.MILLISECONDS);
    }
  }

  private static int freeUdpPort() throws IOException {
    try (DatagramSocket socket = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }
}
