package org.webims.ims.scscf;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.webims.server.sip.SipFlow;
import org.webims.server.sip.SipNetwork;
import org.webims.server.sip.SipNetworkConfig;
import org.webims.sip.SipParseException;
import org.webims.sip.message.SipMessage;
import org.webims.sip.message.SipRequest;
import org.webims.sip.message.SipResponse;
import org.webims.sip.transaction.NonInviteServerTransaction;
import org.webims.sip.transaction.ServerTransactionUser;
import org.webims.sip.transaction.TransactionLayer;
import org.webims.sip.transaction.TransactionTimers;
import org.webims.sip.transaction.TransportException;

/**
 * The S-CSCF on the network (RFC 3261 §17, §18): UDP and TCP sockets from server-support, a
 * sip-core transaction layer on their event loop, and {@link ScscfRequestHandler} as the transaction
 * user. Starts after the HSS is seeded; stops with the application context.
 */
public final class ScscfSipService implements SmartLifecycle, ServerTransactionUser {

  /** Lifecycle phase: after {@code HssSeeding}. */
  public static final int PHASE = 0;

  private static final Logger log = LoggerFactory.getLogger(ScscfSipService.class);

  private final SipNetworkConfig networkConfig;
  private final ScscfRequestHandler handler;
  private final AtomicLong requestsReceived = new AtomicLong();
  private final EventLoopTimers timers;
  private final CountDownLatch ready = new CountDownLatch(1);
  private volatile SipNetwork network;
  private TransactionLayer transactions;
  // The flow of the message being received: TransactionLayer calls onRequest from within receive().
  private SipFlow receivingFrom;

  public ScscfSipService(SipNetworkConfig networkConfig, ScscfRequestHandler handler, EventLoopTimers timers) {
    this.networkConfig = networkConfig;
    this.handler = handler;
    this.timers = timers;
  }

  @Override
  public void start() {
    try {
      SipNetwork started = SipNetwork.start(networkConfig, this::onMessage);
      transactions = new TransactionLayer(started.timers(), TransactionTimers.DEFAULT, this);
      timers.attach(started.timers());
      network = started;
    } catch (IOException e) {
      throw new UncheckedIOException("S-CSCF cannot bind " + networkConfig.bindAddress() + ":" + networkConfig.port(), e);
    } finally {
      ready.countDown();
    }
  }

  @Override
  public void stop() {
    SipNetwork n = network;
    network = null;
    if (n != null) {
      n.close();
    }
  }

  @Override
  public boolean isRunning() {
    return network != null;
  }

  @Override
  public int getPhase() {
    return PHASE;
  }

  /** The bound UDP address (the port is real even when 0 was configured); null before start. */
  public InetSocketAddress udpAddress() {
    SipNetwork n = network;
    return n == null ? null : n.udpAddress();
  }

  /** The bound TCP address; null before start. */
  /** Requests received since start, retransmissions included: lets system tests see that nothing arrived. */
  public long requestsReceived() {
    return requestsReceived.get();
  }

  public InetSocketAddress tcpAddress() {
    SipNetwork n = network;
    return n == null ? null : n.tcpAddress();
  }

  /** On the event loop. */
  private void onMessage(SipMessage message, SipFlow flow) {
    awaitStart();
    if (!message.isRequest()) {
      return;
    }
    SipRequest request = (SipRequest) message;
    if (request.isMethod(SipRequest.ACK)) {
      return;
    }
    requestsReceived.incrementAndGet();
    receivingFrom = flow;
    try {
      if (!transactions.receive(request, flow)) {
        // RFC 2543 branch without the magic cookie: answer statelessly.
        send(flow, handler.handle(request, flow.remote().getAddress()));
      }
    } catch (SipParseException e) {
      send(flow, SipResponse.to(request, e.statusCode(), e.reason()).build());
    } finally {
      receivingFrom = null;
    }
  }

  @Override
  public void onRequest(NonInviteServerTransaction transaction) {
    SipResponse response = handler.handle(transaction.request(), receivingFrom.remote().getAddress());
    if (log.isDebugEnabled()) {
      log.debug("{} from {} -> {} {}", transaction.request().method(), receivingFrom, response.statusCode(),
          response.reasonPhrase());
    }
    transaction.sendResponse(response);
  }

  @Override
  public void onTransportError(NonInviteServerTransaction transaction, TransportException error) {
    log.debug("Response to {} not sent: {}", transaction, error.getMessage());
  }

  private static void send(SipFlow flow, SipResponse response) {
    try {
      flow.send(response);
    } catch (TransportException e) {
      log.debug("Response not sent to {}: {}", flow, e.getMessage());
    }
  }

  private void awaitStart() {
    try {
      ready.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
