package org.webims.epcscf.regevent;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.webims.epcscf.registration.FlowRegistration;
import org.webims.epcscf.registration.Registrations;
import org.webims.epcscf.registration.Removal;
import org.webims.epcscf.websocket.WicFlows;
import org.webims.sip.transaction.TimerService;

/**
 * EPC-42, issue 12: when a reg NOTIFY ended every registration of a flow, the flow's WebSocket is
 * closed with {@value #CODE} and {@value #REASON}, so that a client that never subscribed to its own
 * reg event (JsSIP does not) does not go on believing it is registered. The close waits a short
 * delay, so that a NOTIFY of the client's own subscription, sent by the core at the same moment, is
 * relayed first; it is skipped when the flow registered again meanwhile.
 */
public final class NetworkDeregistrationClose implements Registrations.Listener {

  /** RFC 6455 §7.4.1 normal closure: the purpose of the connection, the registration, is over. */
  public static final int CODE = 1000;
  public static final String REASON = "network deregistration";

  private static final Logger log = LoggerFactory.getLogger(NetworkDeregistrationClose.class);

  private final Registrations registrations;
  private final WicFlows flows;
  private final TimerService timers;
  private final long delayMillis;

  public NetworkDeregistrationClose(Registrations registrations, WicFlows flows, TimerService timers,
      long delayMillis) {
    this.registrations = registrations;
    this.flows = flows;
    this.timers = timers;
    this.delayMillis = delayMillis;
  }

  @Override
  public void onFirstRegistration(FlowRegistration registration) {
    // nothing to do until the registration ends
  }

  @Override
  public void onRemoved(FlowRegistration registration, Removal why) {
    if (why != Removal.NETWORK_DEREGISTERED) {
      return;
    }
    String flowId = registration.flowId();
    timers.schedule(delayMillis, () -> {
      if (registrations.forFlow(flowId).isEmpty()) {
        flows.get(flowId).ifPresent(flow -> {
          log.debug("{}: nothing registered after a network deregistration; closed", flow);
          flow.close(CODE, REASON);
        });
      }
    });
  }
}
