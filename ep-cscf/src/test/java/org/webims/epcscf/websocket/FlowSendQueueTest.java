package org.webims.epcscf.websocket;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.webims.sip.testing.MutableClock;
import reactor.core.publisher.BaseSubscriber;

/**
 * Issue 13 point 2: the per-flow send queue keeps what ConcurrentWebSocketSessionDecorator's limits promised: no
 * more than {@code send-buffer-size-limit} characters wait, and nothing waits longer than {@code send-time-limit}
 * without the WIC reading.
 */
class FlowSendQueueTest {

  private final MutableClock clock = new MutableClock(Instant.parse("2026-12-04T22:00:00Z"));
  private final FlowSendQueue queue = new FlowSendQueue(100, Duration.ofSeconds(10), clock);

  /** The connection's sender, taking one message each time the test says the socket was writable. */
  private final class Sender extends BaseSubscriber<String> {
    final List<String> taken = new ArrayList<>();

    @Override
    protected void hookOnSubscribe(org.reactivestreams.Subscription subscription) {
      // nothing until the socket is writable
    }

    @Override
    protected void hookOnNext(String value) {
      taken.add(value);
    }
  }

  @Test
  void refusesWhatWouldPassTheSizeLimit() {
    assertThat(queue.offer("a".repeat(60))).isTrue();
    assertThat(queue.offer("b".repeat(40))).isTrue();
    assertThat(queue.offer("c")).isFalse();
    assertThat(queue.waiting()).isEqualTo(100);
  }

  @Test
  void refusesOnceMessagesWaitedLongerThanTheTimeLimitWithNoneTaken() {
    assertThat(queue.offer("x")).isTrue();
    clock.advance(Duration.ofSeconds(10));
    assertThat(queue.stalled(clock.millis())).isFalse();
    clock.advance(Duration.ofMillis(1));
    assertThat(queue.stalled(clock.millis())).isTrue();
    assertThat(queue.offer("y")).isFalse();
  }

  @Test
  void aMessageTakenFreesItsRoomAndRestartsTheTimeLimit() {
    Sender sender = new Sender();
    queue.messages().subscribe(sender);
    queue.offer("a".repeat(60));
    queue.offer("b".repeat(40));
    clock.advance(Duration.ofSeconds(9));

    sender.request(1);

    assertThat(sender.taken).containsExactly("a".repeat(60));
    assertThat(queue.waiting()).isEqualTo(40);
    clock.advance(Duration.ofSeconds(9)); // 18 s since the first offer, 9 s since the WIC last read
    assertThat(queue.stalled(clock.millis())).isFalse();
    assertThat(queue.offer("c".repeat(60))).isTrue();
  }
}
