package org.webims.epcscf.media;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** EPC-80: while a gateway command for a call is under way, its later messages wait, in order; other calls do not. */
class CallQueueTest {

  @Test
  void messagesOfABusyCallWaitInOrderAndOthersPass() {
    CallQueue queue = new CallQueue(2);
    List<String> ran = new ArrayList<>();
    queue.begin("a");
    queue.enter("a", () -> ran.add("a-200"));
    queue.enter("b", () -> ran.add("b-invite"));
    queue.enter("a", () -> ran.add("a-bye"));
    queue.enter("a", () -> ran.add("a-dropped")); // beyond max-queued-per-call
    assertThat(ran).containsExactly("b-invite");
    queue.end("a");
    assertThat(ran).containsExactly("b-invite", "a-200", "a-bye");
    assertThat(queue.busy()).isZero();
  }

  @Test
  void aWaitingMessageThatStartsAnotherCommandHoldsTheRest() {
    CallQueue queue = new CallQueue(8);
    List<String> ran = new ArrayList<>();
    queue.begin("a");
    queue.enter("a", () -> {
      ran.add("a-reinvite");
      queue.begin("a");
    });
    queue.enter("a", () -> ran.add("a-ack"));
    queue.end("a");
    assertThat(ran).containsExactly("a-reinvite");
    queue.end("a");
    assertThat(ran).containsExactly("a-reinvite", "a-ack");
  }
}
