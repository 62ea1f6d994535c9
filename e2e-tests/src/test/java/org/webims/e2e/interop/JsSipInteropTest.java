package org.webims.e2e.interop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.webims.e2e.support.WebImsSystem;
import org.webims.waf.testing.WafTokenClient;

/**
 * Issue 12 point 2 (EPC-22): JsSIP 3.13.8, an ordinary SIP UA, registers with SIP Digest (MD5)
 * through the eP-CSCF over WSS with its plain configuration (sockets, uri, password,
 * authorization_user), then deregisters. It runs in Node ({@code src/test/node/jssip-register.js},
 * packages pinned in that folder's package-lock.json, installed by
 * {@code npm ci --prefix e2e-tests/src/test/node}); this test runs it as a child process against the
 * whole system.
 *
 * <p>JsSIP sends no credentials until challenged, keeps only the last {@code WWW-Authenticate} line and
 * answers only MD5: the IMS core's default list (SHA-512-256, SHA-256, MD5) ends with MD5, and the
 * eP-CSCF puts its Bearer challenge in front of the Digest ones, so the defaults work (docs/interop.md).
 */
@Tag("interop")
class JsSipInteropTest {

  private static final Path NODE_DIR = Path.of("src/test/node");
  private static final String IMPU = "sip:alice@ims.example.net";
  private static final String IMPI = "alice_private@ims.example.net";
  private static final String PASSWORD = "s3cret-webrtc";
  private static final Duration TIMEOUT = Duration.ofSeconds(60);

  @TempDir
  static Path dir;

  private static WebImsSystem system;

  @BeforeAll
  static void start() throws IOException {
    system = WebImsSystem.start(dir); // the IMS core's default Digest algorithms
  }

  @AfterAll
  static void stop() {
    if (system != null) {
      system.close();
    }
  }

  @Test
  void jsSipRegistersWithMd5DigestThroughTheEpCscfAndDeregisters_EPC22() throws Exception {
    URI epcscf = URI.create(system.epcscfUrl());
    Path ca = dir.resolve("ep-cscf-cert.pem");
    Files.writeString(ca, serverCertificatePem(epcscf.getHost(), epcscf.getPort()));

    Result run = node(List.of("jssip-register.js",
        "--url", epcscf + "/",
        "--origin", system.wwsfUrl(),
        "--uri", IMPU,
        "--impi", IMPI,
        "--ca", ca.toString()));

    assertThat(run.output()).as(run.output()).contains("registered 200", "unregistered 200");
    assertThat(run.exitCode()).as(run.output()).isZero();
    assertThat(system.bindings(IMPU)).isEmpty();
  }

  private record Result(int exitCode, String output) {
  }

  /**
   * {@code node args...} in {@link #NODE_DIR}, with {@code JSSIP_PASSWORD} in its environment and JsSIP's
   * warnings on; fails (not skips) when Node or the packages are missing, or when it outlives {@link #TIMEOUT}.
   */
  private static Result node(List<String> args) throws Exception {
    if (!Files.isDirectory(NODE_DIR.resolve("node_modules/jssip")) || !Files.isDirectory(NODE_DIR.resolve(
        "node_modules/ws"))) {
      fail("JsSIP is not installed in e2e-tests/" + NODE_DIR + "/node_modules: run `npm ci --prefix "
          + "e2e-tests/src/test/node` from the repository root (Node 20 or later)");
    }
    List<String> command = new ArrayList<>(List.of("node"));
    command.addAll(args);
    Path log = dir.resolve("node.log");
    ProcessBuilder pb = new ProcessBuilder(command).directory(NODE_DIR.toFile()).redirectErrorStream(true)
        .redirectOutput(log.toFile());
    pb.environment().put("JSSIP_PASSWORD", PASSWORD);
    pb.environment().put("DEBUG", "JsSIP:WARN:*,JsSIP:ERROR:*");
    pb.environment().put("DEBUG_COLORS", "false");
    Process process;
    try {
      process = pb.start();
    } catch (IOException e) {
      return fail("Node is not installed (`node` not found on PATH): " + e.getMessage());
    }
    if (!process.waitFor(TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
      process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      fail("node " + args + " did not end within " + TIMEOUT + ":\n" + Files.readString(log));
    }
    return new Result(process.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
  }

  /** The eP-CSCF's self-signed certificate as PEM, read off a TLS handshake, for Node's {@code ca}. */
  private static String serverCertificatePem(String host, int port) throws Exception {
    // Trusting anything here only reads the certificate; Node then trusts exactly this one.
    SSLSocketFactory tls = WafTokenClient.trustAllSslContext().getSocketFactory();
    try (SSLSocket socket = (SSLSocket) tls.createSocket(host, port)) {
      socket.startHandshake();
      byte[] der = socket.getSession().getPeerCertificates()[0].getEncoded();
      return "-----BEGIN CERTIFICATE-----\n" + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
          + "\n-----END CERTIFICATE-----\n";
    }
  }
}
