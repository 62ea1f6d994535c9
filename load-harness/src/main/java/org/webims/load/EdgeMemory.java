package org.webims.load;

import java.net.InetAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.webims.server.tls.SelfSignedKeystore;
import org.webims.sip.message.SipResponse;

/**
 * The per-connection cost of the two candidate WSS edges (issue 13 point 2), each alone in a child JVM with the same
 * heap settings: (a) {@link WebFluxEdge}, the eP-CSCF's edge on Spring WebFlux / Reactor Netty, and (b) {@link
 * NettyEdge}, sip-server's WSS listener on Netty's websocketx. For each: a warm-up of a few hundred flows (opened,
 * one exchange, closed), then whole-process PSS, heap after GC and (with {@code --nmt=true}) the JVM's native memory
 * summary; then {@code flows} WSS connections with TLS, each sending one REGISTER of a token WIC's size and getting
 * its 200; the same readings again. Per flow = the growth divided by the flows.
 *
 * <pre>
 * java -cp load-harness/target/load-harness.jar org.webims.load.EdgeMemory --flows=10000 --heap=384m
 * </pre>
 *
 * Options: flows (10000), heap (384m, both edges' -Xmx), jvm (more JVM options for both, comma separated), edges
 * (webflux,netty), nmt (false), connect-window (32 TLS handshakes in flight), warm-up (500), sources (8 loopback
 * source addresses), out.
 */
public final class EdgeMemory {

  private static final String ORIGIN = "https://wwsf.example.net";
  private static final String PASSWORD = "webims-dev-only";
  /** A WAF access token's length (a signed JWT as the WIC sends it), so the REGISTER has a token WIC's size. */
  private static final String TOKEN = "e".repeat(900);

  private EdgeMemory() {
  }

  public static void main(String[] args) throws Exception {
    Map<String, String> o = LoadHarness.options(args);
    int flows = Integer.parseInt(o.getOrDefault("flows", "10000"));
    LoadHarness.checkFileDescriptors(flows);
    Path out = Path.of(o.getOrDefault("out", "load-harness/target/edge-memory"));
    Files.createDirectories(out);
    Path keyStore = SelfSignedKeystore.ensure(out.toAbsolutePath().resolve("edge.p12"), PASSWORD, "webims",
        List.of("localhost", "127.0.0.1"));
    StringBuilder report = new StringBuilder("# Edge memory, " + Instant.now() + "\n\n" + o + "\n\n");
    for (String edge : o.getOrDefault("edges", "webflux,netty").split(",")) {
      report.append(run(edge.trim(), o, flows, keyStore, out)).append('\n');
    }
    Files.writeString(out.resolve("edge-memory.md"), report);
    System.out.println(report);
    System.exit(0);
  }

  private static String run(String edge, Map<String, String> o, int flows, Path keyStore, Path out) throws Exception {
    int port = LoadHarness.freePort();
    boolean nmt = Boolean.parseBoolean(o.getOrDefault("nmt", "false"));
    List<String> jvm = new ArrayList<>(List.of("-Xmx" + o.getOrDefault("heap", "384m"), "-XX:+UseG1GC"));
    if (nmt) {
      jvm.add("-XX:NativeMemoryTracking=summary");
    }
    if (o.containsKey("jvm")) {
      jvm.addAll(List.of(o.get("jvm").split(",")));
    }
    String main;
    List<String> args;
    if ("webflux".equals(edge)) {
      main = WebFluxEdge.class.getName();
      args = List.of("--server.port=" + port, "--server.address=127.0.0.1", "--webims.tls.key-store=" + keyStore,
          "--webims.epcscf.websocket.allowed-origins=" + ORIGIN, "--webims.epcscf.websocket.idle-timeout=1h",
          "--logging.level.root=WARN");
    } else if ("netty".equals(edge)) {
      main = NettyEdge.class.getName();
      args = List.of(Integer.toString(port), keyStore.toString(), PASSWORD, ORIGIN);
    } else {
      throw new IllegalArgumentException("edges: webflux or netty, not " + edge);
    }
    List<InetAddress> sources = new ArrayList<>();
    for (int i = 1; i <= Integer.parseInt(o.getOrDefault("sources", "8")); i++) {
      sources.add(InetAddress.getByAddress(new byte[] {127, 0, 0, (byte) i}));
    }
    int window = Integer.parseInt(o.getOrDefault("connect-window", "32"));
    StringBuilder r = new StringBuilder("## " + edge + " (" + main + ")\n\n");
    try (ServerJvm server = ServerJvm.start(main, jvm, args, port, out.resolve(edge + ".log"));
        LoadClient client = new LoadClient(URI.create("wss://127.0.0.1:" + port + "/"), ORIGIN, sources, 2)) {
      Exchanges exchanges = new Exchanges();
      client.listener(exchanges);
      int warm = Integer.parseInt(o.getOrDefault("warm-up", "500"));
      List<WssFlow> warmUp = exchanges.openAll(client, 1_000_000, warm, window);
      warmUp.forEach(WssFlow::close);
      exchanges.awaitClosed(warmUp);

      long heapBefore = server.heapAfterGc();
      ProcessMemory before = server.processMemory();
      NativeMemory nativeBefore = nmt ? NativeMemory.parse(server.nativeMemorySummary()) : null;
      long start = System.nanoTime();
      List<WssFlow> open = exchanges.openAll(client, 0, flows, window);
      long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
      long heapAfter = server.heapAfterGc();
      ProcessMemory after = server.processMemory();
      NativeMemory nativeAfter = nmt ? NativeMemory.parse(server.nativeMemorySummary()) : null;
      int n = open.size();
      r.append(String.format(Locale.ROOT, "%,d flows open and answered (of %,d) in %,d ms; exchange p50 %.2f ms, p99"
          + " %.2f ms%n%n", n, flows, millis, exchanges.latency.percentileMillis(50),
          exchanges.latency.percentileMillis(99)));
      r.append(ProcessMemory.perFlow(edge, before, after, n)).append("\n\n");
      r.append(String.format(Locale.ROOT, "heap after GC: %,d kB before, %,d kB after: %.1f kB per flow%n%n",
          heapBefore / 1024, heapAfter / 1024, (heapAfter - heapBefore) / 1024.0 / n));
      if (nmt) {
        r.append(nativeMemoryLines(nativeBefore, nativeAfter, before, after, n));
      }
      open.forEach(WssFlow::close);
    }
    return r.toString();
  }

