package org.webims.epcscf.core;

import java.net.InetSocketAddress;
import java.util.concurrent.CompletionStage;
import org.webims.sip.transaction.TimerService;
import org.webims.sip.transaction.Transport;

/**
 * What {@link CoreProxy} needs from the Mw side's transports (EPC-01): flows to the S-CSCF, and the
 * one event loop its transactions, timers and tasks run on. {@link SipServerCore} is the real one
 * (sip-server); layer tests use a fake with a virtual clock.
 */
public interface CoreNetwork {

  TimerService timers();

  /** Runs {@code task} on the event loop that also runs timers and received messages. */
  void execute(Runnable task);

  /**
   * A flow to {@code remote} over {@code "UDP"} or {@code "TCP"}; never blocks: the stage completes
   * when the connection is there (an open one is reused), or exceptionally with a {@code
   * TransportException}.
   */
  CompletionStage<? extends Transport> connect(String transport, InetSocketAddress remote);

  /** The Mw side's bound port (the real one when 0 was configured), for the eP-CSCF's Via and Path. */
  int port();
}
