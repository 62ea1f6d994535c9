package org.webims.ims.scscf;

import io.netty.channel.EventLoop;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.webims.ims.hss.SubscriberRepository;
import org.webims.ims.metrics.ImsMetrics;
import org.webims.sip.SipParseException;
import org.webims.sip.message.HeaderNames;
import org.webims.sip.message.SipMessage;
import org.webims.sip.message.SipRequest;
import org.webims.sip.message.SipResponse;
import org.webims.sip.server.flow.Flow;
import org.webims.sip.server.loop.LoopTimers;
import org.webims.sip.server.loop.LoopTransactions;
import org.webims.sip.server.loop.Offload;
import org.webims.sip.server.transport.SipServer;
import org.webims.sip.server.transport.SipServerConfig;
import org.webims.sip.transaction.NonInviteServerTransaction;
import org.webims.sip.transaction.ServerTransactionUser;
import org.webims.sip.transaction.TransactionLayer;
import org.webims.sip.transaction.TransactionTimers;
import org.webims.sip.transaction.TransportException;
import org.webims.sip.uri.SipUri;

/**
 * The S-CSCF on the network (RFC 3261 §17, §18), on sip-server's event loops. Threads: a message
 * runs its transaction in the layer of the loop it arrived on ({@link LoopTransactions}); the HSS
 * lookup a REGISTER needs runs on an executor (JDBC blocks); the registrar and the reg-event
 * notifier, which keep state, run on one loop, the home loop; the answer goes back to the
 * transaction's loop. Starts after the HSS is seeded; stops with the application context.
 */
public final class ScscfSipService implements SmartLifecycle, RegEventNotifier.Sender {

  /** Lifecycle phase: after {@code HssSeeding}. */
  public static final int PHASE = 0;

  private RegisterAuthorization authorization;
  private static final Logger log = LoggerFactory.getLogger(ScscfSipService.class);
  static final String HSS_BUSY = "HSS busy";
  static final String HSS_FAILED = "HSS lookup failed";
  /** The flow of the message being received on this loop: the layer calls onRequest from within receive(). */
  private static final ThreadLocal<Flow> RECEIVING = new ThreadLocal<>();

  private final SipServerConfig networkConfig;
  private final ScscfRequestHandler handler;
  private final ImsMetrics metrics;
  private final EventLoopTimers timers;
  private final int hssThreads;
  private final int hssQueue;
  private volatile SipServer server;
  private volatile EventLoop home;
  private volatile LoopTransactions transactions;
  private volatile ExecutorService hss;
  private volatile NotifySending notifies;
  private volatile ScscfProxy sessions;
  private Registrar registrar;
  private SubscriberRepository subscribers;
  private SipUri serviceRoute;

  /** @param metrics requests received and the S-CSCF's own transactions (issue 16) */
  public ScscfSipService(SipServerConfig networkConfig, ScscfRequestHandler handler, EventLoopTimers timers,
      int hssThreads, int hssQueue, ImsMetrics metrics) {
    this.metrics = metrics;
    this.networkConfig = networkConfig;
    this.hssQueue = hssQueue;
    this.handler = handler;
    this.timers = timers;
    this.hssThreads = hssThreads;
  }

  /**
   * Makes the S-CSCF proxy sessions (SCS-30 to SCS-32) from {@link #start} on: the contacts of
   * {@code registrar}, the IMPUs of {@code hss}, Record-Route with {@code serviceRoute}. Without
   * it, requests other than REGISTER and the reg SUBSCRIBE get 405 or 501. Initial requests with a
   * P-Asserted-Identity are taken only from a trusted node of {@code authorization} (SCS-05), whose
   * assertion it is; those without one, from phones registered here, are Digest-authenticated (SCS-34).
   */
  public void routeSessions(Registrar registrar, SubscriberRepository hss, String serviceRoute,
      RegisterAuthorization authorization) {
    this.authorization = authorization;
    try {
      this.serviceRoute = SipUri.parse(serviceRoute);
    } catch (SipParseException e) {
      throw new IllegalArgumentException("webims.ims.registrar.service-route is not a SIP URI: " + serviceRoute, e);
    }
    this.registrar = registrar;
    this.subscribers = hss;
  }

