package org.webims.ims.scscf;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.webims.server.sip.SipFlow;
import org.webims.server.sip.SipNetwork;
import org.webims.server.sip.SipNetworkConfig;
import org.webims.sip.SipParseException;
import org.webims.sip.header.Address;
import org.webims.sip.header.Via;
import org.webims.sip.message.HeaderNames;
import org.webims.sip.message.SipMessage;
import org.webims.sip.message.SipRequest;
import org.webims.sip.message.SipResponse;
import org.webims.sip.transaction.ClientTransactionUser;
import org.webims.sip.transaction.NonInviteServerTransaction;
import org.webims.sip.transaction.ServerTransactionUser;
import org.webims.sip.transaction.TransactionLayer;
import org.webims.sip.transaction.TransactionTimers;
import org.webims.sip.transaction.TransportException;
import org.webims.sip.uri.SipUri;
import org.webims.sip.uri.Uri;

/**
 * The S-CSCF on the network (RFC 3261 §17, §18): UDP and TCP sockets from server-support, a
 * sip-core transaction layer on their event loop, and {@link ScscfRequestHandler} as the transaction
 * user. Starts after the HSS is seeded; stops with the application context.
 */
public final class ScscfSipService implements SmartLifecycle, ServerTransactionUser, RegEventNotifier.Sender {

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

  /**
   * Runs {@code task} on the SIP event loop, where the registrar and the notifier live, for
   * callers on other threads (the admin API); fails when the service is not running.
   */
  public <T> CompletableFuture<T> onLoop(Supplier<T> task) {
    CompletableFuture<T> result = new CompletableFuture<>();
    SipNetwork n = network;
    if (n == null) {
      result.completeExceptionally(new IllegalStateException("the S-CSCF is not running"));
      return result;
    }
    n.execute(() -> {
      try {
        result.complete(task.get());
      } catch (RuntimeException e) {
        result.completeExceptionally(e);
      }
    });
    return result;
  }

  /** On the event loop. */
  private void onMessage(SipMessage message, SipFlow flow) {
    awaitStart();
    if (!message.isRequest()) {
      try {
        transactions.receive(message, flow); // a response to a NOTIFY's client transaction
      } catch (SipParseException e) {
        log.debug("Unparsable response from {}: {}", flow, e.getMessage());
      }
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

  /**
   * Sends a NOTIFY (SCS-10, SCS-14) on the event loop, after whatever is being answered now: to
   * the host, port and {@code transport} (UDP when absent) of its first Route, else of its
   * Request-URI, with a Via of this element, in a non-INVITE client transaction. Opening a TCP
   * connection blocks the loop briefly; the next hops are the eP-CSCFs on the operator network.
   */
  @Override
  public void send(SipRequest notify, Runnable onFailure) {
    SipNetwork n = network;
    if (n == null) {
      return;
    }
    n.execute(() -> sendNow(n, notify, onFailure));
  }

  private void sendNow(SipNetwork n, SipRequest notify, Runnable onFailure) {
    try {
      List<Address> routes = notify.routes();
      Uri next = routes.isEmpty() ? notify.requestUri() : routes.get(0).uri();
      if (!(next instanceof SipUri hop)) {
        log.debug("NOTIFY not sent: next hop {} is not a SIP URI", next);
        onFailure.run();
        return;
      }
      String transport = hop.transport() == null ? "UDP" : hop.transport().toUpperCase(Locale.ROOT);
      InetSocketAddress remote = new InetSocketAddress(hop.host(), hop.port() > 0 ? hop.port() : 5060);
      SipFlow flow = n.flowTo(transport, remote);
      InetSocketAddress local = flow.local();
      SipRequest withVia = notify.toBuilder().prependHeader(HeaderNames.VIA,
          Via.of(flow.transport(), local.getAddress().getHostAddress(), local.getPort(),
              Via.MAGIC_COOKIE + Long.toHexString(ThreadLocalRandom.current().nextLong())).toString()).build();
      transactions.sendRequest(withVia, flow, new ClientTransactionUser() {
        @Override
        public void onResponse(SipResponse response) {
          // RFC 6665 §4.2.2: a failure response ends the subscription.
          if (response.statusCode() >= 300) {
            onFailure.run();
          }
        }

        @Override
        public void onTimeout() {
          onFailure.run();
        }

        @Override
        public void onTransportError(TransportException error) {
          log.debug("NOTIFY not sent to {}: {}", remote, error.getMessage());
          onFailure.run();
        }
      });
    } catch (IOException | SipParseException | RuntimeException e) {
      log.debug("NOTIFY not sent: {}", e.getMessage());
      onFailure.run();
    }
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
