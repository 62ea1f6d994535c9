package org.webims.e2e.support;

import static org.assertj.core.api.Assertions.fail;
import static org.awaitility.Awaitility.await;

import com.nimbusds.jose.util.JSONObjectUtils;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.StandardProtocolFamily;
import java.net.URI;
import java.net.UnixDomainSocketAddress;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.webims.waf.testing.WafTokenClient;

/**
 * {@code ./run.sh --cluster} itself (cluster.sh, issue 16), started from the jars the build made on free ports,
 * with the WAF nodes' database given by the test: the nodes ({@code wwsf-1}, {@code wwsf-2}, {@code ep-cscf-1},
 * {@code ep-cscf-2}, {@code ims-core}, {@code haproxy}) by the names of their pid files, their management ports,
 * and the IMS core's admin API. Stopping it stops every process it started.
 */
public final class ClusterScript implements AutoCloseable {

  private static final Duration START = Duration.ofSeconds(300);

  private final Process script;
  private final Path data;
  private final Path output;
  private final Map<String, String> ports;
  private final HttpClient http = HttpClient.newBuilder().sslContext(WafTokenClient.trustAllSslContext())
      .connectTimeout(Duration.ofSeconds(5)).build();

  private ClusterScript(Process script, Path data, Path output, Map<String, String> ports) {
    this.script = script;
    this.data = data;
    this.output = output;
    this.ports = ports;
  }

