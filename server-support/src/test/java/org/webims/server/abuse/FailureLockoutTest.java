package org.webims.server.abuse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The one throttle of every sign-in path (SCS-03, WAF-02, EPC-21): sliding window per key, bounded memory. */
class FailureLockoutTest {

  private final FailureLockout lockout = new FailureLockout(new FailureLockout.Limits(3, Duration.ofSeconds(60), 100));

  @Test
  void locksAKeyUntilItsOldestFailureLeavesTheWindow() {
    lockout.failed(0, "user:alice");
    lockout.failed(10_000, "user:alice");
    assertThat(lockout.isLockedOut(10_000, "user:alice")).isFalse();
    lockout.failed(20_000, "user:alice");

    assertThat(lockout.lockedFor(20_000, "user:alice")).isEqualTo(Duration.ofSeconds(40));
    assertThat(lockout.lockedFor(59_001, "user:alice")).isEqualTo(Duration.ofSeconds(1));
    assertThat(lockout.isLockedOut(60_000, "user:alice")).isFalse();
  }

  @Test
  void countsEveryKeyGivenAndIsLockedWhenAnyIs() {
    for (int i = 0; i < 3; i++) {
      lockout.failed(0, "user:u" + i, "source:192.0.2.7");
    }
    assertThat(lockout.isLockedOut(1, "user:u0")).isFalse();
    assertThat(lockout.isLockedOut(1, "user:someone-else", "source:192.0.2.7")).isTrue();
    assertThat(lockout.isLockedOut(1, null, "source:198.51.100.1")).isFalse();
  }

  @Test
  void successClearsOnlyThatKey() {
    for (int i = 0; i < 3; i++) {
      lockout.failed(0, "user:alice", "source:192.0.2.7");
    }
    lockout.succeeded("user:alice");
    assertThat(lockout.isLockedOut(1, "user:alice")).isFalse();
    assertThat(lockout.isLockedOut(1, "source:192.0.2.7")).isTrue();
  }

  @Test
  void forgetsTheLeastRecentlyUsedKeysBeyondCapacity() {
    FailureLockout small = new FailureLockout(new FailureLockout.Limits(1, Duration.ofSeconds(60), 2));
    small.failed(0, "a");
    small.failed(0, "b");
    small.failed(0, "c");
    assertThat(small.isLockedOut(1, "a")).isFalse();
    assertThat(small.isLockedOut(1, "b")).isTrue();
    assertThat(small.isLockedOut(1, "c")).isTrue();
  }

  @Test
  void countsConcurrentFailuresWithoutLosingAny() throws Exception {
    FailureLockout many = new FailureLockout(new FailureLockout.Limits(4000, Duration.ofSeconds(60), 10));
    ExecutorService pool = Executors.newFixedThreadPool(4);
    CountDownLatch start = new CountDownLatch(1);
    List<java.util.concurrent.Future<?>> done = new ArrayList<>();
    for (int t = 0; t < 4; t++) {
      done.add(pool.submit(() -> {
        start.await();
        for (int i = 0; i < 1000; i++) {
          many.failed(0, "source:192.0.2.7");
        }
        return null;
      }));
    }
    start.countDown();
    for (var f : done) {
      f.get(10, TimeUnit.SECONDS);
    }
    pool.shutdown();
    assertThat(many.isLockedOut(1, "source:192.0.2.7")).isTrue();
  }

  @Test
  void refusesUnsafeLimits() {
    assertThatThrownBy(() -> new FailureLockout.Limits(0, Duration.ofSeconds(1), 1))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new FailureLockout.Limits(1, Duration.ZERO, 1))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void saysHowLongToWaitInWords() {
    assertThat(FailureLockout.inWords(Duration.ofSeconds(40))).isEqualTo("40 seconds");
    assertThat(FailureLockout.inWords(Duration.ofSeconds(60))).isEqualTo("1 minute");
    assertThat(FailureLockout.inWords(Duration.ofSeconds(241))).isEqualTo("5 minutes");
  }
}
