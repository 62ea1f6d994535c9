package org.webims.e2e.support;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A real SIP phone that is not a browser (issue 15): baresip 1.0.0 (Debian package) as a child process of the
 * test, with its own config directory, registered at the IMS core's S-CSCF over UDP with SIP Digest (SCS-34 for its
 * calls), on loopback and free ports only. Its microphone is a sox-made 440 Hz tone played by {@code aufile}; the
 * {@code sndfile} filter records what it receives (and what it sends) as WAV files, so {@link #receivedRms()} can
 * say "not silence". The test commands it over {@code ctrl_tcp} (netstring JSON) and reads its call state back from
 * the events baresip sends there. {@link #close()} stops it, also when the test failed.
 */
public final class Baresip implements AutoCloseable {

  private static final Path MODULES = Path.of("/usr/lib/baresip/modules");
  private static final Duration START_TIMEOUT = Duration.ofSeconds(20);
  /** baresip's call events that change the call's state (others, such as CALL_LOCAL_SDP, do not). */
  private static final List<String> CALL_STATES = List.of("CALL_INCOMING", "CALL_OUTGOING", "CALL_RINGING",
      "CALL_PROGRESS", "CALL_ESTABLISHED", "CALL_CLOSED");

  private final Process process;
  private final Path dir;
  private final Socket control;
  private final List<String> events = new CopyOnWriteArrayList<>();
  private final Map<String, String> responses = new ConcurrentHashMap<>();
  private final AtomicLong tokens = new AtomicLong();
  private final String aor;

  private Baresip(Process process, Path dir, Socket control, String aor) {
    this.process = process;
    this.dir = dir;
    this.control = control;
    this.aor = aor;
  }

  /**
   * Fails, naming the Debian packages, unless baresip with the modules this class loads, sox and rtpengine (the
   * phone tests' gateway) are installed: like the Kamailio tests, these fail rather than skip without them.
   */
  public static void requireInstalled() {
    boolean installed = Files.isExecutable(Path.of("/usr/bin/baresip")) && Files.isExecutable(Path.of("/usr/bin/sox"))
        && Files.isExecutable(Path.of("/usr/bin/rtpengine"))
        && Stream.of("aufile", "sndfile", "ctrl_tcp", "account", "menu", "g711", "opus", "alsa", "echo", "aubridge")
            .allMatch(m -> Files.exists(MODULES.resolve(m + ".so")));
    if (!installed) {
      throw new IllegalStateException("baresip, sox or rtpengine is missing: apt-get install -y "
          + "--no-install-recommends baresip-core sox rtpengine-daemon (./test.sh does)");
    }
  }

  /**
   * Starts baresip in {@code dir} (created) as {@code aor}, with Digest user {@code impi} and {@code password},
   * registering at the S-CSCF {@code scscf} (UDP; also its outbound proxy, as the phone has no P-CSCF), and
   * returns once it is registered.
   *
   * @param autoAnswer answer incoming calls at once (the demo's echo phone does)
   */
  public static Baresip start(Path dir, String aor, String impi, String password, InetSocketAddress scscf,
      boolean autoAnswer) throws IOException, InterruptedException {
    Files.createDirectories(dir);
    Path tone = dir.resolve("tone.wav");
    Sox.tone(tone, Duration.ofMinutes(5));
    int sip = freeUdpAndTcpPortPair();
    int ctrl = WebImsSystem.freePort();
    String host = scscf.getAddress().getHostAddress();
    Files.writeString(dir.resolve("config"), String.join("\n",
        "poll_method epoll",
        "sip_listen 127.0.0.1:" + sip,
        "net_interface 127.0.0.1",
        "audio_source aufile," + tone,
        // No sound card in CI: ALSA's null device plays what is received; sndfile records it before that.
        "audio_player alsa,null",
        "audio_alert alsa,null",
        "ausrc_srate 48000",
        "ausrc_channels 1",
        "module_path " + MODULES,
        "module g711.so",
        "module opus.so",
        "module aufile.so",
        "module alsa.so",
        "module sndfile.so",
        "snd_path " + dir,
        "module_app account.so",
        "module_app menu.so",
        "module_app ctrl_tcp.so",
        "ctrl_tcp_listen 127.0.0.1:" + ctrl,
        ""));
    Files.writeString(dir.resolve("accounts"), "<" + aor + ">;auth_user=" + impi + ";auth_pass=" + password
        + ";outbound=\"sip:" + host + ":" + scscf.getPort() + ";lr\";regint=600;answermode="
        + (autoAnswer ? "auto" : "manual") + "\n");
    Files.writeString(dir.resolve("contacts"), "");
    Process process = new ProcessBuilder("/usr/bin/baresip", "-s", "-f", dir.toString())
        .directory(dir.toFile()).redirectErrorStream(true).redirectOutput(dir.resolve("baresip.log").toFile())
        .redirectInput(ProcessBuilder.Redirect.PIPE).start();
    Baresip phone = null;
    try {
      Socket control = connect(process, ctrl, dir);
      phone = new Baresip(process, dir, control, aor);
      phone.readEvents();
      Baresip started = phone;
      // Not the REGISTER_OK event: baresip registers before ctrl_tcp listens, so the event may come before we do.
      await().atMost(START_TIMEOUT).pollInterval(Duration.ofMillis(200))
          .alias("baresip " + aor + " registered; log " + log(dir))
          .until(started::registered);
      return phone;
    } catch (RuntimeException | Error e) {
      if (phone != null) {
        phone.close();
      } else {
        stop(process);
      }
      throw e;
    }
  }

  private static Socket connect(Process process, int port, Path dir) {
    List<Socket> connected = new ArrayList<>(1);
    await().atMost(START_TIMEOUT).pollInterval(Duration.ofMillis(100))
        .alias("baresip's ctrl_tcp on port " + port + " (log: " + dir.resolve("baresip.log") + ")")
        .until(() -> {
          if (!process.isAlive()) {
            throw new IllegalStateException("baresip exited with " + process.exitValue() + ": " + log(dir));
          }
          try {
            connected.add(new Socket(InetAddress.getLoopbackAddress(), port));
            return true;
          } catch (IOException e) {
            return false;
          }
        });
    return connected.get(0);
  }

  /** The address of record this phone registered. */
  public String aor() {
    return aor;
  }

  /** True when baresip's {@code reginfo} says its account is registered. */
  public boolean registered() {
    String info = command("reginfo", "");
    return info.contains("OK");
  }

  /** Calls {@code uri}. */
  public void dial(String uri) {
    command("dial", uri);
  }

  /** Answers the ringing call. */
  public void answer() {
    command("accept", "");
  }

  /** Hangs up the current call. */
  public void hangUp() {
    command("hangup", "");
  }

  /**
   * The phone's call state from its events: {@code INCOMING}, {@code RINGING}, {@code PROGRESS},
   * {@code ESTABLISHED}, {@code CLOSED}, or {@code IDLE} before any call.
   */
  public String callState() {
    for (int i = events.size() - 1; i >= 0; i--) {
      String type = events.get(i);
      if (CALL_STATES.contains(type)) {
        return type.substring("CALL_".length());
      }
    }
    return "IDLE";
  }

  /** How many times baresip reported event {@code type} (e.g. {@code CALL_CLOSED}). */
  public long eventCount(String type) {
    return events.stream().filter(type::equals).count();
  }

  /** Waits until the phone reports event {@code type} once more than {@code before} times. */
  public void awaitEvent(String type, long before, Duration timeout) {
    await().atMost(timeout).pollInterval(Duration.ofMillis(50))
        .alias("baresip " + aor + " event " + type + "; events so far " + events + "; log " + log(dir))
        .until(() -> eventCount(type) > before);
  }

  /** Waits until the phone reports event {@code type} (at least once). */
  public void awaitEvent(String type, Duration timeout) {
    awaitEvent(type, 0, timeout);
  }

  /**
   * The RMS amplitude (0..1) of what the phone received in its last call, from sndfile's decoded recording,
   * measured by sox; 0 when nothing was recorded.
   */
  public double receivedRms() throws IOException, InterruptedException {
    Path recording = newest("-dec.wav");
    return recording == null ? 0 : Sox.rms(recording);
  }

  /**
   * Waits until the recording of what the phone received is louder than {@code notSilence} (sox's RMS, 0..1): the
   * other side's audio reaches it.
   */
  public void awaitHearing(double notSilence, Duration timeout) {
    await().atMost(timeout).pollInterval(Duration.ofMillis(500))
        .alias(aor + " hears the other side (RMS of its recording above " + notSilence + ")")
        .until(this::receivedRms, rms -> rms > notSilence);
  }

  /** Deletes the recordings of earlier calls, so {@link #receivedRms()} measures only the next call. */
  public void forgetRecordings() throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      for (Path p : files.filter(p -> p.getFileName().toString().startsWith("dump-")).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }

  private Path newest(String suffix) throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      return files.filter(p -> p.getFileName().toString().endsWith(suffix))
          .max((a, b) -> Long.compare(a.toFile().lastModified(), b.toFile().lastModified())).orElse(null);
    }
  }

  /** baresip's console output so far, for failure messages. */
  public String log() {
    return log(dir);
  }

  private static String log(Path dir) {
    try {
      return Files.readString(dir.resolve("baresip.log"), StandardCharsets.UTF_8);
    } catch (IOException e) {
      return "(cannot read the log: " + e + ")";
    }
  }

  /** Sends a command and returns the data of baresip's response to it. */
  private String command(String name, String params) {
    String token = name + "-" + tokens.incrementAndGet();
    send("{\"command\":\"" + name + "\",\"params\":\"" + params + "\",\"token\":\"" + token + "\"}");
    await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(20))
        .alias("baresip's response to " + name + " " + params).until(() -> responses.containsKey(token));
    return responses.remove(token);
  }

  private synchronized void send(String json) {
    byte[] body = json.getBytes(StandardCharsets.UTF_8);
    try {
      OutputStream out = control.getOutputStream();
      out.write((body.length + ":").getBytes(StandardCharsets.US_ASCII));
      out.write(body);
      out.write(',');
      out.flush();
    } catch (IOException e) {
      throw new UncheckedIOException("baresip's ctrl_tcp: " + log(dir), e);
    }
  }

  /** Reads ctrl_tcp's netstrings on a daemon thread and keeps each event's type. */
  private void readEvents() {
    Thread reader = new Thread(() -> {
      try (InputStream in = control.getInputStream()) {
        while (true) {
          String message = netstring(in);
          if (message == null) {
            return;
          }
          String type = field(message, "type");
          String token = field(message, "token");
          if (message.contains("\"event\":true") && type != null) {
            events.add(type);
          } else if (message.contains("\"response\":true") && token != null) {
            String data = field(message, "data");
            responses.put(token, data == null ? "" : data);
          }
        }
      } catch (IOException e) {
        // baresip stopped: no more events
      }
    }, "baresip-events-" + aor);
    reader.setDaemon(true);
    reader.start();
  }

  private static String netstring(InputStream in) throws IOException {
    int length = 0;
    int c;
    while ((c = in.read()) != ':') {
      if (c < 0) {
        return null;
      }
      length = length * 10 + (c - '0');
    }
    byte[] body = in.readNBytes(length);
    in.read(); // the trailing comma
    return new String(body, StandardCharsets.UTF_8);
  }

  /** A string field of baresip's flat JSON object, escapes left as they are, or null. */
  private static String field(String json, String name) {
    String key = "\"" + name + "\":\"";
    int start = json.indexOf(key);
    if (start < 0) {
      return null;
    }
    start += key.length();
    int end = start;
    while (end < json.length() && json.charAt(end) != '"') {
      end += json.charAt(end) == '\\' ? 2 : 1;
    }
    return json.substring(start, Math.min(end, json.length()));
  }

  /** Stops baresip: {@code quit} on its console, SIGTERM after 3 s, SIGKILL after 10 s. */
  @Override
  public void close() {
    try {
      process.getOutputStream().write("q\n".getBytes(StandardCharsets.US_ASCII));
      process.getOutputStream().flush();
    } catch (IOException e) {
      // already gone
    }
    try {
      if (!process.waitFor(3, TimeUnit.SECONDS)) {
        stop(process);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
    }
    try {
      control.close();
    } catch (IOException e) {
      // closing anyway
    }
  }

  private static void stop(Process process) {
    process.destroy();
    try {
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
    }
  }

  /** baresip binds its SIP port for UDP and TCP, and TLS on the next port: all three must be free. */
  private static int freeUdpAndTcpPortPair() throws IOException {
    for (int attempt = 0; attempt < 50; attempt++) {
      int port = WebImsSystem.freePort();
      if (port < 65535 && free(port) && free(port + 1)) {
        return port;
      }
    }
    throw new IOException("no two free adjacent ports on loopback");
  }

  private static boolean free(int port) {
    try (ServerSocket tcp = new ServerSocket(port, 1, InetAddress.getLoopbackAddress());
        DatagramSocket udp = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), port))) {
      return true;
    } catch (IOException e) {
      return false;
    }
  }
}
