package org.webims.epcscf.websocket;

import java.time.Clock;
import java.time.Duration;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Sinks;
import reactor.util.concurrent.Queues;

/**
 * The messages waiting to be written to one WIC's connection (what Spring's servlet
 * {@code ConcurrentWebSocketSessionDecorator} bounded before issue 13). Reactor Netty takes a message from here
 * only while the connection is writable, so what waits here is what a slow or stalled WIC has not read.
 * {@link #offer} refuses once more than {@code sizeLimit} characters wait, or once messages have waited with none
 * taken for longer than {@code timeLimit}: the flow is then closed instead of growing without bound. Offers may come
 * from any thread; messages leave on the connection's event loop.
 */
final class FlowSendQueue {

  // Small chunks: most flows have nothing or one message waiting, and there may be 100,000 flows (issue 13).
  private final Sinks.Many<String> sink = Sinks.many().unicast().onBackpressureBuffer(Queues.<String>unbounded(8).get());
  private final long sizeLimit;
  private final long timeLimitMillis;
  private final Clock clock;
  private long waiting;
  private long waitingSinceMillis;

  FlowSendQueue(long sizeLimit, Duration timeLimit, Clock clock) {
    this.sizeLimit = sizeLimit;
    this.timeLimitMillis = timeLimit.toMillis();
    this.clock = clock;
  }

  /** Queues {@code text}; false (nothing queued) when the limits say the WIC no longer reads. */
  synchronized boolean offer(String text) {
    long now = clock.millis();
    if (waiting > 0 && now - waitingSinceMillis > timeLimitMillis || waiting + text.length() > sizeLimit) {
      return false;
    }
    if (waiting == 0) {
      waitingSinceMillis = now;
    }
    waiting += text.length();
    return sink.tryEmitNext(text).isSuccess();
  }

  /** True when a message has waited longer than the time limit (checked by the periodic sweep too). */
  synchronized boolean stalled(long nowMillis) {
    return waiting > 0 && nowMillis - waitingSinceMillis > timeLimitMillis;
  }

  /** Characters waiting. */
  synchronized long waiting() {
    return waiting;
  }

  /** The queued messages, for the connection's single sender; each leaves the count as it is taken. */
  Flux<String> messages() {
    return sink.asFlux().doOnNext(this::taken);
  }

  /** No more messages: the connection is gone. */
  synchronized void complete() {
    sink.tryEmitComplete();
  }

  private synchronized void taken(String text) {
    waiting -= text.length();
    waitingSinceMillis = clock.millis(); // progress: the time limit counts from the last message taken
  }
}
