package org.webims.epcscf.core;

import java.net.InetSocketAddress;
import org.webims.sip.transaction.TimerService;
import org.webims.sip.transaction.Transport;
import org.webims.sip.transaction.TransportException;

/**
 * What {@link CoreProxy} needs from the Mw side's sockets (EPC-01): flows to the S-CSCF, and one
 * event loop for timers and tasks. {@link SipNetworkCore} is the real one (server-support's
 * {@code SipNetwork}); layer tests use a fake with a virtual clock.
 */
public interface CoreNetwork {

  TimerService timers();

  /** Runs {@code task} on the event loop that also runs timers and received messages. */
  void execute(Runnable task);

  /** A flow to {@code remote} over {@code "UDP"} or {@code "TCP"}; may block while connecting. */
  Transport flowTo(String transport, InetSocketAddress remote) throws TransportException;
}
