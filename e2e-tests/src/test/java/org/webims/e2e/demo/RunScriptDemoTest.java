package org.webims.e2e.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.awaitility.Awaitility.await;

import java.io.Closeable;
import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.webims.e2e.support.Baresip;
import org.webims.e2e.support.Browser;
import org.webims.e2e.support.CallMedia;

/**
 * The demo as a first-time user gets it: {@code ./run.sh} itself, with the demo's own configuration
 * ({@code demo/subscribers.yaml}, {@code demo/waf-seed.yml} and the script's own server options, not a test copy),
 * started from the jars the build made. Every port is moved (issue 12 point 10) while this test holds the default
 * ports, so a server that still used one of them could not start. mallory, whom the demo HSS bars for this WAF,
 * gets 403 (EPC-25, SCS-06, SCS-06a: the eP-CSCF names its WAF by default); alice registers.
 */
class RunScriptDemoTest {

  private static final Duration START = Duration.ofSeconds(240);
  private static final Duration WAIT = Duration.ofSeconds(30);
  /**
   * The ports run.sh uses when nothing is moved: WWSF, eP-CSCF WSS, IMS core admin, IMS core SIP, eP-CSCF SIP, the
   * management ports of the WWSF, the eP-CSCF and the IMS core (issue 16), the demo phone's SIP and TLS, rtpengine's
   * ng (issue 15).
   */
  private static final int[] DEFAULT_TCP_PORTS = {8443, 7443, 8090, 5060, 5062, 9081, 9082, 9083, 5070, 5071};
  private static final int[] DEFAULT_UDP_PORTS = {5060, 5062, 5070, 2223};

  @TempDir
  static Path data;

  private static final List<Closeable> heldDefaults = new ArrayList<>();
  private static Process demo;
  private static Path output;
  private static int wwsfPort;
  private static Map<String, String> ports;

  @BeforeAll
  static void startTheDemo() throws Exception {
    Path root = Path.of("").toAbsolutePath().getParent();
    for (String module : List.of("wwsf-server", "ep-cscf", "ims-core")) {
      try (var jars = Files.list(root.resolve(module).resolve("target"))) {
        if (jars.noneMatch(p -> p.getFileName().toString().endsWith("-exec.jar"))) {
          fail("no " + module + "/target/*-exec.jar: run this test through 'mvn verify' (./test.sh), which packages "
              + "the servers before e2e-tests");
        }
      } catch (java.nio.file.NoSuchFileException e) {
        fail(module + " is not built: run this test through 'mvn verify' (./test.sh)");
      }
    }
    holdDefaultPorts();
    ports = new LinkedHashMap<>();
    wwsfPort = freeTcpPort();
    ports.put("WWSF_PORT", String.valueOf(wwsfPort));
    ports.put("EPCSCF_PORT", String.valueOf(freeTcpPort()));
    ports.put("EPCSCF_SIP_PORT", String.valueOf(freeTcpAndUdpPort()));
    ports.put("IMS_PORT", String.valueOf(freeTcpAndUdpPort()));
    ports.put("IMS_ADMIN_PORT", String.valueOf(freeTcpPort()));
    ports.put("WWSF_MANAGEMENT_PORT", String.valueOf(freeTcpPort()));
    ports.put("EPCSCF_MANAGEMENT_PORT", String.valueOf(freeTcpPort()));
    ports.put("IMS_MANAGEMENT_PORT", String.valueOf(freeTcpPort()));
    ports.put("RTPENGINE_NG_PORT", String.valueOf(freeTcpAndUdpPort()));
    int media = 20_000 + java.util.concurrent.ThreadLocalRandom.current().nextInt(200) * 200; // as RtpEngineDaemon
    ports.put("RTPENGINE_PORT_MIN", String.valueOf(media));
    ports.put("RTPENGINE_PORT_MAX", String.valueOf(media + 199));
    ports.put("DEMO_PHONE_PORT", String.valueOf(freeAdjacentTcpAndUdpPorts()));

    output = data.resolve("run.sh.out");
    ProcessBuilder builder = new ProcessBuilder("bash", root.resolve("run.sh").toString())
        .directory(root.toFile())
        .redirectErrorStream(true)
        .redirectOutput(output.toFile());
    builder.environment().putAll(ports);
    builder.environment().put("WEBIMS_NO_BUILD", "1");
    builder.environment().put("WEBIMS_DATA", data.resolve("demo").toString());
    demo = builder.start();

    Instant deadline = Instant.now().plus(START);
    while (!started()) {
      if (!demo.isAlive() || Instant.now().isAfter(deadline)) {
        fail("./run.sh did not start (" + (demo.isAlive() ? "timed out" : "exit " + demo.exitValue()) + "):\n"
            + Files.readString(output) + logTails());
      }
      demo.waitFor(200, TimeUnit.MILLISECONDS);
    }
  }

