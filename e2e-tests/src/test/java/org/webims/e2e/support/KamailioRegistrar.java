package org.webims.e2e.support;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.webims.server.tls.SelfSignedKeystore;
import org.webims.sip.digest.DigestAlgorithm;

/**
 * A real Kamailio (Debian package, 5.6) started as a child process: a SIP registrar over
 * {@code ws://} and {@code wss://} on loopback with Digest authentication and one subscriber,
 * configured by the project's {@code kamailio/kamailio.cfg} and {@code kamailio/tls.cfg}
 * templates. The certificate is self-signed, made by the JDK's {@code keytool}
 * ({@link SelfSignedKeystore}) and written as PEM by the JDK.
 */
public final class KamailioRegistrar implements AutoCloseable {

  public static final String REALM = "ims.example.net";
  public static final String IMPI = "alice_private@ims.example.net";
  public static final String PASSWORD = "s3cret-webrtc";
  public static final String IMPU = "sip:alice@ims.example.net";

  /** Debian's packages; {@code .ci/run} installs them. */
  public static final String PACKAGES = "kamailio kamailio-websocket-modules kamailio-tls-modules";

  private static final long START_TIMEOUT_MILLIS = 30_000;
  private static final Pattern PLACEHOLDER = Pattern.compile("@[A-Z_]+@");

  private final Process process;
  private final Path log;
  private final int wsPort;
  private final int wssPort;

  private KamailioRegistrar(Process process, Path log, int wsPort, int wssPort) {
    this.process = process;
    this.log = log;
    this.wsPort = wsPort;
    this.wssPort = wssPort;
  }

  /**
   * Starts Kamailio with {@code algorithm} (MD5 or SHA-256, the auth module's choices) in a new
   * directory under {@code parent} and returns once its WS and WSS ports accept connections.
   *
   * @throws IllegalStateException if the {@code kamailio} binary is not installed
   */
  public static KamailioRegistrar start(Path parent, DigestAlgorithm algorithm) throws Exception {
    if (algorithm != DigestAlgorithm.MD5 && algorithm != DigestAlgorithm.SHA_256) {
      throw new IllegalArgumentException("Kamailio 5.6's auth module knows MD5 and SHA-256, not " + algorithm.token());
    }
    Path binary = binary();
    Path dir = Files.createTempDirectory(parent, "kamailio-" + algorithm.token() + "-");
    Path run = Files.createDirectories(dir.resolve("run"));
    Path cert = dir.resolve("cert.pem");
    Path key = dir.resolve("key.pem");
    writePem(dir, cert, key);

    int[] ports = freeLoopbackPorts(2);
    Map<String, String> values = new HashMap<>();
    values.put("WS_PORT", Integer.toString(ports[0]));
    values.put("WSS_PORT", Integer.toString(ports[1]));
    values.put("ALGORITHM", algorithm.token());
    values.put("REALM", REALM);
    values.put("IMPI", IMPI);
    values.put("PASSWORD", PASSWORD);
    values.put("IMPU", IMPU);
    values.put("SECRET", Long.toHexString(new java.security.SecureRandom().nextLong()));
    values.put("TLS_CFG", dir.resolve("tls.cfg").toString());
    values.put("RUN_DIR", run.toString());
    values.put("CERT", cert.toString());
    values.put("KEY", key.toString());
    Path cfg = dir.resolve("kamailio.cfg");
    Files.writeString(cfg, template("kamailio/kamailio.cfg", values));
    Files.writeString(dir.resolve("tls.cfg"), template("kamailio/tls.cfg", values));

    Path log = dir.resolve("kamailio.log");
    List<String> command = List.of(binary.toString(), "-DD", "-E", "-f", cfg.toString(), "-Y", run.toString(),
        "-w", dir.toString(), "-m", "64", "-M", "8");
    Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
        .redirectOutput(log.toFile()).start();
    KamailioRegistrar registrar = new KamailioRegistrar(process, log, ports[0], ports[1]);
    try {
      registrar.awaitListening();
    } catch (Exception | Error e) {
      registrar.close();
      throw e;
    }
    return registrar;
  }

  public URI wsUri() {
    return URI.create("ws://127.0.0.1:" + wsPort + "/");
  }

  public URI wssUri() {
    return URI.create("wss://127.0.0.1:" + wssPort + "/");
  }

