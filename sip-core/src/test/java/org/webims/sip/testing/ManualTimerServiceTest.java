package org.webims.sip.testing;


import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.webims.sip.transaction.TimerService;

/** The virtual clock the transaction tests stand on. */
class ManualTimerServiceTest {

    private final ManualTimerService clock = new ManualTimerService();
    private final List<String> ran = new ArrayList<>();

    @Test
    void runsDueTasksInOrderOfDueTimeThenOfScheduling() {
        clock.schedule(300, () -> ran.add("c@" + clock.now()));
        clock.schedule(100, () -> ran.add("a@" + clock.now()));
        clock.schedule(100, () -> ran.add("b@" + clock.now()));

        clock.advance(250);

        assertThat(ran).containsExactly("a@100", "b@100");
        assertThat(clock.now()).isEqualTo(250);
    }

    @Test
    void runsTasksScheduledDuringAdvanceWhenDueByTheNewTime() {
        clock.schedule(100, () -> clock.schedule(100, () -> ran.add("chained@" + clock.now())));
        clock.schedule(100, () -> clock.schedule(0, () -> ran.add("now@" + clock.now())));

        clock.advance(200);

        assertThat(ran).containsExactly("now@100", "chained@200");
    }

    @Test
    void neverRunsCancelledTask() {
        TimerService.Timer timer = clock.schedule(100, () -> ran.add("cancelled"));

        timer.cancel();
        clock.advance(1_000);

        assertThat(ran).isEmpty();
        assertThat(clock.pending()).isZero();
    }
}