  @AfterAll
  static void stopTheDemo() throws Exception {
    try {
      if (demo != null) {
        List<ProcessHandle> servers = demo.descendants().toList();
        demo.destroy(); // SIGTERM: run.sh's trap stops its servers
        if (!demo.waitFor(60, TimeUnit.SECONDS)) {
          demo.destroyForcibly();
        }
        for (ProcessHandle server : servers) {
          if (!server.onExit().completeOnTimeout(null, 30, TimeUnit.SECONDS).isDone() || server.isAlive()) {
            server.destroyForcibly();
          }
        }
      }
    } finally {
      for (Closeable held : heldDefaults) {
        held.close();
      }
    }
  }

  @Test
  void theDemoUserMalloryIsRefusedBecauseTheImsCoreBarsTheDemoWaf() {
    try (Browser browser = Browser.start()) {
      browser.signIn(wwsfUrl(), "mallory", "mallory-demo", WAIT);
      browser.awaitAttribute("#state", "data-state", "idle", WAIT);
      browser.find("#register").click();
      browser.awaitAttribute("#state", "data-state", "error", WAIT);
      assertThat(browser.find("#state").getText()).contains("403");
    }
  }

  @Test
  void theDemoUserAliceRegisters() {
    try (Browser browser = Browser.start()) {
      browser.signIn(wwsfUrl(), "alice", "alice-demo", WAIT);
      browser.awaitAttribute("#state", "data-state", "idle", WAIT);
      browser.find("#register").click();
      browser.awaitAttribute("#state", "data-state", "registered", WAIT);
      browser.find("#deregister").click();
      browser.awaitAttribute("#state", "data-state", "deregistered", WAIT);
    }
  }

  /**
   * Issue 15: with rtpengine and baresip installed, run.sh starts both, and the demo's phone that is not a browser,
   * sip:echo@ims.example.net, answers a web user's call through the media gateway and sends her audio back.
   */
  @Test
  void theDemoUserAliceCallsTheEchoPhoneThroughTheMediaGateway() throws IOException {
    Baresip.requireInstalled();
    try (Browser browser = Browser.start()) {
      browser.signIn(wwsfUrl(), "alice", "alice-demo", WAIT);
      browser.awaitAttribute("#state", "data-state", "idle", WAIT);
      browser.find("#register").click();
      browser.awaitAttribute("#state", "data-state", "registered", WAIT);
      browser.type("#callee", "sip:echo@ims.example.net");
      browser.find("#call").click();
      try {
        browser.awaitAttribute("#call-state", "data-state", "connected", WAIT);
      } catch (RuntimeException e) {
        fail("the call to the echo phone: " + browser.find("#call-state").getText() + logTails(), e);
      }
      CallMedia.awaitInboundAudioGrowing(browser, WAIT);
      browser.awaitAttribute("#call-media", "data-anchored", "true", WAIT);
      browser.find("#hangup").click();
      browser.awaitAttribute("#call-state", "data-state", "ended", WAIT);
    }
  }

  /** Issue 16 point 4: run.sh gives the console its three servers' management ports; the operator sees them up. */
  @Test
  void theOperatorSeesTheThreeServersUpOnTheConsolesNodesPage() {
    try (Browser browser = Browser.start()) {
      browser.signIn(wwsfUrl(), "operator", "operator-demo", WAIT);
      browser.awaitPresent("#console-link", WAIT);
      browser.open(wwsfUrl() + "/console/nodes");
      for (String node : List.of("wwsf", "ep-cscf", "ims-core")) {
        browser.awaitAttribute("#node-" + node + " .status", "data-status", "up", WAIT);
      }
      assertThat(browser.find("#node-wwsf .leases").getText()).isEqualTo("0");
    }
  }