  @Override
  public void start() {
    try {
      SipServer s = new SipServer(networkConfig, this::onMessage);
      home = s.eventLoops().next();
      transactions = new LoopTransactions(s.eventLoops(),
          loop -> new TransactionLayer(new LoopTimers(loop), TransactionTimers.DEFAULT,
              new Arrivals()));
      timers.attach(new LoopTimers(home));
      notifies = new NotifySending(s, transactions, home);
      // Bounded: a flood of REGISTERs waits in a queue of known size, and past it gets 503 at once.
      hss = new ThreadPoolExecutor(hssThreads, hssThreads, 0, TimeUnit.MILLISECONDS,
          new ArrayBlockingQueue<>(hssQueue), daemon("hss-lookup-"));
      if (registrar != null) {
        sessions = new ScscfProxy(s, home, registrar, subscribers, hss, serviceRoute, authorization);
      }
      server = s.start();
    } catch (IOException e) {
      stop();
      throw new UncheckedIOException("S-CSCF cannot bind " + networkConfig.bindAddress() + ":" + networkConfig.port(), e);
    }
  }

  private static ThreadFactory daemon(String prefix) {
    AtomicInteger n = new AtomicInteger();
    return r -> {
      Thread t = new Thread(r, prefix + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
  }

  @Override
  public void stop() {
    SipServer s = server;
    server = null;
    if (s != null) {
      s.close();
    }
    ExecutorService h = hss;
    if (h != null) {
      h.shutdownNow();
    }
  }

  @Override
  public boolean isRunning() {
    return server != null;
  }

  @Override
  public int getPhase() {
    return PHASE;
  }

  /** The bound UDP address (the port is real even when 0 was configured); null before start. */
  public InetSocketAddress udpAddress() {
    SipServer s = server;
    return s == null ? null : s.udpAddress();
  }

  /** The bound TCP address; null before start. */
  public InetSocketAddress tcpAddress() {
    SipServer s = server;
    return s == null ? null : s.tcpAddress();
  }

  /**
   * Runs {@code task} on the home loop, where the registrar and the notifier live, for callers on
   * other threads (the admin API); fails when the service is not running.
   */
  public <T> CompletableFuture<T> onLoop(Supplier<T> task) {
    CompletableFuture<T> result = new CompletableFuture<>();
    if (server == null) {
      result.completeExceptionally(new IllegalStateException("the S-CSCF is not running"));
      return result;
    }
    home.execute(() -> {
      try {
        result.complete(task.get());
      } catch (RuntimeException e) {
        result.completeExceptionally(e);
      }
    });
    return result;
  }

  /** On the loop of {@code flow}. */
  private void onMessage(SipMessage message, Flow flow) {
    try {
      ScscfProxy proxy = sessions;
      if (!message.isRequest()) {
        // A response to a NOTIFY's client transaction, else to a proxied request's branch.
        if (!transactions.of(flow.eventLoop()).receive(message, flow) && proxy != null) {
          proxy.receive(message, flow);
        }
        return;
      }
      SipRequest request = (SipRequest) message;
      if (proxy != null && carries(proxy, request, flow)) {
        metrics.requestReceived();
        proxy.receive(request, flow);
        return;
      }
      if (request.isMethod(SipRequest.ACK)) {
        return;
      }
      metrics.requestReceived();
      RECEIVING.set(flow);
      try {
        if (!transactions.of(flow.eventLoop()).receive(request, flow)) {
          // RFC 2543 branch without the magic cookie: answer statelessly.
          answer(request, flow, response -> send(flow, response));
        }
      } catch (SipParseException e) {
        send(flow, SipResponse.to(request, e.statusCode(), e.reason()).build());
      } finally {
        RECEIVING.remove();
      }
    } catch (SipParseException e) {
      log.debug("Unparsable response from {}: {}", flow, e.getMessage());
    }
  }

  /** True when the sessions proxy carries {@code request}; a Route that does not parse gets 400 here. */
  private static boolean carries(ScscfProxy proxy, SipRequest request, Flow flow) {
    try {
      return proxy.carries(request);
    } catch (SipParseException e) {
      if (!request.isMethod(SipRequest.ACK)) {
        send(flow, SipResponse.to(request, e.statusCode(), e.reason()).build());
      }
      return true;
    }
  }

  /**
   * The transaction user of every loop's layer: the new request's answer is worked out off this
   * loop (HSS, then home loop) and sent in its transaction back on this loop.
   */
  private final class Arrivals implements ServerTransactionUser {
    @Override
    public void onRequest(NonInviteServerTransaction transaction) {
      Flow flow = RECEIVING.get();
      answer(transaction.request(), flow, response -> {
        if (log.isDebugEnabled()) {
          log.debug("{} from {} -> {} {}", transaction.request().method(), flow, response.statusCode(),
              response.reasonPhrase());
        }
        transaction.sendResponse(response);
      });
    }

    @Override
    public void onTransportError(NonInviteServerTransaction transaction, TransportException error) {
      log.debug("Response to {} not sent: {}", transaction, error.getMessage());
    }
  }

  /**
   * Works out the final response to {@code request} and hands it to {@code reply} on the loop of
   * {@code flow}: the HSS is read on the executor when the request needs it, the registrar runs on
   * the home loop.
   */
  private void answer(SipRequest request, Flow flow, Consumer<SipResponse> answered) {
    Consumer<SipResponse> reply = response -> {
      metrics.transactionCompleted(request.method(), response.statusCode());
      answered.accept(response);
    };
    if (!handler.needsHss(request)) {
      onHome(() -> handler.handle(request, flow.remote().getAddress(), null), flow, reply);
      return;
    }
    try {
      Offload.run(hss, () -> handler.lookUp(request), home, (looked, failure) -> answerWith(request, flow, reply,
          (SubscriberRepository) looked, failure));
    } catch (RejectedExecutionException e) {
      log.debug("HSS lookups queued to the limit ({}): REGISTER answered 503", hssQueue);
      reply.accept(refusal(request, 503, HSS_BUSY).header(HeaderNames.RETRY_AFTER, "1").build());
    }
  }

  /** On the home loop, with the HSS answer: the registrar decides, the answer goes back to the flow's loop. */
  private void answerWith(SipRequest request, Flow flow, Consumer<SipResponse> reply, SubscriberRepository looked,
      Throwable failure) {
    if (failure != null) {
      log.warn("HSS lookup failed: {}", failure.toString());
      flow.execute(() -> reply.accept(refusal(request, 500, HSS_FAILED).build()));
      return;
    }
    SipResponse response = handler.handle(request, flow.remote().getAddress(), looked);
    flow.execute(() -> reply.accept(response));
  }

  /** A final response of this element's own, with a To tag when the To header can be read. */
  private static SipResponse.Builder refusal(SipRequest request, int status, String reason) {
    try {
      return ScscfResponses.to(request, status, reason);
    } catch (SipParseException e) {
      return SipResponse.to(request, status, reason);
    }
  }

  private void onHome(Supplier<SipResponse> work, Flow flow, Consumer<SipResponse> reply) {
    Runnable task = () -> {
      SipResponse response = work.get();
      flow.execute(() -> reply.accept(response));
    };
    if (home.inEventLoop()) {
      task.run();
    } else {
      home.execute(task);
    }
  }

  /** Sends a NOTIFY (SCS-10, SCS-14) from the home loop; see {@link NotifySending}. */
  @Override
  public void send(SipRequest notify, Runnable onFailure) {
    NotifySending n = notifies;
    if (n != null && server != null) {
      n.send(notify, onFailure);
    }
  }

  private static void send(Flow flow, SipResponse response) {
    try {
      flow.send(response);
    } catch (TransportException e) {
      log.debug("Response not sent to {}: {}", flow, e.getMessage());
    }
  }
}
