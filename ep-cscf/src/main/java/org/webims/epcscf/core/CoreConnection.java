package org.webims.epcscf.core;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.webims.epcscf.core.CoreProxy.CoreHop;
import org.webims.sip.message.SipMessage;
import org.webims.sip.proxy.ProxyCore;
import org.webims.sip.transaction.Transport;
import org.webims.sip.transaction.TransportException;

/**
 * One branch's transport toward the S-CSCF (EPC-01): each send takes the flow to the core that
 * {@link CoreNetwork#connect} reuses or opens, without waiting; the message leaves on the event loop
 * once the flow is there. A connect or write that fails after {@link #send} returned reaches the
 * branch through {@link ProxyCore#transportFailed}, which answers it 503 (RFC 3261 §16.9) instead of
 * leaving it to Timer F. One per branch, so a failure ends only the transactions that used it.
 */
final class CoreConnection implements Transport {

  private static final Logger log = LoggerFactory.getLogger(CoreConnection.class);

  private final CoreNetwork network;
  private final ProxyCore proxy;
  private final CoreHop hop;

  CoreConnection(CoreNetwork network, ProxyCore proxy, CoreHop hop) {
    this.network = network;
    this.proxy = proxy;
    this.hop = hop;
  }

  @Override
  public boolean isReliable() {
    return !hop.transport().equals("UDP");
  }

  @Override
  public void send(SipMessage message) {
    network.connect(hop.transport(), hop.target()).whenComplete((flow, failure) -> network.execute(() -> {
      try {
        if (failure != null) {
          throw new TransportException("no flow to the core at " + hop.target() + ": " + failure.getMessage());
        }
        flow.send(message);
      } catch (TransportException e) {
        log.warn("sending to the core at {} failed: {}", hop.target(), e.getMessage());
        proxy.transportFailed(this, e);
      }
    }));
  }

  @Override
  public String toString() {
    return hop.transport() + " to the core at " + hop.target();
  }
}