  /** Everything Kamailio logged so far (it logs to stderr with {@code -E}). */
  public String log() {
    try {
      return Files.readString(log, StandardCharsets.UTF_8);
    } catch (IOException e) {
      return "(cannot read " + log + ": " + e + ")";
    }
  }

  /** Stops Kamailio: SIGTERM to the main process, which stops its workers; SIGKILL after 10 s. */
  @Override
  public void close() throws InterruptedException {
    List<ProcessHandle> workers = process.descendants().toList();
    process.destroy();
    if (!process.waitFor(10, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      process.waitFor(5, TimeUnit.SECONDS);
    }
    for (ProcessHandle worker : workers) {
      if (worker.isAlive()) {
        worker.destroyForcibly();
      }
    }
  }

  private void awaitListening() throws Exception {
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(START_TIMEOUT_MILLIS);
    for (int port : new int[] {wsPort, wssPort}) {
      while (!accepts(port)) {
        // Waits 50 ms for the process to end: a failed start is reported at once, with its log.
        if (process.waitFor(50, TimeUnit.MILLISECONDS)) {
          throw new IllegalStateException("kamailio exited with " + process.exitValue() + " before listening on "
              + port + "; its log:\n" + log());
        }
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException("kamailio did not listen on 127.0.0.1:" + port + " within "
              + START_TIMEOUT_MILLIS + " ms; its log:\n" + log());
        }
      }
    }
  }

  private static boolean accepts(int port) {
    try (Socket s = new Socket()) {
      s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 500);
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  private static Path binary() {
    List<Path> candidates = new ArrayList<>();
    String path = System.getenv("PATH");
    if (path != null) {
      for (String entry : path.split(java.io.File.pathSeparator)) {
        if (!entry.isEmpty()) {
          candidates.add(Path.of(entry, "kamailio"));
        }
      }
    }
    // Debian installs it in /usr/sbin, which a non-root PATH may lack.
    candidates.add(Path.of("/usr/sbin/kamailio"));
    candidates.add(Path.of("/usr/local/sbin/kamailio"));
    for (Path candidate : candidates) {
      if (Files.isExecutable(candidate)) {
        return candidate;
      }
    }
    throw new IllegalStateException("the kamailio binary is not installed (looked in PATH and /usr/sbin); "
        + "install it with: apt-get install -y --no-install-recommends " + PACKAGES + " (.ci/run does)");
  }

  private static String template(String resource, Map<String, String> values) throws IOException {
    String text;
    try (InputStream in = KamailioRegistrar.class.getClassLoader().getResourceAsStream(resource)) {
      if (in == null) {
        throw new IOException("no resource " + resource);
      }
      text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    for (Map.Entry<String, String> e : values.entrySet()) {
      text = text.replace("@" + e.getKey() + "@", e.getValue());
    }
    Matcher left = PLACEHOLDER.matcher(text);
    if (left.find()) {
      throw new IllegalStateException(resource + ": no value for " + left.group());
    }
    return text;
  }

  /** A self-signed RSA certificate for 127.0.0.1 by keytool, exported as PEM with the JDK only. */
  private static void writePem(Path dir, Path cert, Path key) throws Exception {
    char[] password = "changeit".toCharArray();
    Path p12 = SelfSignedKeystore.ensure(dir.resolve("tls.p12"), new String(password), "kamailio",
        List.of("127.0.0.1", "localhost"));
    KeyStore ks = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(p12)) {
      ks.load(in, password);
    }
    PrivateKey privateKey = (PrivateKey) ks.getKey("kamailio", password);
    Certificate certificate = ks.getCertificate("kamailio");
    Files.writeString(cert, pem("CERTIFICATE", certificate.getEncoded()));
    // PKCS#8 ("BEGIN PRIVATE KEY"), which OpenSSL reads.
    Files.writeString(key, pem("PRIVATE KEY", privateKey.getEncoded()));
  }

  private static String pem(String type, byte[] der) {
    return "-----BEGIN " + type + "-----\n"
        + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
        + "\n-----END " + type + "-----\n";
  }

  private static int[] freeLoopbackPorts(int n) throws IOException {
    ServerSocket[] sockets = new ServerSocket[n];
    int[] ports = new int[n];
    try {
      for (int i = 0; i < n; i++) {
        sockets[i] = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        ports[i] = sockets[i].getLocalPort();
      }
    } finally {
      for (ServerSocket s : sockets) {
        if (s != null) {
          s.close();
        }
      }
    }
    return ports;
  }
}
