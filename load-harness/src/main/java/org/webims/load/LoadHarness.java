package org.webims.load;

import com.sun.management.UnixOperatingSystemMXBean;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.springframework.context.ConfigurableApplicationContext;
import org.webims.ims.ImsCoreApplication;
import org.webims.ims.scscf.ScscfSipService;
import org.webims.waf.WafApplication;

/**
 * The eP-CSCF load harness (issue 8). Starts the IMS core and the WAF in this JVM and the eP-CSCF in a child JVM
 * (or Kamailio), provisions {@code flows} subscribers through the WAF's and the HSS's repositories, opens one WSS
 * connection per subscriber from 127.0.0.1..127.0.0.{sources}, registers each, then re-registers them at each
 * offered rate and flat out, and writes {@code report.md} and {@code rate.png} to {@code out}.
 *
 * <pre>
 * java -jar load-harness/target/load-harness.jar --mode=token --flows=1000 --rates=500,1000,2000,3000 --seconds=10
 * </pre>
 *
 * Options ({@code --name=value}): mode (token | digest; digest runs our path, then Kamailio, for the ratio;
 * targets=ours or targets=kamailio runs one of them),
 * flows, sources, rates (offered REGISTER/s, comma separated), seconds (per rate), window (most REGISTERs
 * outstanding at once), flat-out-seconds, connect-window (TLS handshakes in flight), ep-heap (the eP-CSCF's -Xmx),
 * ep-max-message-size (the eP-CSCF's WebSocket buffer size, unset: its default), ep-jvm (more JVM options for the
 * eP-CSCF, e.g. a flight recording), ep-profile (true: a flight recording of the eP-CSCF per step, written to out as
 * {@code <section>-step-<n>-<rate>.jfr}), ep-perf (true: Linux perf samples of the eP-CSCF per step, for
 * {@code load-harness/scripts/cpu-split.py}; best with {@code ep-jvm=-XX:+PreserveFramePointer}), ep-diagnostics (true: once every flow is registered, write the
 * eP-CSCF's class histogram, its native memory summary if {@code ep-jvm} has {@code -XX:NativeMemoryTracking} and
 * its JDK direct buffer pool to out), kamailio-tcp-children, client-threads, out. A rate of {@code idle} is a step
 * that sends no REGISTER and holds the registered flows (the idle CPU, or time for {@code jcmd});
 * {@code keepalive:N} sends N CRLF keep-alives per second (as WICs do) and no REGISTER. For our eP-CSCF
 * every step reports its CPU by thread group, from {@code /proc} (GC and JIT threads included).
 */
public final class LoadHarness {

  static final String DOMAIN = "ims.example.net";
  private static final Duration SETUP_LIMIT = Duration.ofMinutes(10);

  private LoadHarness() {
  }

  public static void main(String[] args) throws Exception {
    Map<String, String> o = options(args);
    int flows = Integer.parseInt(o.getOrDefault("flows", "1000"));
    Path out = Path.of(o.getOrDefault("out", "load-harness/target/load-report"));
    Files.createDirectories(out);
    checkFileDescriptors(flows);
    Report report = new Report(o, Instant.now());
    if ("digest".equals(o.getOrDefault("mode", "token"))) {
      String targets = o.getOrDefault("targets", "ours,kamailio");
      if (targets.contains("ours")) {
        report.section("Digest, through the eP-CSCF to the IMS core", runOurs(o, flows, out, false, report));
      }
      if (targets.contains("kamailio")) {
        report.section("Digest, Kamailio 5.6 WSS registrar", runKamailio(o, flows, out, report));
      }
    } else {
      report.section("Bearer token, through the eP-CSCF to the IMS core", runOurs(o, flows, out, true, report));
    }
    report.write(out);
    System.out.println(report.text());
    System.exit(0);
  }

