package org.webims.sip.proxy;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.webims.sip.SipParseException;
import org.webims.sip.header.Address;
import org.webims.sip.message.SipMessage;
import org.webims.sip.message.SipRequest;
import org.webims.sip.message.SipResponse;
import org.webims.sip.transaction.InviteServerTransaction;
import org.webims.sip.transaction.InviteServerTransactionUser;
import org.webims.sip.transaction.NonInviteServerTransaction;
import org.webims.sip.transaction.ServerTransactionUser;
import org.webims.sip.transaction.TimerService;
import org.webims.sip.transaction.TransactionLayer;
import org.webims.sip.transaction.TransactionTimers;
import org.webims.sip.transaction.Transport;
import org.webims.sip.transaction.TransportException;

/**
 * RFC 3261 §16: a transaction-stateful proxy (EPC-63) on a {@link TransactionLayer}. Every request
 * gets a server transaction, passes §16.3 ({@link RequestValidation}) and §16.4 ({@link
 * RoutePreprocessing}), and goes to the element for its targets; a {@link ResponseContext} forks it
 * and brings the responses back. CANCEL is answered here (§16.10); ACK for 2xx is forwarded without
 * a transaction (§16.11).
 *
 * <p>Pure and single-threaded like the transaction layer: the network binding calls {@link
 * #receive} on one loop, and the element answers its {@link Decision}s on that loop.
 */
public final class ProxyCore {

  private static final Runnable NOTHING = () -> { };

  private final ProxyRuntime runtime;
  private final Map<InviteServerTransaction, ResponseContext> invites = new HashMap<>();

  private ProxyCore(TimerService timers, TransactionTimers transactionTimers, ProxyConfig config,
      ProxyElement element, Supplier<String> uniqueTokens) {
    Users users = new Users();
    TransactionLayer layer = new TransactionLayer(timers, transactionTimers, users, users);
    this.runtime = new ProxyRuntime(layer, timers, transactionTimers, config, element, uniqueTokens);
  }

  /**
   * @param uniqueTokens a source of branch suffixes unique in space and time (RFC 3261 §8.1.1.7),
   *     random enough that nobody can guess one; the magic cookie is added here
   */
  public static ProxyCore create(TimerService timers, TransactionTimers transactionTimers, ProxyConfig config,
      ProxyElement element, Supplier<String> uniqueTokens) {
    if (timers == null || transactionTimers == null || config == null || element == null || uniqueTokens == null) {
      throw new IllegalArgumentException("timers, transaction timers, config, element and tokens are required");
    }
    return new ProxyCore(timers, transactionTimers, config, element, uniqueTokens);
  }

  /**
   * A message from the network. Requests always find or make a transaction; a response that matches
   * none (a 2xx after Timer M) returns false and is dropped, since RFC 6026 §7.2 keeps the client
   * transaction for every 2xx that still matters.
   *
   * @throws SipParseException when the top Via or CSeq does not parse: the binding answers 400 (or
   *     drops a response), as for any message it cannot parse
   */
  public boolean receive(SipMessage message, Transport from) throws SipParseException {
    return runtime.layer.receive(message, from);
  }

  /**
   * RFC 3261 §16.9 for a transport that sends asynchronously (a connect under way when the branch
   * started, a write that fails after {@link Transport#send} returned): every branch waiting on
   * {@code transport} (compared with {@code equals}) ends as 503, or 430 for {@link
   * TransportException#flowFailed a failed flow}, instead of waiting out Timer F or Timer C. Call it
   * on the proxy's loop.
   */
  public void transportFailed(Transport transport, TransportException error) {
    runtime.layer.transportFailed(transport, error);
  }

  /**
   * Sends a request on one branch without a server transaction of this proxy: for a request the
   * element acts on as more than a proxy, one it rewrote and answers itself (the eP-CSCF's Trusted
   * Node REGISTER) or one it originates (a SUBSCRIBE of its own). §16.6 steps 2 to 11 apply as for
   * any branch: Max-Forwards, the element's hop, Via, client transaction, Timer C. {@code responses}
   * gets the provisionals but 100 and then one final without this proxy's Via: the UAS's, or 408 or
   * 503 (430) made here when none came (§16.9), as it is: the element decides what its client
   * hears, so no §16.7 step 6 selection turns a 503 into 500.
   *
   * @param inbound where the request came from, for the element's Record-Route URI; null for one it
   *     originates
   */
  public void send(SipRequest request, Transport inbound, Target target, Consumer<SipResponse> responses) {
    ProxyRequest received = new ProxyRequest(request, new ArrayList<Address>(0), inbound);
    new ResponseContext(runtime, received, responses, NOTHING, false).forward(Collections.singletonList(target));
  }

