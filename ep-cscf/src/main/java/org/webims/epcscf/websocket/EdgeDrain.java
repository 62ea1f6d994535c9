package org.webims.epcscf.websocket;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.availability.AvailabilityChangeEvent;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.SmartLifecycle;

/**
 * Draining the W2 edge when the eP-CSCF stops (issue 16; SIGTERM runs Spring Boot's shutdown hook, which closes
 * the context and so stops this first, before the web server and the management port): readiness turns false and
 * new handshakes are refused at once ({@link #draining()}), so a load balancer sends the next WICs elsewhere; after
 * {@code delay} (or as soon as no flow is left) every flow is closed with 1001 Going Away, which the WIC takes as
 * flow loss and reconnects (WIC-10), each loss handled as any other (EPC-43, EPC-66); the whole stop within
 * {@code timeout}.
 */
public final class EdgeDrain implements SmartLifecycle {

  private static final Logger log = LoggerFactory.getLogger(EdgeDrain.class);
  /** How often the drain looks whether the flows are gone; shutdown only, so a short poll is simplest. */
  private static final long POLL_MILLIS = 50;

  private final SipWebSocketHandler flows;
  private final ApplicationEventPublisher events;
  private final Duration delay;
  private final Duration timeout;
  private volatile boolean running;
  private volatile boolean draining;

  public EdgeDrain(SipWebSocketHandler flows, ApplicationEventPublisher events, Duration delay, Duration timeout) {
    this.flows = flows;
    this.events = events;
    this.delay = delay;
    this.timeout = timeout;
  }

  /** True from the start of the stop: new WebSocket handshakes are refused. */
  public boolean draining() {
    return draining;
  }

  @Override
  public void start() {
    draining = false;
    running = true;
  }

  @Override
  public void stop() {
    long start = System.nanoTime();
    draining = true;
    AvailabilityChangeEvent.publish(events, this, ReadinessState.REFUSING_TRAFFIC);
    log.info("draining: readiness false, new WebSocket connections refused; {} flows close in {} ms",
        flows.flowCount(), delay.toMillis());
    awaitNoFlows(start + delay.toNanos());
    int closed = flows.closeAllFlows();
    awaitNoFlows(start + timeout.toNanos());
    log.info("drained: {} flows closed with 1001, {} still open after {} ms", closed, flows.flowCount(),
        TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start));
    running = false;
  }

  private void awaitNoFlows(long deadlineNanos) {
    while (flows.flowCount() > 0 && System.nanoTime() < deadlineNanos) {
      try {
        Thread.sleep(Math.max(1, Math.min(POLL_MILLIS, TimeUnit.NANOSECONDS.toMillis(deadlineNanos - System.nanoTime()))));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  @Override
  public boolean isRunning() {
    return running;
  }

  /** The last phase to start, the first to stop: before the web server's graceful shutdown and the management port. */
  @Override
  public int getPhase() {
    return SmartLifecycle.DEFAULT_PHASE;
  }
}