  /** The eP-CSCF in a child JVM in front of the IMS core (and, for tokens, the WAF) in this JVM. */
  private static List<PhaseResult> runOurs(Map<String, String> o, int flows, Path out, boolean token, Report report)
      throws Exception {
    Path work = Files.createTempDirectory(out.toAbsolutePath(), token ? "token-" : "digest-");
    List<ConfigurableApplicationContext> contexts = new ArrayList<>();
    try {
      ConfigurableApplicationContext ims = ImsCoreApplication.builder().run("--webims.ims.sip.port=0",
          "--webims.ims.digest.algorithms=SHA-256", "--webims.ims.registrar.max-expires=7200",
          "--spring.datasource.url=jdbc:h2:mem:load-ims;DB_CLOSE_DELAY=-1", "--logging.level.root=WARN");
      contexts.add(ims);
      Path keyStore = work.resolve("tls.p12");
      int wafPort = freePort();
      String wafUrl = "https://localhost:" + wafPort;
      ConfigurableApplicationContext waf = null;
      if (token) {
        waf = WafApplication.builder().sources(JwksRequestCounter.class).run("--server.port=" + wafPort,
            "--server.address=127.0.0.1", "--spring.datasource.url=jdbc:h2:file:" + work.resolve("waf"),
            "--webims.waf.issuer=" + wafUrl, "--webims.waf.clients.wwsf.secret=load-harness-secret",
            "--webims.waf.token.lifetime=2h", "--webims.tls.key-store=" + keyStore, "--logging.level.root=WARN");
        contexts.add(waf);
      }
      long t0 = System.nanoTime();
      List<Identity> identities = BulkProvisioning.provision(flows, DOMAIN, waf, ims);
      report.note("provisioned " + flows + " subscribers (WAF web users + mappings" + (token ? "" : ": skipped")
          + ", HSS) in " + millis(t0) + " ms");
      if (token) {
        t0 = System.nanoTime();
        identities = BulkProvisioning.mintTokens(identities, waf);
        report.note("minted " + flows + " RS256 tokens with the WAF's signer in " + millis(t0) + " ms");
      }
      int epPort = freePort();
      InetSocketAddress core = ims.getBean(ScscfSipService.class).tcpAddress();
      List<String> epArgs = new ArrayList<>(List.of("--server.port=" + epPort, "--server.address=127.0.0.1",
          "--webims.epcscf.core.port=0", "--webims.tls.key-store=" + keyStore,
          "--webims.epcscf.core.uri=sip:127.0.0.1:" + core.getPort() + ";transport=tcp",
          "--webims.epcscf.websocket.allowed-origins=" + wafUrl,
          "--webims.epcscf.token.issuer=" + wafUrl,
          "--webims.epcscf.token.jwks-uri=" + wafUrl + "/oauth2/jwks",
          "--webims.epcscf.token.trust-store=" + keyStore,
          "--webims.epcscf.token.trust-store-password=webims-dev-only",
          "--webims.epcscf.token.verdict-cache-size=" + Math.max(10_000, flows + flows / 4),
          "--webims.epcscf.websocket.idle-timeout=3600s",
          "--server.tomcat.max-connections=" + (flows + 1000),
          "--server.tomcat.accept-count=1000"));
      if (o.containsKey("ep-max-message-size")) {
        epArgs.add("--webims.epcscf.websocket.max-message-size=" + o.get("ep-max-message-size"));
      }
      if (!token) {
        // No WAF in Digest mode: the eP-CSCF needs a key store of its own.
        org.webims.server.tls.SelfSignedKeystore.ensure(keyStore, "webims-dev-only", "webims",
            List.of("localhost", "127.0.0.1"));
      }
      List<String> jvm = new ArrayList<>(List.of("-Xmx" + o.getOrDefault("ep-heap", "1g"), "-XX:+UseG1GC"));
      if (o.containsKey("ep-jvm")) {
        jvm.addAll(List.of(o.get("ep-jvm").trim().split("\\s+")));
      }
      try (ServerJvm ep = ServerJvm.start("org.webims.epcscf.EpCscfApplication", jvm, epArgs, epPort,
          work.resolve("ep-cscf.log"))) {
        report.note("eP-CSCF: separate JVM (pid " + ep.pid() + "), " + String.join(" ", jvm) + ", "
            + "wss://localhost:" + epPort + "/");
        LongSupplier jwks = waf == null ? null : waf.getBean(JwksRequestCounter.class)::count;
        return drive(o, identities, java.net.URI.create("wss://localhost:" + epPort + "/"), wafUrl,
            ep::cpuNanos, ep, ep.processHandle(), "eP-CSCF", ep::processMemory, jwks, report);
      }
    } finally {
      for (int i = contexts.size() - 1; i >= 0; i--) {
        contexts.get(i).close();
      }
    }
  }