  @Test
  void theDemosDataAndSecretsAreReadableByTheirOwnerOnly() throws IOException {
    // issue 12 point 6: databases (the WAF's holds its signing key and live tokens), keystore, generated secrets
    Path demoData = data.resolve("demo");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(demoData))).isEqualTo("rwx------");
    List<String> names = new ArrayList<>();
    try (var files = Files.list(demoData)) {
      for (Path file : files.filter(Files::isRegularFile).toList()) {
        names.add(file.getFileName().toString());
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
            .as(file.getFileName().toString()).isEqualTo("rw-------");
      }
    }
    assertThat(names).contains("tls.p12", "keystore-password", "wwsf.mv.db", "ims-core.mv.db", "ims-admin-password",
        "ep-cscf-secret", "automation-secret", "wwsf-management-password", "ep-cscf-management-password",
        "ims-core-management-password");
    assertThat(Files.readString(demoData.resolve("keystore-password")).strip()).isNotEqualTo("webims-dev-only")
        .hasSizeGreaterThanOrEqualTo(16);
  }

  /** Issue 16: run.sh names each management port; each answers its generated management user, and is ready. */
  @Test
  void everyServersManagementPortIsPrintedAndAnswersTheManagementUser() throws Exception {
    String printed = Files.readString(output, StandardCharsets.UTF_8);
    HttpClient http = HttpClient.newHttpClient();
    for (String[] server : new String[][] {{"WWSF_MANAGEMENT_PORT", "wwsf", "webims_waf_signins_total"},
        {"EPCSCF_MANAGEMENT_PORT", "ep-cscf", "webims_epcscf_ws_connections"},
        {"IMS_MANAGEMENT_PORT", "ims-core", "webims_ims_registrations"}}) {
      String base = "http://127.0.0.1:" + ports.get(server[0]);
      assertThat(printed).contains(base + "/actuator/prometheus");
      String password = Files.readString(data.resolve("demo").resolve(server[1] + "-management-password")).strip();
      String basic = "Basic " + Base64.getEncoder().encodeToString(("metrics:" + password).getBytes(
          StandardCharsets.UTF_8));
      HttpResponse<String> anonymous = http.send(HttpRequest.newBuilder(URI.create(base + "/actuator/prometheus"))
          .build(), HttpResponse.BodyHandlers.ofString());
      assertThat(anonymous.statusCode()).as(server[1]).isEqualTo(401);
      await().atMost(WAIT).untilAsserted(() -> assertThat(http.send(HttpRequest.newBuilder(
          URI.create(base + "/actuator/health/readiness")).header("Authorization", basic).build(),
          HttpResponse.BodyHandlers.ofString()).statusCode()).as(server[1]).isEqualTo(200));
      HttpResponse<String> scrape = http.send(HttpRequest.newBuilder(URI.create(base + "/actuator/prometheus"))
          .header("Authorization", basic).build(), HttpResponse.BodyHandlers.ofString());
      assertThat(scrape.statusCode()).as(server[1]).isEqualTo(200);
      if (!server[1].equals("wwsf")) { // the WAF's counters appear with the first sign-in, which another test does
        assertThat(scrape.body()).as(server[1]).contains(server[2]);
      }
    }
  }

  private static String wwsfUrl() {
    return "https://localhost:" + wwsfPort;
  }

  private static boolean started() throws IOException {
    return Files.readString(output, StandardCharsets.UTF_8).contains("WebIMS is running.");
  }

  private static String logTails() throws IOException {
    StringBuilder tails = new StringBuilder();
    try (var logs = Files.list(data.resolve("demo"))) {
      for (Path log : logs.filter(p -> p.toString().endsWith(".log")).toList()) {
        List<String> lines = Files.readAllLines(log);
        tails.append("\n--- ").append(log.getFileName()).append('\n')
            .append(String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size())));
      }
    } catch (java.nio.file.NoSuchFileException e) {
      // no data directory yet: the script stopped before making it
    }
    return tails.toString();
  }

  /** Binds the default ports where they are free, so that the demo can only run on the moved ones. */
  private static void holdDefaultPorts() {
    for (int port : DEFAULT_TCP_PORTS) {
      try {
        ServerSocket socket = new ServerSocket();
        socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
        heldDefaults.add(socket);
      } catch (IOException e) {
        // taken by something else: the demo cannot use it either
      }
    }
    for (int port : DEFAULT_UDP_PORTS) {
      try {
        heldDefaults.add(new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), port)));
      } catch (IOException e) {
        // as above
      }
    }
  }

  private static int freeTcpPort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }

  /** A port free for both TCP and UDP whose next port is free for TCP too (baresip binds it for TLS). */
  private static int freeAdjacentTcpAndUdpPorts() throws IOException {
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

  /** A port free for both TCP and UDP (the SIP servers bind both). */
  private static int freeTcpAndUdpPort() throws IOException {
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
}
