package org.webims.epcscf.core;

import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.util.Base64;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.webims.sip.SipParseException;
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
import org.webims.sip.transaction.Transport;
import org.webims.sip.transaction.TransportException;
import org.webims.sip.uri.SipUri;

/**
 * The stateful-proxy hop toward the S-CSCF (RFC 3261 §16.6 steps 8-10, §16.7; EPC-01): puts the
 * eP-CSCF's own Via on top, runs each forwarded request in a sip-core non-INVITE client
 * transaction over {@link CoreNetwork}, and hands responses back without that Via. All work runs
 * on the network's event loop; {@link #forward} may be called from any thread.
 */
public final class CoreProxy {

  private static final Logger log = LoggerFactory.getLogger(CoreProxy.class);
  private static final SecureRandom RANDOM = new SecureRandom();

  private final CoreNetwork network;
  private final CoreHop hop;
  private final TransactionLayer transactions;
  private final TransactionTimers timers;
  private volatile CoreRequests requests = t -> t.sendResponse(SipResponse.to(t.request(), 501, null).build());

  /** What handles a non-INVITE request from the core (EPC-33), on the event loop. */
  public interface CoreRequests {
    void onRequest(NonInviteServerTransaction transaction);
  }

  public CoreProxy(CoreNetwork network, CoreHop hop, TransactionTimers timers) {
    this.network = network;
    this.hop = hop;
    this.timers = timers;
    this.transactions = new TransactionLayer(network.timers(), timers, new ServerTransactionUser() {
      @Override
      public void onRequest(NonInviteServerTransaction transaction) {
        requests.onRequest(transaction);
      }

      @Override
      public void onTransportError(NonInviteServerTransaction transaction, TransportException error) {
        log.debug("response to the core not sent: {}", error.getMessage());
      }
    });
  }

  /** Requests from the core go to {@code handler}; without one they get 501. */
  public void onCoreRequests(CoreRequests handler) {
    this.requests = handler;
  }

  /** Runs {@code task} on the core side's event loop. */
  public void execute(Runnable task) {
    network.execute(task);
  }

  /** The event loop's timers. */
  public org.webims.sip.transaction.TimerService timerService() {
    return network.timers();
  }

  /** RFC 3261 Timer F (64*T1): how long a relayed request waits for the WIC's final response. */
  public long timerFMillis() {
    return 64 * timers.t1();
  }

  /**
   * The sent-by and transport of the Mw hop (Via, Path); a configured port of 0 becomes the port the
   * Mw side bound.
   */
  public CoreHop hop() {
    return hop.port() != 0 ? hop : new CoreHop(hop.transport(), hop.target(), hop.host(), network.port());
  }

  /** Entry point for the Mw side's messages: on the event loop. */
  public void onMessage(SipMessage message, Transport from) {
    try {
      if (!transactions.receive(message, from)) {
        log.debug("stray message from the core dropped: {}", message);
      }
    } catch (SipParseException e) {
      log.debug("unparseable message from the core dropped: {}", e.reason());
    }
  }

  /**
   * Sends {@code request} (everything but the eP-CSCF's Via already in place) to the S-CSCF. A new
   * Via with a fresh magic-cookie branch (RFC 3261 §16.6 step 8) goes on top. Returns at once: the
   * flow to the core is reused or connected asynchronously (issue 13), and the request leaves on the
   * event loop when it is there; no flow is a 503 for the listener.
   */
  public void forward(SipRequest request, CoreResponseListener listener) {
    SipRequest withVia = request.toBuilder().prependHeader(HeaderNames.VIA, newVia().toString()).build();
    network.connect(hop.transport(), hop.target()).whenComplete((flow, failure) -> network.execute(() -> {
      if (failure != null) {
        log.warn("no flow to the core at {}: {}", hop.target(), failure.getMessage());
        listener.onNoResponse(503);
      } else {
        send(withVia, flow, listener);
      }
    }));
  }

  /** A Via for this hop with a unique branch starting with the RFC 3261 magic cookie. */
  Via newVia() {
    byte[] bytes = new byte[12];
    RANDOM.nextBytes(bytes);
    String branch = Via.MAGIC_COOKIE + "ep" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    CoreHop h = hop();
    return Via.of(h.transport(), h.host(), h.port(), branch);
  }

  private void send(SipRequest request, Transport flow, CoreResponseListener listener) {
    try {
      transactions.sendRequest(request, flow, new ClientTransactionUser() {
        @Override
        public void onResponse(SipResponse response) {
          if (response.statusCode() == 100) {
            return; // hop-by-hop (RFC 3261 §16.7 step 5)
          }
          listener.onResponse(response.toBuilder().removeFirstHeader(HeaderNames.VIA).build());
        }

        @Override
        public void onTimeout() {
          listener.onNoResponse(408);
        }

        @Override
        public void onTransportError(TransportException error) {
          log.warn("sending to the core at {} failed: {}", hop.target(), error.getMessage());
          listener.onNoResponse(503);
        }
      });
    } catch (SipParseException | IllegalArgumentException e) {
      log.warn("request not forwarded: {}", e.getMessage());
      listener.onNoResponse(500);
    }
  }

  /**
   * The Mw hop: where the S-CSCF is ({@code webims.epcscf.core.uri}) and the eP-CSCF's own
   * sent-by. {@code transport} is {@code TCP} or {@code UDP}.
   */
  public record CoreHop(String transport, InetSocketAddress target, String host, int port) {

    /** RFC 3263 without DNS: the URI's host must be an address; port 5060 and UDP by default. */
    public static CoreHop of(SipUri coreUri, String localHost, int localPort) {
      String t = coreUri.transport() == null ? "UDP" : coreUri.transport().toUpperCase(java.util.Locale.ROOT);
      if (!t.equals("UDP") && !t.equals("TCP")) {
        throw new IllegalArgumentException("webims.epcscf.core.uri transport must be udp or tcp: " + t);
      }
      int port = coreUri.port() > 0 ? coreUri.port() : 5060;
      return new CoreHop(t, new InetSocketAddress(coreUri.host(), port), localHost, localPort);
    }
  }
}