  private static List<PhaseResult> runKamailio(Map<String, String> o, int flows, Path out, Report report)
      throws Exception {
    Path work = Files.createTempDirectory(out.toAbsolutePath(), "kamailio-");
    int children = Integer.parseInt(o.getOrDefault("kamailio-tcp-children", "1"));
    try (KamailioTarget k = KamailioTarget.start(work, DOMAIN, "SHA-256", children,
        Math.max(1024, flows * 2))) {
      report.note("Kamailio: tcp_children=" + children + ", same subscribers and password, SHA-256, "
          + k.wssUri());
      List<Identity> identities = new ArrayList<>();
      for (int i = 0; i < flows; i++) {
        identities.add(Identity.of(i, DOMAIN));
      }
      return drive(o, identities, k.wssUri(), "https://localhost", k::cpuNanos, null, k.processHandle(), "Kamailio",
          k::processMemory, null, report);
    }
  }

  /** Opens and registers every flow, then runs the rate steps and the flat-out step. */
  private static List<PhaseResult> drive(Map<String, String> o, List<Identity> identities, java.net.URI target,
      String origin, LongSupplier cpu, ServerJvm jvm, ProcessHandle serverProcess, String server,
      Supplier<ProcessMemory> memory, LongSupplier jwksRequests, Report report) throws Exception {
    int sourceCount = Integer.parseInt(o.getOrDefault("sources", "8"));
    List<InetAddress> sources = new ArrayList<>();
    for (int i = 1; i <= sourceCount; i++) {
      sources.add(InetAddress.getByAddress(new byte[] {127, 0, 0, (byte) i}));
    }
    int window = Integer.parseInt(o.getOrDefault("window", "256"));
    Path out = Path.of(o.getOrDefault("out", "load-harness/target/load-report"));
    Duration step = Duration.ofSeconds(Long.parseLong(o.getOrDefault("seconds", "10")));
    List<PhaseResult> results = new ArrayList<>();
    long heapBefore = jvm == null ? 0 : jvm.heapAfterGc();
    String histogramBefore = jvm == null ? "" : jvm.classHistogram();
    // The baseline: the server started and idle, no flow open yet (for a JVM, just after the GC above).
    boolean proc = Files.isReadable(Path.of("/proc/self/status"));
    ProcessMemory memoryBefore = proc ? memory.get() : null;
    boolean diagnose = jvm != null && proc && Boolean.parseBoolean(o.get("ep-diagnostics"));
    MemorySplit splitBefore = diagnose ? jvm.memorySplit() : null;
    Map<String, Long> nmtBefore = diagnose ? MemorySplit.nativeMemory(jvm.nativeMemorySummary()) : null;
    try (LoadClient client = new LoadClient(target, origin, sources,
        Integer.parseInt(o.getOrDefault("client-threads", "2")))) {
      LoadDriver driver = new LoadDriver(window);
      client.listener(driver);
      long t0 = System.nanoTime();
      int opened = open(client, identities, driver, Integer.parseInt(o.getOrDefault("connect-window", "64")));
      report.note("opened " + opened + "/" + identities.size() + " WSS connections from " + sourceCount
          + " source addresses in " + millis(t0) + " ms");
      PhaseResult initial = driver.run(0, SETUP_LIMIT, opened, cpu);
      report.phase("initial REGISTER of every flow (flat out, window " + window + ")", initial);
      String histogramAfter = null;
      if (jvm != null) {
        long heapAfter = jvm.heapAfterGc();
        histogramAfter = jvm.classHistogram();
        report.note(String.format("eP-CSCF heap after GC: %.1f MB before the flows, %.1f MB with %d registered "
            + "flows: %.1f kB per flow", heapBefore / 1e6, heapAfter / 1e6, initial.ok(),
            initial.ok() == 0 ? 0.0 : (heapAfter - heapBefore) / 1024.0 / initial.ok()));
      }
      // Read after the GCs above for a JVM, so that garbage left by the initial REGISTERs does not count.
      report.note(proc ? ProcessMemory.perFlow(server, memoryBefore, memory.get(), initial.ok())
          : server + " process memory: n/a (no /proc on this system)");
      if (histogramAfter != null) {
        report.histogram(HeapHistogram.diff(histogramBefore, histogramAfter, 15, initial.ok()));
        if (diagnose) {
          diagnostics(jvm, histogramAfter, out, report);
          report.note(perFlowSplit(splitBefore, jvm.memorySplit(), nmtBefore,
              MemorySplit.nativeMemory(jvm.nativeMemorySummary()), initial.ok()));
        }
      }
      long jwks0 = jwksRequests == null ? 0 : jwksRequests.getAsLong();
      report.phase("warm-up, flat out", driver.run(0,
          Duration.ofSeconds(Long.parseLong(o.getOrDefault("warmup-seconds", "5"))), 0, cpu));
      Steps steps = new Steps(jvm, serverProcess, Boolean.parseBoolean(o.get("ep-profile")),
          Boolean.parseBoolean(o.get("ep-perf")), out, server, report);
      for (String r : o.getOrDefault("rates", "500,1000,2000,3000").split(",")) {
        if (r.trim().startsWith(KEEP_ALIVE)) {
          int perSecond = Integer.parseInt(r.trim().substring(KEEP_ALIVE.length()));
          PhaseResult k = steps.run(perSecond, () -> driver.keepAlives(perSecond, step, cpu));
          report.phase("keep-alives only: " + perSecond + " CRLF/s over " + opened + " flows (REGISTER/s column: "
              + "keep-alives sent/s)", k);
          continue;
        }
        int rate = offeredRate(r);
        PhaseResult p = steps.run(rate, () -> driver.run(rate, step, 0, cpu));
        report.phase(rate == PhaseResult.IDLE ? "idle: no REGISTER, " + opened + " flows held" : "offered "
            + rate + "/s", p);
        System.out.println("driver after the step: " + driver.state());
        results.add(p);
      }
      Duration flatOut = Duration.ofSeconds(Long.parseLong(o.getOrDefault("flat-out-seconds", "10")));
      PhaseResult flat = steps.run(0, () -> driver.run(0, flatOut, 0, cpu));
      report.phase("flat out (window " + window + ")", flat);
      results.add(flat);
      if (jwksRequests != null) {
        report.note("JWKS requests at the WAF during the steps after the initial REGISTERs: "
            + (jwksRequests.getAsLong() - jwks0));
      }
    }
    return results;
  }

