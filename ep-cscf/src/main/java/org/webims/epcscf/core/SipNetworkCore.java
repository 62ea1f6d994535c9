package org.webims.epcscf.core;

import java.io.IOException;
import java.net.InetSocketAddress;
import org.webims.server.sip.SipNetwork;
import org.webims.sip.transaction.TimerService;
import org.webims.sip.transaction.Transport;
import org.webims.sip.transaction.TransportException;

/** {@link CoreNetwork} on server-support's {@link SipNetwork} (UDP and TCP, one event loop). */
public final class SipNetworkCore implements CoreNetwork {

  private final SipNetwork network;

  public SipNetworkCore(SipNetwork network) {
    this.network = network;
  }

  @Override
  public TimerService timers() {
    return network.timers();
  }

  @Override
  public void execute(Runnable task) {
    network.execute(task);
  }

  @Override
  public Transport flowTo(String transport, InetSocketAddress remote) throws TransportException {
    try {
      return network.flowTo(transport, remote);
    } catch (IOException e) {
      throw new TransportException("no " + transport + " flow to " + remote + ": " + e.getMessage(), e);
    }
  }
}
