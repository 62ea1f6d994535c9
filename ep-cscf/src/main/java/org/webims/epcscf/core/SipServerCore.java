package org.webims.epcscf.core;

import io.netty.channel.EventLoop;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.concurrent.CompletionStage;
import org.webims.sip.server.flow.Flow;
import org.webims.sip.server.flow.MessageHandler;
import org.webims.sip.server.loop.LoopTimers;
import org.webims.sip.server.transport.SipServer;
import org.webims.sip.server.transport.SipServerConfig;
import org.webims.sip.transaction.TimerService;

/**
 * {@link CoreNetwork} on sip-server's {@link SipServer} (UDP and TCP on Netty event loops). The
 * eP-CSCF's Mw state (the proxy's transactions, Path requests, reg subscriptions) lives on one of
 * the server's loops, the home loop: the Mw side carries a handful of flows to the S-CSCF, so one loop
 * is enough (the default of {@code webims.epcscf.core.event-loops}); a message that arrives on another
 * loop is handed to the home loop. Sending never waits: connects are asynchronous.
 */
public final class SipServerCore implements CoreNetwork, AutoCloseable {

  private final SipServer server;
  private final EventLoop home;
  private final LoopTimers timers;
  private volatile MessageHandler receiver;

  /** Makes the server's loops; binds nothing until {@link #start}. */
  public SipServerCore(SipServerConfig config) throws IOException {
    this.server = new SipServer(config, this::received);
    this.home = server.eventLoops().next();
    this.timers = new LoopTimers(home);
  }

  /**
   * Binds the sockets; from then on every message goes to {@code receiver} on the home loop. The
   * receiver is the proxy built on this network, so it can only be given once both exist.
   */
  public void start(MessageHandler receiver) throws IOException {
    this.receiver = receiver;
    server.start();
  }

  private void received(org.webims.sip.message.SipMessage message, Flow flow) {
    execute(() -> receiver.onMessage(message, flow));
  }

  /** The home loop: the media gateway's ng socket lives on it too, so its results need no hand-over. */
  public EventLoop eventLoop() {
    return home;
  }

  @Override
  public TimerService timers() {
    return timers;
  }

  @Override
  public void execute(Runnable task) {
    if (home.inEventLoop()) {
      task.run();
    } else {
      home.execute(task);
    }
  }

  @Override
  public CompletionStage<Flow> connect(String transport, InetSocketAddress remote) {
    return server.connect(transport, remote);
  }

  @Override
  public int port() {
    return server.port();
  }

  /** Where the Mw side listens: TCP when on, else UDP (they share the port). */
  public InetSocketAddress address() {
    return server.tcpAddress() != null ? server.tcpAddress() : server.udpAddress();
  }

  @Override
  public void close() {
    server.close();
  }
}
