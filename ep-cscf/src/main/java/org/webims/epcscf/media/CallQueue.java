package org.webims.epcscf.media;

import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the messages of one call in order while a gateway command for it is under way (EPC-80): a
 * provisional's answer must not be overtaken by the 2xx, nor an INVITE by its CANCEL (which then finds the
 * branch and ends it, rather than landing before the INVITE was forwarded). Other calls are not held.
 * At most {@code maxQueued} messages wait per call; more are dropped (a UDP peer retransmits; a WIC does not
 * send that many while one offer waits). Event loop only.
 */
final class CallQueue {

  private static final Logger log = LoggerFactory.getLogger(CallQueue.class);

  private final int maxQueued;
  private final Map<String, ArrayDeque<Runnable>> busy = new HashMap<>();

  CallQueue(int maxQueued) {
    this.maxQueued = maxQueued;
  }

  /** Runs {@code work} now, or after the command under way for {@code callId}. */
  void enter(String callId, Runnable work) {
    ArrayDeque<Runnable> waiting = callId == null ? null : busy.get(callId);
    if (waiting == null) {
      work.run();
    } else if (waiting.size() < maxQueued) {
      waiting.add(work);
    } else {
      log.info("message of call {} dropped: {} already wait for the media gateway", callId, waiting.size());
    }
  }

  /** A gateway command for {@code callId} starts: its next messages wait. */
  void begin(String callId) {
    busy.putIfAbsent(callId, new ArrayDeque<>());
  }

  /** The command ended: the waiting messages run in order, until one starts another command. */
  void end(String callId) {
    ArrayDeque<Runnable> waiting = busy.remove(callId);
    while (waiting != null && !waiting.isEmpty()) {
      waiting.poll().run();
      ArrayDeque<Runnable> again = busy.get(callId);
      if (again != null) {
        again.addAll(waiting);
        return;
      }
    }
  }

  /** Calls with a command under way (tests). */
  int busy() {
    return busy.size();
  }
}