  /**
   * Starts the cluster with its data in {@code dir}, the WAF's database at {@code dbUrl} (user, password), and
   * {@code environment} added (Spring properties of the servers, say), and waits until the script says it runs.
   */
  public static ClusterScript start(Path dir, String dbUrl, String dbUser, String dbPassword,
      Map<String, String> environment) throws IOException, InterruptedException {
    RunScripts.requireBuiltServers();
    Map<String, String> ports = new LinkedHashMap<>();
    for (String tcp : List.of("WWSF_PORT", "EPCSCF_PORT", "WWSF1_PORT", "WWSF2_PORT", "EPCSCF1_PORT", "EPCSCF2_PORT",
        "IMS_ADMIN_PORT", "WWSF1_MANAGEMENT_PORT", "WWSF2_MANAGEMENT_PORT", "EPCSCF1_MANAGEMENT_PORT",
        "EPCSCF2_MANAGEMENT_PORT", "IMS_MANAGEMENT_PORT")) {
      ports.put(tcp, String.valueOf(RunScripts.freeTcpPort()));
    }
    for (String sip : List.of("EPCSCF1_SIP_PORT", "EPCSCF2_SIP_PORT", "IMS_PORT", "RTPENGINE_NG_PORT")) {
      ports.put(sip, String.valueOf(RunScripts.freeTcpAndUdpPort()));
    }
    int media = RunScripts.mediaPortRangeStart();
    ports.put("RTPENGINE_PORT_MIN", String.valueOf(media));
    ports.put("RTPENGINE_PORT_MAX", String.valueOf(media + 199));

    Path data = dir.resolve("cluster");
    Path output = dir.resolve("cluster.out");
    ProcessBuilder builder = new ProcessBuilder("bash", RunScripts.root().resolve("run.sh").toString(), "--cluster")
        .directory(RunScripts.root().toFile())
        .redirectErrorStream(true)
        .redirectOutput(output.toFile());
    builder.environment().putAll(environment);
    builder.environment().putAll(ports);
    builder.environment().put("WEBIMS_NO_BUILD", "1");
    builder.environment().put("WEBIMS_DATA", data.toString());
    builder.environment().put("WEBIMS_DB_URL", dbUrl);
    builder.environment().put("WEBIMS_DB_USER", dbUser);
    builder.environment().put("WEBIMS_DB_PASSWORD", dbPassword);
    ClusterScript cluster = new ClusterScript(builder.start(), data, output, ports);
    Instant deadline = Instant.now().plus(START);
    while (!cluster.printed().contains("WebIMS is running as a cluster.")) {
      if (!cluster.script.isAlive() || Instant.now().isAfter(deadline)) {
        String why = cluster.script.isAlive() ? "timed out" : "exit " + cluster.script.exitValue();
        String printed = cluster.printed() + cluster.logTails();
        cluster.close();
        fail("./run.sh --cluster did not start (" + why + "):\n" + printed);
      }
      cluster.script.waitFor(200, TimeUnit.MILLISECONDS);
    }
    // Ready nodes are in service after HAProxy's "rise" good checks (2 s).
    await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(250)).until(() -> {
      for (String node : List.of("wwsf-1", "wwsf-2", "ep-cscf-1", "ep-cscf-2")) {
        if (!cluster.haproxyStatus(node).equals("UP")) {
          return false;
        }
      }
      return true;
    });
    return cluster;
  }

  /** What the script printed so far. */
  public String printed() throws IOException {
    return Files.readString(output, StandardCharsets.UTF_8);
  }

  public String logTails() throws IOException {
    return RunScripts.logTails(data);
  }

  public Path data() {
    return data;
  }

  public String port(String variable) {
    return ports.get(variable);
  }

  /** The public WWSF URL: HAProxy's. */
  public String wwsfUrl() {
    return "https://localhost:" + ports.get("WWSF_PORT");
  }

  /** The pid the supervisor wrote for {@code node}. */
  public long pid(String node) {
    try {
      return Long.parseLong(Files.readString(data.resolve(node + ".pid")).strip());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** kill -9 of the node's process. */
  public void kill(String node) {
    ProcessHandle.of(pid(node)).ifPresent(ProcessHandle::destroyForcibly);
  }

  /** SIGTERM to the node's process (the eP-CSCF drains, docs/operations.md). */
  public void terminate(String node) {
    ProcessHandle.of(pid(node)).ifPresent(ProcessHandle::destroy);
  }

  /**
   * Waits until the supervisor has started {@code node} again (a pid other than {@code before}), it is ready, and
   * HAProxy has it back in service.
   */
  public void awaitRestartedAndReady(String node, long before, Duration timeout) {
    await().atMost(timeout).pollInterval(Duration.ofMillis(250))
        .until(() -> pid(node) != before && readiness(node) == 200 && haproxyStatus(node).equals("UP"));
  }

  /**
   * The node's status in HAProxy ({@code UP}, {@code DOWN}, ...), from {@code show stat} on its admin socket
   * ({@code $DATA/haproxy.sock}, docs/operations.md).
   */
  public String haproxyStatus(String node) throws IOException {
    StringBuilder csv = new StringBuilder();
    try (SocketChannel socket = SocketChannel.open(StandardProtocolFamily.UNIX)) {
      socket.connect(UnixDomainSocketAddress.of(data.resolve("haproxy.sock")));
      socket.write(ByteBuffer.wrap("show stat\n".getBytes(StandardCharsets.US_ASCII)));
      ByteBuffer buffer = ByteBuffer.allocate(8192);
      while (socket.read(buffer) >= 0) {
        csv.append(StandardCharsets.US_ASCII.decode(buffer.flip()));
        buffer.clear();
      }
    }
    String[] lines = csv.toString().split("\n");
    List<String> header = List.of(lines[0].replaceFirst("^# ", "").split(","));
    for (String line : lines) {
      String[] fields = line.split(",", -1);
      if (fields.length > header.indexOf("status") && fields[header.indexOf("svname")].equals(node)) {
        return fields[header.indexOf("status")];
      }
    }
    return "absent";
  }

  /** The status of the node's {@code /actuator/health/readiness}, as HAProxy's check sees it. */
  public int readiness(String node) throws InterruptedException {
    return management(node, "/actuator/health/readiness").status();
  }

  /**
   * The sum of a meter's samples in the node's Prometheus scrape whose labels contain each of {@code labels}
   * (e.g. {@code result="succeeded"}); 0 when it has none yet, -1 when the scrape fails.
   */
  public double meter(String node, String name, String... labels) throws InterruptedException {
    Answer scrape = management(node, "/actuator/prometheus");
    if (scrape.status() != 200) {
      return -1;
    }
    double sum = 0;
    for (String line : scrape.body().split("\n")) {
      if ((line.startsWith(name + " ") || line.startsWith(name + "{"))
          && java.util.Arrays.stream(labels).allMatch(line::contains)) {
        sum += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
      }
    }
    return sum;
  }

  /**
   * The IMS core's bindings of {@code impu} ({@code GET /admin/registrations/{impu}}, docs/ims-core.md): each a
   * map with {@code contact}, {@code instance}, {@code path} (a list) and {@code expiresIn}; none when not registered.
   */
  public List<Map<String, Object>> bindings(String impu) throws IOException, InterruptedException {
    String password = Files.readString(data.resolve("ims-admin-password")).strip();
    HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create("https://127.0.0.1:"
            + ports.get("IMS_ADMIN_PORT") + "/admin/registrations/" + URLEncoder.encode(impu, StandardCharsets.UTF_8)))
        .header("Authorization", basic("admin", password)).build(), HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() == 404) {
      return List.of();
    }
    try {
      Map<String, Object>[] bindings = JSONObjectUtils.getJSONObjectArray(JSONObjectUtils.parse(response.body()),
          "bindings");
      return bindings == null ? List.of() : List.of(bindings);
    } catch (ParseException e) {
      throw new IOException("not JSON: " + response.body(), e);
    }
  }

  private Answer management(String node, String path) throws InterruptedException {
    String server = node.replaceFirst("-[12]$", "");
    String variable = switch (node) {
      case "wwsf-1" -> "WWSF1_MANAGEMENT_PORT";
      case "wwsf-2" -> "WWSF2_MANAGEMENT_PORT";
      case "ep-cscf-1" -> "EPCSCF1_MANAGEMENT_PORT";
      case "ep-cscf-2" -> "EPCSCF2_MANAGEMENT_PORT";
      case "ims-core" -> "IMS_MANAGEMENT_PORT";
      default -> throw new IllegalArgumentException("no management port: " + node);
    };
    try {
      String password = Files.readString(data.resolve(server + "-management-password")).strip();
      HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
              + ports.get(variable) + path)).header("Authorization", basic("metrics", password))
          .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
      return new Answer(response.statusCode(), response.body());
    } catch (IOException e) {
      return new Answer(0, "");
    }
  }

  private static String basic(String user, String password) {
    return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
  }

  @Override
  public void close() {
    try {
      RunScripts.stop(script);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** A management port's answer; status 0 when it did not answer (the node is down). */
  private record Answer(int status, String body) {
  }
}
