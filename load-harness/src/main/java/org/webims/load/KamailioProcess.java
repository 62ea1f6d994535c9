package org.webims.load;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.webims.server.tls.SelfSignedKeystore;

/**
 * What running Debian's Kamailio 5.6 as a child process takes, for the load harness's comparison run
 * ({@link KamailioTarget}) and the e2e interop tests' registrar alike: finding the binary, filling a
 * configuration template, a self-signed certificate as PEM files (OpenSSL reads no PKCS#12 here), waiting
 * for its ports and stopping it with its workers.
 */
public final class KamailioProcess {

  /** Debian's packages; {@code .ci/run} installs them. */
  public static final String PACKAGES = "kamailio kamailio-websocket-modules kamailio-tls-modules";

  private static final Pattern PLACEHOLDER = Pattern.compile("@[A-Z_]+@");

  private KamailioProcess() {
  }

  /**
   * The {@code kamailio} binary: on the PATH, else where Debian installs it ({@code /usr/sbin}, which a
   * non-root PATH may lack).
   *
   * @throws IllegalStateException if it is not installed
   */
  public static Path binary() {
    List<Path> candidates = new ArrayList<>();
    String path = System.getenv("PATH");
    if (path != null) {
      for (String entry : path.split(File.pathSeparator)) {
        if (!entry.isEmpty()) {
          candidates.add(Path.of(entry, "kamailio"));
        }
      }
    }
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

  /**
   * The class-path resource {@code resource} (found by {@code owner}'s class loader) with every
   * {@code @NAME@} replaced by its value; a placeholder left without a value is an error.
   */
  public static String template(Class<?> owner, String resource, Map<String, String> values) throws IOException {
    String text;
    try (InputStream in = owner.getClassLoader().getResourceAsStream(resource)) {
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

  /** A self-signed RSA certificate for 127.0.0.1 and localhost by keytool, written as PEM with the JDK only. */
  public static void writePem(Path dir, Path cert, Path key) throws Exception {
    char[] password = "changeit".toCharArray();
    Path p12 = SelfSignedKeystore.ensure(dir.resolve("tls.p12"), new String(password), "kamailio",
        List.of("127.0.0.1", "localhost"));
    KeyStore ks = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(p12)) {
      ks.load(in, password);
    }
    PrivateKey privateKey = (PrivateKey) ks.getKey("kamailio", password);
    Files.writeString(cert, pem("CERTIFICATE", ks.getCertificate("kamailio").getEncoded()));
    // PKCS#8 ("BEGIN PRIVATE KEY"), which OpenSSL reads.
    Files.writeString(key, pem("PRIVATE KEY", privateKey.getEncoded()));
  }

  private static String pem(String type, byte[] der) {
    return "-----BEGIN " + type + "-----\n"
        + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
        + "\n-----END " + type + "-----\n";
  }

  /**
   * Returns once every port accepts connections on loopback. A process that ends first is reported at once,
   * with the end of its log; so is one that does not listen within {@code timeout}.
   */
  public static void awaitListening(Process process, Path log, Duration timeout, int... ports)
      throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    for (int port : ports) {
      while (!ServerJvm.accepts(port)) {
        if (process.waitFor(50, TimeUnit.MILLISECONDS)) {
          throw new IllegalStateException("kamailio exited with " + process.exitValue() + " before listening on "
              + port + "; its log:\n" + ServerJvm.tail(log));
        }
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException("kamailio did not listen on 127.0.0.1:" + port + " within " + timeout
              + "; its log:\n" + ServerJvm.tail(log));
        }
      }
    }
  }

  /** SIGTERM to the main process, which stops its workers; SIGKILL to all after 10 s. */
  public static void stop(Process process) throws InterruptedException {
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
}
