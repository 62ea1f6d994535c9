package org.webims.epcscf.token;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

/** EPC-28: the released leases the eP-CSCF remembers, until when, and how many at most. */
class ReleasedLeasesTest {

  private final Instant now = Instant.parse("2026-11-22T12:00:00Z");

  @Test
  void remembersALeaseUntilItsTimeAndKeepsTheLaterTime() {
    ReleasedLeases released = new ReleasedLeases(10);
    released.remember("a", now.plusSeconds(60), now);
    released.remember("a", now.plusSeconds(30), now);
    assertThat(released.isReleased("a", now.plusSeconds(59))).isTrue();
    assertThat(released.isReleased("a", now.plusSeconds(60))).isFalse();
    assertThat(released.isReleased(null, now)).isFalse();
    assertThat(released.size()).isZero();
  }

  @Test
  void whenFullForgetsExpiredLeasesFirstThenTheOneDueSoonest() {
    ReleasedLeases released = new ReleasedLeases(2);
    released.remember("expired", now.plusSeconds(10), now);
    released.remember("late", now.plusSeconds(600), now);
    released.remember("new", now.plusSeconds(300), now.plusSeconds(20));
    assertThat(released.size()).isEqualTo(2);
    assertThat(released.isReleased("late", now.plusSeconds(20))).isTrue();
    assertThat(released.isReleased("new", now.plusSeconds(20))).isTrue();

    released.remember("newest", now.plusSeconds(900), now.plusSeconds(20));
    assertThat(released.isReleased("new", now.plusSeconds(20))).isFalse();
    assertThat(released.isReleased("late", now.plusSeconds(20))).isTrue();
    assertThat(released.isReleased("newest", now.plusSeconds(20))).isTrue();
  }
}
