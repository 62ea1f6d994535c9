package org.webims.epcscf.media;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The gateway sessions this eP-CSCF created (EPC-80, EPC-82): one per SIP dialog leg, that is per Call-ID
 * and WIC flow (a call between two WICs of this eP-CSCF passes it twice, once per flow). The gateway's call
 * id is the configured prefix, the Call-ID and the flow, so that the reconciliation recognises this
 * eP-CSCF's sessions among those of other eP-CSCFs sharing the gateway. Only the proxy's event loop uses
 * it; {@link #size()} is safe from any thread (the gauge).
 */
final class AnchoredSessions {

  /** One anchored leg; its fields change only on the event loop. */
  static final class Session {
    final String callId;
    final String flowId;
    final String ngCallId;
    /** The WIC's tag: the From tag of its INVITE, or the To tag of its first response to the core's. */
    String wicTag;
    /** A 2xx to the initial INVITE was seen: error finals no longer end it (they answer a re-INVITE). */
    boolean confirmed;
    /** The CSeq of the last request whose offer passed the gateway, and whether the WIC sent it. */
    long offerCseq = -1;
    boolean offerFromWic;

    /** Whether an SDP in a response from {@code fromWic}'s side to request {@code cseq} answers that offer. */
    boolean answers(long cseq, boolean fromWic) {
      return cseq == offerCseq && fromWic != offerFromWic;
    }

    Session(String callId, String flowId, String ngCallId, String wicTag) {
      this.callId = callId;
      this.flowId = flowId;
      this.ngCallId = ngCallId;
      this.wicTag = wicTag;
    }
  }

  private final String prefix;
  private final Map<String, List<Session>> byCallId = new HashMap<>();
  private final Map<String, Set<Session>> byFlow = new HashMap<>();
  private final Set<String> ngCallIds = new java.util.HashSet<>();
  private final AtomicInteger size = new AtomicInteger();

  AnchoredSessions(String prefix) {
    this.prefix = prefix;
  }

  String prefix() {
    return prefix;
  }

  Session create(String callId, String flowId, String wicTag) {
    Session s = new Session(callId, flowId, prefix + callId + "/" + flowId, wicTag);
    byCallId.computeIfAbsent(callId, id -> new ArrayList<>(1)).add(s);
    byFlow.computeIfAbsent(flowId, id -> new LinkedHashSet<>()).add(s);
    ngCallIds.add(s.ngCallId);
    size.incrementAndGet();
    return s;
  }

  /** The leg of {@code callId} on {@code flowId}, or null. */
  Session get(String callId, String flowId) {
    List<Session> legs = byCallId.get(callId);
    if (legs != null) {
      for (Session s : legs) {
        if (s.flowId.equals(flowId)) {
          return s;
        }
      }
    }
    return null;
  }

  /** The leg of {@code callId} whose WIC has the tag {@code wicTag} (a response from the core), or null. */
  Session byWicTag(String callId, String wicTag) {
    List<Session> legs = byCallId.get(callId);
    if (legs != null && wicTag != null) {
      for (Session s : legs) {
        if (wicTag.equals(s.wicTag)) {
          return s;
        }
      }
    }
    return null;
  }

  boolean hasCall(String callId) {
    return byCallId.containsKey(callId);
  }

  /** Forgets {@code s}; false when it was gone already. */
  boolean remove(Session s) {
    List<Session> legs = byCallId.get(s.callId);
    if (legs == null || !legs.remove(s)) {
      return false;
    }
    if (legs.isEmpty()) {
      byCallId.remove(s.callId);
    }
    Set<Session> ofFlow = byFlow.get(s.flowId);
    if (ofFlow != null) {
      ofFlow.remove(s);
      if (ofFlow.isEmpty()) {
        byFlow.remove(s.flowId);
      }
    }
    ngCallIds.remove(s.ngCallId);
    size.decrementAndGet();
    return true;
  }

  /** The sessions of {@code flowId}. */
  List<Session> ofFlow(String flowId) {
    Set<Session> ofFlow = byFlow.get(flowId);
    return ofFlow == null ? List.of() : List.copyOf(ofFlow);
  }

  /** True for a gateway call id this eP-CSCF made and still holds. */
  boolean knows(String ngCallId) {
    return ngCallIds.contains(ngCallId);
  }

  /** True for a gateway call id with this eP-CSCF's prefix. */
  boolean isOurs(String ngCallId) {
    return ngCallId.startsWith(prefix);
  }

  int size() {
    return size.get();
  }
}
