package org.webims.wwsf.operations;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;
import org.webims.wwsf.config.WwsfProperties;

/**
 * The figures of the console's Nodes page (issue 16 point 4): every configured node's management port is read in
 * parallel, on threads of its own, and what was read is kept for {@code webims.wwsf.console.refresh-interval}, so
 * however many operators watch, each node is asked at most once per interval. A request waits for a reading at
 * most the scrape timeout (plus a little): a node that is down or hangs shows as such and never holds a page.
 */
@Component
public class ConsoleNodes implements DisposableBean {

  private static final Logger log = LoggerFactory.getLogger(ConsoleNodes.class);
  /** Past the scrape timeout: time for a request at its timeout to say so itself. */
  private static final Duration GRACE = Duration.ofMillis(500);

  private final List<WwsfProperties.Node> nodes;
  private final Duration timeout;
  private final Duration refreshInterval;
  private final ManagementScraper scraper;
  private final Clock clock;
  private final ExecutorService executor;
  private final Map<String, String> lastStatus = new HashMap<>();
  private NodesSnapshot last;
  private Instant lastAt;
  private CompletableFuture<NodesSnapshot> reading;

  public ConsoleNodes(WwsfProperties properties) {
    WwsfProperties.Console console = properties.console();
    this.nodes = List.copyOf(console.nodes());
    this.timeout = console.scrapeTimeout();
    this.refreshInterval = console.refreshInterval();
    this.scraper = new ManagementScraper(timeout, console.maxScrapeSize().toBytes());
    this.clock = Clock.systemUTC();
    AtomicInteger threads = new AtomicInteger();
    this.executor = Executors.newCachedThreadPool(task -> {
      Thread thread = new Thread(task, "console-nodes-" + threads.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    });
  }

  /** How often the page asks for the figures. */
  public Duration refreshInterval() {
    return refreshInterval;
  }

  /** The figures read within the refresh interval, else read now (one reading at a time, shared). */
  public NodesSnapshot current() {
    CompletableFuture<NodesSnapshot> future;
    synchronized (this) {
      if (last != null && clock.instant().isBefore(lastAt.plus(refreshInterval))) {
        return last;
      }
      if (reading == null) {
        reading = CompletableFuture.supplyAsync(this::readAll, executor);
      }
      future = reading;
    }
    try {
      return future.get(timeout.plus(GRACE).plus(GRACE).toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (ExecutionException | TimeoutException e) { // readAll bounds itself; this is a safety net
      log.warn("Reading the nodes' management ports failed: {}", e.toString());
    }
    synchronized (this) {
      return last != null ? last : snapshot(clock.instant(), List.of());
    }
  }

  private NodesSnapshot readAll() {
    try {
      Instant started = clock.instant();
      long deadline = System.nanoTime() + timeout.plus(GRACE).toNanos();
      List<Future<ManagementScraper.Answer>> readiness = new ArrayList<>();
      List<Future<ManagementScraper.Answer>> metrics = new ArrayList<>();
      for (WwsfProperties.Node node : nodes) {
        readiness.add(executor.submit(() -> scraper.get(node, ManagementScraper.READINESS)));
        metrics.add(executor.submit(() -> scraper.get(node, ManagementScraper.METRICS)));
      }
      List<NodeView> views = new ArrayList<>();
      for (int i = 0; i < nodes.size(); i++) {
        NodeView view = ManagementScraper.view(nodes.get(i), answer(readiness.get(i), deadline),
            answer(metrics.get(i), deadline));
        logChange(view);
        views.add(view);
      }
      NodesSnapshot snapshot = snapshot(started, views);
      synchronized (this) {
        last = snapshot;
        lastAt = started;
      }
      return snapshot;
    } finally {
      synchronized (this) {
        reading = null;
      }
    }
  }

  private static ManagementScraper.Answer answer(Future<ManagementScraper.Answer> future, long deadline) {
    try {
      return future.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
    } catch (TimeoutException e) {
      future.cancel(true); // interrupts a body still trickling in
      return ManagementScraper.Answer.failed("timeout");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      future.cancel(true);
      return ManagementScraper.Answer.failed("timeout");
    } catch (ExecutionException e) {
      return ManagementScraper.Answer.failed(ManagementScraper.failure(e.getCause()));
    }
  }

  /** One line when a node's status changes (not per scrape): operators see a node come and go in the log. */
  private synchronized void logChange(NodeView view) {
    String now = view.status() + (view.reason().isEmpty() ? "" : " (" + view.reason() + ")");
    String before = lastStatus.put(view.name(), now);
    if (!now.equals(before)) {
      log.info("Console: node {} ({}) is {}", view.name(), view.role(), now);
    }
  }

  private NodesSnapshot snapshot(Instant at, List<NodeView> views) {
    return new NodesSnapshot(at.truncatedTo(ChronoUnit.SECONDS).toString(), Math.max(1, refreshInterval.toSeconds()),
        views);
  }

  @Override
  public void destroy() {
    executor.shutdownNow();
  }
}
