package org.webims.epcscf.core;

import org.webims.epcscf.core.CoreProxy.Decider;
import org.webims.epcscf.websocket.WicFlow;
import org.webims.sip.message.HeaderNames;
import org.webims.sip.message.SipMessage;
import org.webims.sip.message.SipRequest;
import org.webims.sip.message.SipResponse;
import org.webims.sip.transaction.Transport;
import org.webims.sip.transaction.TransportException;

/**
 * A WIC's WebSocket flow as the proxy core's transport (RFC 7118: reliable, so no retransmissions),
 * with the {@link Decider} for what the WIC sends on it. Equal by flow token, so that a failure of
 * the flow reaches every transaction on it ({@link CoreProxy#flowClosed}). A send on a closed flow is
 * an RFC 5626 §5.3 flow failure (430). Requests and responses lose their charging information on the
 * way to the WIC (EPC-31, EPC-65, TS 24.229 5.2.6.3 and 5.2.6.4): it stays in the core. What goes to the WIC is shown to the
 * flow's {@link FlowDialogs} (EPC-66) and {@link FlowCalls} (issue 16).
 */
final class FlowTransport implements Transport {

  final Decider originating;
  private final WicFlow flow;
  private final FlowDialogs dialogs;
  private final FlowCalls calls;

  FlowTransport(WicFlow flow, Decider originating, FlowDialogs dialogs, FlowCalls calls) {
    this.flow = flow;
    this.originating = originating;
    this.dialogs = dialogs;
    this.calls = calls;
  }

  WicFlow flow() {
    return flow;
  }

  String flowId() {
    return flow.id();
  }

  boolean isOpen() {
    return flow.isOpen();
  }

  @Override
  public boolean isReliable() {
    return true;
  }

  @Override
  public void send(SipMessage message) throws TransportException {
    if (!flow.isOpen()) {
      throw TransportException.flowFailed("flow " + flow.id() + " is closed");
    }
    dialogs.toWic(flow.id(), message); // EPC-66
    calls.toWic(flow.id(), message); // issue 16
    if (message.hasHeader(HeaderNames.P_CHARGING_VECTOR) || message.hasHeader(HeaderNames.P_CHARGING_FUNCTION_ADDRESSES)) {
      message = message.isRequest()
          ? ((SipRequest) message).toBuilder().removeHeader(HeaderNames.P_CHARGING_VECTOR)
              .removeHeader(HeaderNames.P_CHARGING_FUNCTION_ADDRESSES).build()
          : ((SipResponse) message).toBuilder().removeHeader(HeaderNames.P_CHARGING_VECTOR)
              .removeHeader(HeaderNames.P_CHARGING_FUNCTION_ADDRESSES).build();
    }
    flow.send(message);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof FlowTransport other && other.flow.id().equals(flow.id());
  }

  @Override
  public int hashCode() {
    return flow.id().hashCode();
  }

  @Override
  public String toString() {
    return "flow " + flow.id();
  }
}