  /** Per flow: each NMT category that grew, the NMT total, and what NMT does not see (RSS growth minus NMT's). */
  private static String nativeMemoryLines(NativeMemory before, NativeMemory after, ProcessMemory pBefore,
      ProcessMemory pAfter, int n) {
    StringBuilder b = new StringBuilder("| NMT committed, per flow | kB |\n|---|---|\n");
    for (String category : after.committedKb().keySet()) {
      long grown = after.committed(category) - before.committed(category);
      if (grown != 0) {
        b.append(String.format(Locale.ROOT, "| %s | %.1f |%n", category, grown / (double) n));
      }
    }
    long nmtGrown = after.totalCommittedKb() - before.totalCommittedKb();
    b.append(String.format(Locale.ROOT, "| NMT total | %.1f |%n", nmtGrown / (double) n));
    b.append(String.format(Locale.ROOT, "| not tracked by NMT (RSS growth - NMT growth: malloc of native libraries,"
        + " BoringSSL) | %.1f |%n%n", ((pAfter.rssKb() - pBefore.rssKb()) - nmtGrown) / (double) n));
    return b.toString();
  }

  /** Opens flows, sends one REGISTER on each once open, and counts the answers. */
  private static final class Exchanges implements LoadClient.Listener {
    final LatencyHistogram latency = new LatencyHistogram();
    private final Map<WssFlow, CompletableFuture<Void>> answered = new ConcurrentHashMap<>();
    private final Map<WssFlow, Long> sentAt = new ConcurrentHashMap<>();
    private final Map<WssFlow, CompletableFuture<Void>> closed = new ConcurrentHashMap<>();

    /** Opens {@code count} flows, at most {@code window} handshakes and exchanges at once; the ones answered. */
    List<WssFlow> openAll(LoadClient client, int firstIndex, int count, int window) throws InterruptedException {
      Semaphore inFlight = new Semaphore(window);
      List<WssFlow> all = new ArrayList<>();
      AtomicInteger failed = new AtomicInteger();
      for (int i = 0; i < count; i++) {
        inFlight.acquire();
        WssFlow flow = new WssFlow(Identity.of(firstIndex + i, LoadHarness.DOMAIN).withToken(TOKEN),
            LoadHarness.DOMAIN);
        CompletableFuture<Void> done = new CompletableFuture<>();
        answered.put(flow, done);
        closed.put(flow, new CompletableFuture<>());
        all.add(flow);
        done.whenComplete((v, e) -> inFlight.release());
        client.open(flow).whenComplete((f, e) -> {
          if (e != null) {
            failed.incrementAndGet();
            done.completeExceptionally(e);
          } else {
            sentAt.put(flow, System.nanoTime());
            flow.sendRegister();
          }
        });
      }
      if (!inFlight.tryAcquire(window, 5, TimeUnit.MINUTES)) {
        throw new IllegalStateException("flows still without an answer after 5 minutes");
      }
      List<WssFlow> ok = new ArrayList<>();
      for (WssFlow flow : all) {
        if (!answered.get(flow).isCompletedExceptionally()) {
          ok.add(flow);
        }
      }
      if (failed.get() > 0) {
        System.err.println(failed.get() + " of " + count + " flows failed to open");
      }
      return ok;
    }

    void awaitClosed(List<WssFlow> flows) throws Exception {
      for (WssFlow flow : flows) {
        closed.get(flow).get(30, TimeUnit.SECONDS);
      }
    }

    @Override
    public void answered(WssFlow flow, SipResponse response) {
      Long sent = sentAt.remove(flow);
      if (sent != null && flow.answers(response)) {
        latency.record(System.nanoTime() - sent);
        answered.get(flow).complete(null);
      }
    }

    @Override
    public void closed(WssFlow flow) {
      CompletableFuture<Void> done = answered.get(flow);
      if (done != null) {
        done.completeExceptionally(new IllegalStateException("closed before its answer"));
      }
      CompletableFuture<Void> c = closed.get(flow);
      if (c != null) {
        c.complete(null);
      }
    }
  }
}
