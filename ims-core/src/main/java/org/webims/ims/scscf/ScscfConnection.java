package org.webims.ims.scscf;

import io.netty.channel.EventLoop;
import java.net.InetSocketAddress;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.webims.sip.message.SipMessage;
import org.webims.sip.proxy.ProxyCore;
import org.webims.sip.server.transport.SipServer;
import org.webims.sip.transaction.Transport;
import org.webims.sip.transaction.TransportException;

/**
 * One branch's transport toward the next hop of a proxied request (SCS-30): each send takes the flow
 * sip-server reuses or opens, without waiting; a connect or write that fails after {@link #send}
 * returned reaches the branch through {@link ProxyCore#transportFailed} on the home loop (503, RFC
 * 3261 §16.9) instead of leaving it to Timer F. One per branch, so a failure ends only its own.
 */
final class ScscfConnection implements Transport {

  private static final Logger log = LoggerFactory.getLogger(ScscfConnection.class);

  private final SipServer server;
  private final EventLoop home;
  private final ProxyCore proxy;
  private final String transport;
  private final InetSocketAddress remote;

  ScscfConnection(SipServer server, EventLoop home, ProxyCore proxy, String transport, InetSocketAddress remote) {
    this.server = server;
    this.home = home;
    this.proxy = proxy;
    this.transport = transport;
    this.remote = remote;
  }

  @Override
  public boolean isReliable() {
    return !transport.equals("UDP");
  }

  @Override
  public void send(SipMessage message) {
    server.connect(transport, remote).whenComplete((flow, failure) -> {
      try {
        if (failure != null) {
          throw new TransportException("no flow to " + remote + ": " + failure.getMessage());
        }
        flow.send(message);
      } catch (TransportException e) {
        log.debug("sending to {} failed: {}", remote, e.getMessage());
        home.execute(() -> proxy.transportFailed(this, e));
      }
    });
  }

  @Override
  public String toString() {
    return transport + " to " + remote;
  }
}