  /** A rate step of keep-alives only: {@code keepalive:5000} sends 5,000 CRLF keep-alives per second. */
  static final String KEEP_ALIVE = "keepalive:";

  /** A rate step's offered REGISTER/s: a number (0: flat out) or {@code idle} ({@link PhaseResult#IDLE}). */
  static int offeredRate(String step) {
    String s = step.trim();
    if (s.equals("idle")) {
      return PhaseResult.IDLE;
    }
    int rate = Integer.parseInt(s);
    if (rate < 0) {
      throw new IllegalArgumentException("a rate is REGISTER/s (0: flat out) or idle, got " + s);
    }
    return rate;
  }

  /** The class histogram, native memory and direct buffers of the eP-CSCF with every flow registered, to files. */
  private static void diagnostics(ServerJvm jvm, String histogram, Path out, Report report) throws Exception {
    Files.writeString(out.resolve("ep-class-histogram.txt"), histogram);
    String nmt = jvm.nativeMemorySummary();
    Files.writeString(out.resolve("ep-native-memory.txt"), nmt + "\n" + jvm.directBuffers() + "\n"
        + ProcessMemory.of(jvm.pid()) + "\n");
    report.note("eP-CSCF diagnostics with every flow registered (pid " + jvm.pid() + "): "
        + out.resolve("ep-class-histogram.txt") + ", " + out.resolve("ep-native-memory.txt") + "; "
        + jvm.directBuffers());
  }

