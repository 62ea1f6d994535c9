package org.webims.epcscf.core;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.webims.epcscf.metrics.EpCscfMetrics;
import org.webims.server.events.Event;
import org.webims.server.events.EventLog;
import org.webims.sip.SipParseException;
import org.webims.sip.message.SipMessage;
import org.webims.sip.message.SipRequest;
import org.webims.sip.message.SipResponse;

/**
 * Issue 16: the calls through this eP-CSCF, for the calls gauge ({@code webims.epcscf.calls}), the call-setup
 * histogram ({@code webims.epcscf.call.setup}) and the {@code call.*} events. A call is an initial INVITE (no To
 * tag) on a WIC flow, from the WIC ({@code originating}) or toward it ({@code terminating}), keyed by flow and
 * Call-ID; a call between two WICs of this node counts once per flow, as the dialogs do. It counts from its INVITE
 * passing until it fails (a final response above 299 to that INVITE: an error, the 487 of a CANCEL, the proxy's
 * 408 or 430) or, once its first 2xx established it, until a BYE either way, a 481 or 408 to a request inside it
 * (RFC 3261 §12.2.1.2), or the loss of its flow (EPC-66). At most {@code maxPerFlow} calls per flow are followed,
 * as for the dialogs: beyond that they are carried, not counted.
 *
 * <p>The setup is measured where the eP-CSCF meets the WIC: originating, from the WIC's INVITE received to the
 * first 2xx sent to it; terminating, from the INVITE sent to the WIC to its first 2xx received. Only the proxy
 * core's event loop calls this class; {@link #current} is safe from any thread.
 */
final class FlowCalls {

  private static final Logger log = LoggerFactory.getLogger(FlowCalls.class);

  private final int maxPerFlow;
  private final EpCscfMetrics metrics;
  private final EventLog events;
  private final Map<String, Map<String, Call>> byFlow = new HashMap<>();
  private final AtomicInteger current = new AtomicInteger();

  /** A call on a flow: when its INVITE passed, and its first 2xx (0 before). */
  private static final class Call {
    final boolean originating;
    final long invitedNanos;
    long establishedNanos;

    Call(boolean originating, long invitedNanos) {
      this.originating = originating;
      this.invitedNanos = invitedNanos;
    }
  }

  FlowCalls(int maxPerFlow, EpCscfMetrics metrics, EventLog events) {
    this.maxPerFlow = maxPerFlow;
    this.metrics = metrics;
    this.events = events;
  }

  /** Calls set up or established now; safe from any thread (the gauge). */
  int current() {
    return current.get();
  }

  /** A message the WIC sent on {@code flowId}. */
  void fromWic(String flowId, SipMessage message) {
    seen(flowId, message, true);
  }

  /** A message the proxy core sends over {@code flowId} to the WIC. */
  void toWic(String flowId, SipMessage message) {
    seen(flowId, message, false);
  }

  private void seen(String flowId, SipMessage message, boolean fromWic) {
    try {
      if (message.isRequest()) {
        SipRequest request = (SipRequest) message;
        if (request.isMethod(SipRequest.INVITE) && request.to().tag() == null) {
          invited(flowId, request.callId(), fromWic);
        } else if (request.isMethod(SipRequest.BYE)) {
          end(flowId, request.callId(), fromWic ? "bye_wic" : "bye_core");
        }
        return;
      }
      SipResponse response = (SipResponse) message;
      int status = response.statusCode();
      Call call = find(flowId, response.callId());
      if (call == null || status < 200) {
        return;
      }
      boolean toOwnInvite = response.cseq().method().equals(SipRequest.INVITE) && call.establishedNanos == 0
          && call.originating != fromWic; // the response to the call's INVITE goes the other way
      if (toOwnInvite && response.isSuccess()) {
        established(flowId, response.callId(), call);
      } else if (toOwnInvite) {
        failed(flowId, response.callId(), Integer.toString(status), response.reasonPhrase());
      } else if (call.establishedNanos != 0 && (status == 481 || status == 408)) {
        end(flowId, response.callId(), "error_" + status);
      }
    } catch (SipParseException e) {
      log.debug("message of flow {} not followed for calls: {}", flowId, e.reason());
    }
  }

  /** The flow is gone: every call on it ends (EPC-66). */
  void flowLost(String flowId) {
    Map<String, Call> calls = byFlow.get(flowId);
    if (calls == null) {
      return;
    }
    for (String callId : calls.keySet().toArray(new String[0])) {
      Call call = calls.get(callId);
      if (call.establishedNanos == 0) {
        failed(flowId, callId, "flow_lost", null);
      } else {
        end(flowId, callId, "flow_lost");
      }
    }
  }

  private void invited(String flowId, String callId, boolean originating) {
    Map<String, Call> calls = byFlow.computeIfAbsent(flowId, id -> new LinkedHashMap<>());
    if (calls.containsKey(callId) || calls.size() >= maxPerFlow) {
      return;
    }
    calls.put(callId, new Call(originating, System.nanoTime()));
    current.incrementAndGet();
  }

  private void established(String flowId, String callId, Call call) {
    call.establishedNanos = System.nanoTime();
    long setup = call.establishedNanos - call.invitedNanos;
    metrics.callEstablished(call.originating, setup);
    events.log(Event.of("call.start").with("call_id", callId).with("flow", flowId)
        .with("direction", direction(call)).with("setup_ms", TimeUnit.NANOSECONDS.toMillis(setup)));
  }

  private void failed(String flowId, String callId, String reason, String phrase) {
    Call call = remove(flowId, callId);
    if (call != null && !reason.equals("401") && !reason.equals("407")) { // a challenge: token.refused says why
      events.refusal(Event.of("call.failed").with("call_id", callId).with("flow", flowId)
          .with("direction", direction(call)).with(Event.REASON, reason).with("phrase", phrase));
    }
  }

  private void end(String flowId, String callId, String reason) {
    Call call = find(flowId, callId);
    if (call == null || call.establishedNanos == 0 && !reason.startsWith("bye")) {
      return;
    }
    remove(flowId, callId);
    Event end = Event.of("call.end").with("call_id", callId).with("flow", flowId).with("direction", direction(call))
        .with(Event.REASON, reason);
    events.log(call.establishedNanos == 0 ? end
        : end.with("duration_ms", TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - call.establishedNanos)));
  }

  private Call find(String flowId, String callId) {
    Map<String, Call> calls = byFlow.get(flowId);
    return calls == null ? null : calls.get(callId);
  }

  private Call remove(String flowId, String callId) {
    Map<String, Call> calls = byFlow.get(flowId);
    Call call = calls == null ? null : calls.remove(callId);
    if (call != null) {
      current.decrementAndGet();
      if (calls.isEmpty()) {
        byFlow.remove(flowId);
      }
    }
    return call;
  }

  private static String direction(Call call) {
    return call.originating ? "originating" : "terminating";
  }
}
