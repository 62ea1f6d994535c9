package org.webims.e2e.support;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.webims.load.KamailioProcess;
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

  private final KamailioChild kamailio;
  private final int wsPort;
  private final int wssPort;

  private KamailioRegistrar(KamailioChild kamailio, int wsPort, int wssPort) {
    this.kamailio = kamailio;
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
    Path dir = Files.createTempDirectory(parent, "kamailio-" + algorithm.token() + "-");
    Path run = Files.createDirectories(dir.resolve("run"));
    Path cert = dir.resolve("cert.pem");
    Path key = dir.resolve("key.pem");
    KamailioProcess.writePem(dir, cert, key);

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
    Files.writeString(cfg, KamailioProcess.template(KamailioRegistrar.class, "kamailio/kamailio.cfg", values));
    Files.writeString(dir.resolve("tls.cfg"), KamailioProcess.template(KamailioRegistrar.class, "kamailio/tls.cfg", values));

    KamailioChild kamailio = KamailioChild.start(dir, cfg, run, ports[0], ports[1]);
    return new KamailioRegistrar(kamailio, ports[0], ports[1]);
  }

  public URI wsUri() {
    return URI.create("ws://127.0.0.1:" + wsPort + "/");
  }

  public URI wssUri() {
    return URI.create("wss://127.0.0.1:" + wssPort + "/");
  }

  /** Everything Kamailio logged so far (it logs to stderr with {@code -E}). */
  public String log() {
    return kamailio.log();
  }

  /** Stops Kamailio. */
  @Override
  public void close() throws InterruptedException {
    kamailio.close();
  }

  /** {@code n} distinct loopback ports that were free a moment ago. */
  public static int[] freeLoopbackPorts(int n) throws IOException {
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
