package org.webims.load;

import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongSupplier;
import org.webims.sip.message.SipResponse;

/**
 * Keeps open flows registered: sends REGISTERs at an offered rate (or flat out) on idle flows, one outstanding per
 * flow and at most {@code window} in all, and counts what comes back. Latency runs from the first REGISTER of a
 * registration to its final answer (a Digest challenge round is inside it). Every loop is bounded in time.
 */
final class LoadDriver implements LoadClient.Listener {

  private static final Duration DRAIN = Duration.ofSeconds(5);

  private final ConcurrentLinkedQueue<WssFlow> idle = new ConcurrentLinkedQueue<>();
  private final Map<WssFlow, Long> busy = new ConcurrentHashMap<>();
  private final AtomicInteger outstanding = new AtomicInteger();
  private final int window;
  private volatile Step step = new Step();

  LoadDriver(int window) {
    this.window = window;
  }

  void add(WssFlow flow) {
    idle.add(flow);
  }

  /** Idle flows, REGISTERs outstanding and flows marked busy, for a stalled run's diagnosis. */
  String state() {
    return "idle=" + idle.size() + " outstanding=" + outstanding.get() + " busy=" + busy.size();
  }

  /**
   * Offers {@code offeredPerSecond} REGISTERs per second (0: as fast as the window allows, {@link PhaseResult#IDLE}:
   * none) for {@code duration},
   * then waits up to 5 s for the answers; {@code limit} caps the REGISTERs sent (0: no cap).
   */
  PhaseResult run(int offeredPerSecond, Duration duration, long limit, LongSupplier serverCpuNanos) {
    Step s = new Step();
    step = s;
    long cpu0 = serverCpuNanos.getAsLong();
    long start = System.nanoTime();
    long end = start + duration.toNanos();
    long sent = 0;
    long now;
    while ((now = System.nanoTime()) < end && (limit == 0 || sent < limit)) {
      long due = offeredPerSecond == PhaseResult.IDLE ? 0 : offeredPerSecond == 0 ? Long.MAX_VALUE
          : (long) ((now - start) / 1e9 * offeredPerSecond) - sent;
      while (due > 0 && outstanding.get() < window && (limit == 0 || sent < limit)) {
        WssFlow flow = idle.poll();
        if (flow == null) {
          break;
        }
        if (!flow.isOpen()) {
          s.error("closed");
          continue;
        }
        outstanding.incrementAndGet();
        busy.put(flow, System.nanoTime());
        flow.sendRegister();
        sent++;
        due--;
      }
      LockSupport.parkNanos(100_000);
      expire(s, System.nanoTime());
    }
    long drainEnd = System.nanoTime() + DRAIN.toNanos();
    while (outstanding.get() > 0 && System.nanoTime() < drainEnd) {
      LockSupport.parkNanos(1_000_000);
    }
    long stop = System.nanoTime();
    long cpu1 = serverCpuNanos.getAsLong();
    expire(s, stop);
    double seconds = (stop - start) / 1e9;
    double cpuPercent = cpu0 < 0 || cpu1 < 0 ? -1 : 100.0 * (cpu1 - cpu0) / (stop - start);
    return new PhaseResult(offeredPerSecond, seconds, s.ok.sum(), s.errors(), s.challenges.sum(),
        s.latency.percentileMillis(50), s.latency.percentileMillis(99), s.latency.maxMillis(), cpuPercent);
  }

  /**
   * Sends {@code perSecond} keep-alives (CRLF messages, as a WIC does between REGISTERs) for {@code duration},
   * round robin over the idle flows, no REGISTER; {@code ok} counts the keep-alives sent (their CRLF answers are
   * not awaited). Only between REGISTER steps: every flow must be idle.
   */
  PhaseResult keepAlives(int perSecond, Duration duration, LongSupplier serverCpuNanos) {
    long cpu0 = serverCpuNanos.getAsLong();
    long start = System.nanoTime();
    long end = start + duration.toNanos();
    long sent = 0;
    long now;
    while ((now = System.nanoTime()) < end) {
      long due = (long) ((now - start) / 1e9 * perSecond) - sent;
      for (; due > 0; due--) {
        WssFlow flow = idle.poll();
        if (flow == null) {
          break;
        }
        if (flow.isOpen()) {
          flow.sendKeepAlive();
          sent++;
        }
        idle.add(flow);
      }
      LockSupport.parkNanos(100_000);
    }
    long stop = System.nanoTime();
    long cpu1 = serverCpuNanos.getAsLong();
    return new PhaseResult(perSecond, (stop - start) / 1e9, sent, Map.of(), 0, 0, 0, 0,
        cpu0 < 0 || cpu1 < 0 ? -1 : 100.0 * (cpu1 - cpu0) / (stop - start));
  }

  /** REGISTERs unanswered for 5 s count as timeouts; their flows go back to work (a late answer is ignored). */
  private void expire(Step s, long now) {
    for (Map.Entry<WssFlow, Long> e : busy.entrySet()) {
      if (now - e.getValue() > DRAIN.toNanos() && busy.remove(e.getKey(), e.getValue())) {
        outstanding.decrementAndGet();
        s.error("timeout");
        idle.add(e.getKey());
      }
    }
  }

  @Override
  public void answered(WssFlow flow, SipResponse response) {
    Long since = busy.get(flow);
    if (since == null || !flow.answers(response)) {
      return; // an answer to a REGISTER already counted as a timeout
    }
    Step s = step;
    int status = response.statusCode();
    if (status < 200) {
      return;
    }
    if (status == 401 && flow.identity().token() == null && flow.takeChallenge(response)) {
      s.challenges.increment();
      flow.sendRegister();
      return;
    }
    if (!busy.remove(flow, since)) {
      return;
    }
    outstanding.decrementAndGet();
    if (status < 300) {
      s.ok.increment();
      s.latency.record(System.nanoTime() - since);
    } else {
      s.error(Integer.toString(status));
    }
    idle.add(flow);
  }

  @Override
  public void closed(WssFlow flow) {
    if (busy.remove(flow) != null) {
      outstanding.decrementAndGet();
      step.error("closed");
    }
  }

  /** The counters of one step. */
  private static final class Step {
    final LongAdder ok = new LongAdder();
    final LongAdder challenges = new LongAdder();
    final LatencyHistogram latency = new LatencyHistogram();
    final Map<String, LongAdder> errors = new ConcurrentHashMap<>();

    void error(String what) {
      errors.computeIfAbsent(what, k -> new LongAdder()).increment();
    }

    Map<String, Long> errors() {
      Map<String, Long> m = new TreeMap<>();
      errors.forEach((k, v) -> m.put(k, v.sum()));
      return m;
    }
  }
}