  /** The transactions this proxy runs, for the binding's gauges and tests. */
  public TransactionLayer layer() {
    return runtime.layer;
  }

  /**
   * §16.3 to §16.5 for a request with a server transaction. An INVITE's context is filed under its
   * transaction until its final goes upstream, so that a CANCEL finds it.
   */
  private void proxy(SipRequest request, Transport inbound, Consumer<SipResponse> upstream,
      final InviteServerTransaction invite) {
    SipResponse error = RequestValidation.check(request, runtime.config.proxyRequire());
    if (error != null) {
      upstream.accept(runtime.tagged(error));
      return;
    }
    ProxyRequest received = preprocess(request, inbound);
    Runnable onFinalSent = invite == null ? NOTHING : () -> invites.remove(invite);
    ResponseContext context = new ResponseContext(runtime, received, upstream, onFinalSent, true);
    if (invite != null) {
      invites.put(invite, context);
    }
    runtime.element.decide(received, context);
  }

  private ProxyRequest preprocess(SipRequest request, Transport inbound) {
    try {
      return RoutePreprocessing.apply(request, inbound, runtime.element);
    } catch (SipParseException e) {
      throw new IllegalStateException("a request that passed §16.3 does not parse", e);
    }
  }

  /**
   * §16.10: 200 for the CANCEL at once, then the INVITE's branches are cancelled; 481 when no
   * INVITE transaction matches. After the INVITE's final (CANCEL racing 200) only the 200 goes.
   */
  private void cancel(NonInviteServerTransaction transaction) throws SipParseException {
    SipRequest cancel = transaction.request();
    InviteServerTransaction invite = runtime.layer.inviteTransactionCancelledBy(cancel);
    if (invite == null) {
      transaction.sendResponse(SipResponse.to(cancel, 481, "Call/Transaction Does Not Exist").build());
      return;
    }
    transaction.sendResponse(SipResponse.to(cancel, 200, "OK").build());
    ResponseContext context = invites.get(invite);
    if (context != null) {
      context.cancel();
    }
  }

  /**
   * §16.11: an ACK for a 2xx is a request of its own and goes where the element says, without a
   * transaction; one it cannot route is dropped, since nobody answers an ACK.
   */
  private void ack(SipRequest ack, Transport inbound) {
    if (RequestValidation.check(ack, runtime.config.proxyRequire()) != null) {
      return;
    }
    final ProxyRequest received = preprocess(ack, inbound);
    runtime.element.decide(received, new Decision() {
      @Override
      public void forward(List<Target> targets) {
        if (targets.isEmpty()) {
          return;
        }
        try {
          Forwarding.Outgoing out = Forwarding.forward(received, targets.get(0), runtime.newBranch(), runtime.element);
          out.hop.transport().send(out.request);
        } catch (TransportException | SipParseException e) {
          // Dropped: the UAC retransmits its ACK with the 2xx it sees again.
        }
      }

      @Override
      public void respond(SipResponse response) {
        // Nobody answers an ACK (RFC 3261 §17.1.1.3).
      }
    });
  }

  /** The transaction layer's callbacks. */
  private final class Users implements ServerTransactionUser, InviteServerTransactionUser {

    @Override
    public void onRequest(NonInviteServerTransaction transaction) {
      if (transaction.request().isMethod(SipRequest.CANCEL)) {
        try {
          cancel(transaction);
        } catch (SipParseException e) {
          transaction.sendResponse(SipResponse.to(transaction.request(), 400, e.reason()).build());
        }
        return;
      }
      proxy(transaction.request(), transaction.transport(), transaction::sendResponse, null);
    }

    @Override
    public void onInvite(InviteServerTransaction transaction) {
      proxy(transaction.request(), transaction.transport(), transaction::sendResponse, transaction);
    }

    @Override
    public void onAck(SipRequest ack, Transport transport) {
      ack(ack, transport);
    }

    @Override
    public void onTimeout(InviteServerTransaction transaction) {
      // Timer H: the UAC never ACKed the final; nothing is left to do for the proxy.
    }

    @Override
    public void onTransportError(NonInviteServerTransaction transaction, TransportException error) {
      // The client is gone; the forwarded request ends on its own.
    }

    @Override
    public void onTransportError(InviteServerTransaction transaction, TransportException error) {
      ResponseContext context = invites.get(transaction);
      if (context != null) {
        context.cancel(); // the client is gone: stop ringing phones for it
      }
    }
  }
}
