package org.webims.load;

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
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.webims.server.tls.SelfSignedKeystore;

/**
 * Debian's Kamailio 5.6 as the WSS Digest registrar of the comparison run, configured by
 * {@code kamailio/kamailio-load.cfg}: same subscribers, same password, same Digest algorithm as the IMS core.
 * Its CPU time is read from {@code /proc} for the main process and its workers.
 */
final class KamailioTarget implements AutoCloseable {

  static final String PACKAGES = "kamailio kamailio-websocket-modules kamailio-tls-modules";

  private final Process process;
  private final int port;

  private KamailioTarget(Process process, int port) {
    this.process = process;
    this.port = port;
  }

  static KamailioTarget start(Path dir, String realm, String algorithm, int tcpChildren, int sharedMemoryMb)
      throws Exception {
    Path binary = Stream.of("/usr/sbin/kamailio", "/usr/local/sbin/kamailio").map(Path::of)
        .filter(Files::isExecutable).findFirst().orElseThrow(() -> new IllegalStateException(
            "kamailio is not installed: apt-get install -y --no-install-recommends " + PACKAGES));
    Files.createDirectories(dir);
    Path run = Files.createDirectories(dir.resolve("run"));
    Path cert = dir.resolve("cert.pem");
    Path key = dir.resolve("key.pem");
    writePem(dir, cert, key);
    int port;
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = s.getLocalPort();
    }
    Map<String, String> values = Map.of("WSS_PORT", Integer.toString(port), "ALGORITHM", algorithm,
        "REALM", realm, "PASSWORD", WssFlow.DIGEST_PASSWORD, "TLS_CFG", dir.resolve("tls.cfg").toString(),
        "RUN_DIR", run.toString(), "SECRET", Long.toHexString(new SecureRandom().nextLong()),
        "TCP_CHILDREN", Integer.toString(tcpChildren), "CERT", cert.toString(), "KEY", key.toString());
    Path cfg = dir.resolve("kamailio.cfg");
    Files.writeString(cfg, template("kamailio/kamailio-load.cfg", values));
    Files.writeString(dir.resolve("tls.cfg"), template("kamailio/tls-load.cfg", values));
    Path log = dir.resolve("kamailio.log");
    Process process = new ProcessBuilder(binary.toString(), "-DD", "-E", "-f", cfg.toString(), "-Y", run.toString(),
        "-w", dir.toString(), "-m", Integer.toString(sharedMemoryMb), "-M", "32")
        .redirectErrorStream(true).redirectOutput(log.toFile()).start();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (!accepts(port)) {
      if (process.waitFor(100, TimeUnit.MILLISECONDS) || System.nanoTime() > deadline) {
        process.destroyForcibly();
        throw new IllegalStateException("kamailio did not start; its log:\n" + ServerJvm.tail(log));
      }
    }
    return new KamailioTarget(process, port);
  }

  URI wssUri() {
    return URI.create("wss://127.0.0.1:" + port + "/");
  }

  /** CPU time of Kamailio's main process and workers, in nanoseconds; -1 without {@code /proc}. */
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

  @Override
  public void close() throws InterruptedException {
    List<ProcessHandle> workers = process.descendants().toList();
    process.destroy();
    if (!process.waitFor(10, TimeUnit.SECONDS)) {
      process.destroyForcibly();
    }
    workers.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
  }

  private static String template(String resource, Map<String, String> values) throws IOException {
    String text;
    try (InputStream in = KamailioTarget.class.getClassLoader().getResourceAsStream(resource)) {
      if (in == null) {
        throw new IOException("no resource " + resource);
      }
      text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    for (Map.Entry<String, String> e : values.entrySet()) {
      text = text.replace("@" + e.getKey() + "@", e.getValue());
    }
    return text;
  }

  /** A self-signed certificate for 127.0.0.1 as PEM files, which OpenSSL reads. */
  private static void writePem(Path dir, Path cert, Path key) throws Exception {
    String password = "changeit";
    Path p12 = SelfSignedKeystore.ensure(dir.resolve("tls.p12"), password, "kamailio", List.of("127.0.0.1"));
    KeyStore ks = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(p12)) {
      ks.load(in, password.toCharArray());
    }
    PrivateKey privateKey = (PrivateKey) ks.getKey("kamailio", password.toCharArray());
    Base64.Encoder base64 = Base64.getMimeEncoder(64, new byte[] {'\n'});
    Files.writeString(cert, "-----BEGIN CERTIFICATE-----\n"
        + base64.encodeToString(ks.getCertificate("kamailio").getEncoded()) + "\n-----END CERTIFICATE-----\n");
    Files.writeString(key, "-----BEGIN PRIVATE KEY-----\n" + base64.encodeToString(privateKey.getEncoded())
        + "\n-----END PRIVATE KEY-----\n");
  }

  private static boolean accepts(int port) {
    try (Socket s = new Socket()) {
      s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 500);
      return true;
    } catch (IOException e) {
      return false;
    }
  }
}
