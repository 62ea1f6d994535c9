package org.webims.sip.transaction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** RFC 3261 §17.1.2.2 and Table 4: timer values and what derives from them. */
class TransactionTimersTest {

    @Test
    void defaultsToRfc3261Values() {
        TransactionTimers t = TransactionTimers.DEFAULT;

        assertThat(t.t1()).isEqualTo(500);
        assertThat(t.t2()).isEqualTo(4_000);
        assertThat(t.t4()).isEqualTo(5_000);
        assertThat(t.transactionTimeout()).isEqualTo(32_000);
    }

    @Test
    void waitsInCompletedOnlyOverUnreliableTransport() {
        TransactionTimers t = TransactionTimers.DEFAULT;

        assertThat(t.timerK(false)).isEqualTo(5_000);
        assertThat(t.timerK(true)).isZero();
        assertThat(t.timerJ(false)).isEqualTo(32_000);
        assertThat(t.timerJ(true)).isZero();
    }

    @Test
    void invitesWaitTimerDAndIOnlyOverUnreliableTransport() {
        // RFC 3261 §17.1.1.2 Timer D (> 32 s, not derived from T1) and §17.2.1 Timer I (T4).
        TransactionTimers t = TransactionTimers.builder().t1(100).build();

        assertThat(t.timerD(false)).isEqualTo(32_000);
        assertThat(t.timerD(true)).isZero();
        assertThat(t.timerI(false)).isEqualTo(5_000);
        assertThat(t.timerI(true)).isZero();
    }

    @Test
    void builderChangesOnlyWhatItIsTold() {
        TransactionTimers t = TransactionTimers.builder().t1(200).build();

        assertThat(t.t1()).isEqualTo(200);
        assertThat(t.t2()).isEqualTo(4_000);
        assertThat(t.toBuilder().t1(500).build()).isEqualTo(TransactionTimers.DEFAULT);
    }

    @Test
    void rejectsNonPositiveT1T2BelowT1AndNonPositiveT4() {
        assertThatThrownBy(() -> TransactionTimers.builder().t1(0).build()).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> TransactionTimers.builder().t1(TransactionTimers.MAX_T1 + 1).t2(Long.MAX_VALUE).build())
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> TransactionTimers.builder().t2(499).build()).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> TransactionTimers.builder().t4(0).build()).isInstanceOf(IllegalArgumentException.class);
    }
}