  /**
   * Growth per registered flow, in kB: the heap's pages, other anonymous memory and files (PSS), each NMT
   * category's committed memory, and the anonymous memory NMT does not account for (native libraries' malloc:
   * BoringSSL).
   */
  static String perFlowSplit(MemorySplit before, MemorySplit after, Map<String, Long> nmtBefore,
      Map<String, Long> nmtAfter, long flows) {
    double n = Math.max(1, flows);
    StringBuilder b = new StringBuilder(String.format(java.util.Locale.ROOT, "eP-CSCF PSS growth per flow: "
        + "Java heap pages %.1f kB, other anonymous memory %.1f kB, files %.1f kB",
        (after.heapPssKb() - before.heapPssKb()) / n, (after.otherAnonPssKb() - before.otherAnonPssKb()) / n,
        (after.filePssKb() - before.filePssKb()) / n));
    if (!nmtAfter.isEmpty()) {
      b.append("; NMT committed growth per flow:");
      long nonHeap = 0;
      for (Map.Entry<String, Long> e : nmtAfter.entrySet()) {
        long grown = e.getValue() - nmtBefore.getOrDefault(e.getKey(), 0L);
        if (!e.getKey().equals("Java Heap")) {
          nonHeap += grown;
        }
        if (Math.abs(grown / n) >= 0.05) {
          b.append(String.format(java.util.Locale.ROOT, " %s %.1f kB,", e.getKey(), grown / n));
        }
      }
      b.append(String.format(java.util.Locale.ROOT, " so anonymous memory outside NMT (native malloc: BoringSSL, "
          + "glibc arenas) %.1f kB", ((after.otherAnonPssKb() - before.otherAnonPssKb()) - nonHeap) / n));
    }
    return b.toString();
  }

  /** Opens every flow with at most {@code inFlight} handshakes at once; returns how many opened. */
  private static int open(LoadClient client, List<Identity> identities, LoadDriver driver, int inFlight)
      throws InterruptedException {
    Semaphore permits = new Semaphore(inFlight);
    AtomicInteger opened = new AtomicInteger();
    AtomicInteger failed = new AtomicInteger();
    long deadline = System.nanoTime() + SETUP_LIMIT.toNanos();
    for (Identity id : identities) {
      if (!permits.tryAcquire(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) {
        break;
      }
      CompletableFuture<WssFlow> f = client.open(new WssFlow(id, DOMAIN));
      f.whenComplete((flow, error) -> {
        if (error == null) {
          driver.add(flow);
          opened.incrementAndGet();
        } else if (failed.incrementAndGet() <= 3) {
          System.err.println("connection failed: " + error);
        }
        permits.release();
      });
    }
    permits.tryAcquire(inFlight, Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
    return opened.get();
  }

  /** The JVM raises its soft limit to the hard one; each side holds one descriptor per flow plus ~1,000. */
  static void checkFileDescriptors(int flows) {
    if (ManagementFactory.getOperatingSystemMXBean() instanceof UnixOperatingSystemMXBean unix) {
      long max = unix.getMaxFileDescriptorCount();
      if (max < flows + 1024L) {
        throw new IllegalStateException("open files limit " + max + " is too low for " + flows
            + " flows: raise it to at least " + (flows + 1024) + " (ulimit -n " + (flows + 1024) + ")");
      }
    }
  }

  static Map<String, String> options(String[] args) {
    Map<String, String> o = new LinkedHashMap<>();
    for (String a : args) {
      int eq = a.indexOf('=');
      if (!a.startsWith("--") || eq < 0) {
        throw new IllegalArgumentException("expected --name=value, got " + a);
      }
      o.put(a.substring(2, eq), a.substring(eq + 1));
    }
    return o;
  }

  private static long millis(long since) {
    return (System.nanoTime() - since) / 1_000_000;
  }

  static int freePort() throws java.io.IOException {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }
}
