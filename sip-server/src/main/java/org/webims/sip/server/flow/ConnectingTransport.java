package org.webims.sip.server.flow;

import java.net.InetSocketAddress;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.webims.sip.message.SipMessage;
import org.webims.sip.proxy.ProxyCore;
import org.webims.sip.transaction.Transport;
import org.webims.sip.transaction.TransportException;

/**
 * A proxy branch's transport toward a next hop that may not be connected yet (RFC 3261 §16.6 step 7, §18):
 * {@link #send} returns at once, the flow is reused or opened without blocking, and the message leaves from the
 * proxy's {@code home} loop. A connect or write that fails after {@code send} returned reaches the branch through
 * {@link ProxyCore#transportFailed} on that loop (503, §16.9) instead of waiting out Timer F or C. One per branch,
 * so a failure ends only the transactions that used it. The eP-CSCF's hop toward the S-CSCF and the S-CSCF's hop
 * toward a contact's Path are both this.
 */
public final class ConnectingTransport implements Transport {

  private static final Logger log = LoggerFactory.getLogger(ConnectingTransport.class);

  /** Reuses or opens a flow; never blocks (sip-server's {@code SipServer.connect}, or a test's fake). */
  public interface Connector {
    CompletionStage<? extends Transport> connect(String transport, InetSocketAddress remote);
  }

  private final Connector connector;
  private final Executor home;
  private final ProxyCore proxy;
  private final String transport;
  private final InetSocketAddress remote;
  private final String name;

  /** {@code name} says what the next hop is, for logs ("the core", "a contact's Path"). */
  public ConnectingTransport(Connector connector, Executor home, ProxyCore proxy, String transport,
      InetSocketAddress remote, String name) {
    this.connector = connector;
    this.home = home;
    this.proxy = proxy;
    this.transport = transport;
    this.remote = remote;
    this.name = name;
  }

  @Override
  public boolean isReliable() {
    return !"UDP".equals(transport);
  }

  @Override
  public void send(SipMessage message) {
    connector.connect(transport, remote).whenComplete((flow, failure) -> home.execute(() -> {
      try {
        if (failure != null) {
          throw new TransportException("no flow: " + failure.getMessage());
        }
        flow.send(message);
      } catch (TransportException e) {
        // Toward another network element (the S-CSCF, an eP-CSCF), not a client: worth the operator's eye.
        log.warn("sending to {} failed: {}", this, e.getMessage());
        proxy.transportFailed(this, e);
      }
    }));
  }

  @Override
  public String toString() {
    return transport + " to " + name + " at " + remote;
  }
}
