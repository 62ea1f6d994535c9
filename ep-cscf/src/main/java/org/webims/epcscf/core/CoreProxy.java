package org.webims.epcscf.core;

import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.webims.epcscf.media.MediaAnchor;
import org.webims.epcscf.metrics.EpCscfMetrics;
import org.webims.epcscf.registration.FlowRoute;
import org.webims.epcscf.websocket.WicFlow;
import org.webims.server.events.EventLog;
import org.webims.sip.SipParseException;
import org.webims.sip.message.SipMessage;
import org.webims.sip.message.SipRequest;
import org.webims.sip.message.SipResponse;
import org.webims.sip.proxy.Decision;
import org.webims.sip.proxy.Hop;
import org.webims.sip.proxy.ProxyConfig;
import org.webims.sip.proxy.ProxyCore;
import org.webims.sip.proxy.ProxyElement;
import org.webims.sip.proxy.ProxyRequest;
import org.webims.sip.proxy.Target;
import org.webims.sip.server.flow.ConnectingTransport;
import org.webims.sip.transaction.NonInviteServerTransaction;
import org.webims.sip.transaction.ServerTransactionUser;
import org.webims.sip.transaction.TransactionLayer;
import org.webims.sip.transaction.TransactionTimers;
import org.webims.sip.transaction.Transport;
import org.webims.sip.transaction.TransportException;
import org.webims.sip.uri.SipUri;
import org.webims.sip.uri.Uri;

/**
 * The eP-CSCF as an element of sip-core's RFC 3261 §16 {@link ProxyCore} (EPC-01, EPC-60 to 63):
 * one proxy core on the Mw side's event loop carries every request between the WIC flows and the
 * S-CSCF (Via, Max-Forwards, loose routing, Record-Route, response selection, CANCEL, 2xx to INVITE,
 * ACK). This class only says what the proxy core asks an element: which URIs are this eP-CSCF's
 * (its Mw address, its per-flow Path and Record-Route URI, {@link FlowRoute}), which hop a target
 * takes (the configured S-CSCF over sip-server's {@link ConnectingTransport}, or a WIC's {@link FlowTransport}), and
 * who decides (§16.5): {@link Decider}s for the requests of each side.
 *
 * <p>The REGISTER, which the eP-CSCF rewrites as a Trusted Node, and the eP-CSCF's own reg SUBSCRIBE
 * take the same hop through {@link #forward}. Requests addressed to the eP-CSCF itself (the NOTIFYs
 * of its subscriptions, whose Request-URI is its Contact) get a UAS transaction of their own. All
 * work runs on the core side's loop; the entry points may be called from any thread.
 */
public final class CoreProxy implements ProxyElement {

  private static final Logger log = LoggerFactory.getLogger(CoreProxy.class);
  private static final SecureRandom RANDOM = new SecureRandom();

  private final CoreNetwork network;
  private final CoreHop hop;
  private final ProxyCore proxy;
  private final TransactionLayer own;
  private final FlowDialogs dialogs;
  private final FlowCalls calls;
  private volatile MediaAnchor media = MediaAnchor.off();
  private volatile CoreRequests requests = new CoreRequests() {
    @Override
    public void decide(ProxyRequest request, Decision decision) {
      decision.respond(SipResponse.to(request.request(), 501, null).build());
    }

    @Override
    public void onOwnRequest(NonInviteServerTransaction transaction) {
      transaction.sendResponse(SipResponse.to(transaction.request(), 501, null).build());
    }
  };

  /** RFC 3261 §16.5 for the requests of one side, on the event loop: respond, or forward to targets. */
  public interface Decider {
    void decide(ProxyRequest request, Decision decision);
  }

  /**
   * What handles requests from the core (EPC-33, EPC-62), on the event loop: those to proxy toward a
   * flow, and those addressed to the eP-CSCF itself (the NOTIFYs of its reg subscriptions, EPC-32).
   */
  public interface CoreRequests extends Decider {
    void onOwnRequest(NonInviteServerTransaction transaction);
  }

  /** With the default bound of {@code webims.epcscf.calls.max-dialogs-per-flow} (16). */
  public CoreProxy(CoreNetwork network, CoreHop hop, TransactionTimers timers) {
    this(network, hop, timers, 16);
  }

  /** With meters and an event log of its own (layer tests). */
  public CoreProxy(CoreNetwork network, CoreHop hop, TransactionTimers timers, int maxDialogsPerFlow) {
    this(network, hop, timers, maxDialogsPerFlow, EpCscfMetrics.unregistered(), EventLog.named(EVENTS));
  }

  /** The eP-CSCF's event logger (issue 16, docs/operations.md "Event log"). */
  public static final String EVENTS = "webims.events.epcscf";

  /**
   * @param maxDialogsPerFlow the dialogs per WIC flow that its loss ends with a BYE (EPC-66), and the calls per flow
   *     that are counted
   * @param metrics the call-setup histogram (issue 16)
   * @param events where calls start and end
   */
  public CoreProxy(CoreNetwork network, CoreHop hop, TransactionTimers timers, int maxDialogsPerFlow,
      EpCscfMetrics metrics, EventLog events) {
    this.network = network;
    this.hop = hop;
    this.dialogs = new FlowDialogs(maxDialogsPerFlow, this::isLocal);
    this.calls = new FlowCalls(maxDialogsPerFlow, metrics, events);
    this.proxy = ProxyCore.create(network.timers(), timers, ProxyConfig.DEFAULT, this, CoreProxy::newBranchToken);
    this.own = new TransactionLayer(network.timers(), timers, new ServerTransactionUser() {
      @Override
      public void onRequest(NonInviteServerTransaction transaction) {
        requests.onOwnRequest(transaction);
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

  /** Sessions' media pass the eIMS-AGW as {@code anchor} decides (EPC-80..82); before traffic starts. */
  public void anchorMedia(MediaAnchor anchor) {
    this.media = anchor;
  }

  /** The media step of the proxy path (EPC-80..82): off unless a gateway is configured. */
  public MediaAnchor media() {
    return media;
  }

  /** Runs {@code task} on the core side's event loop. */
  public void execute(Runnable task) {
    network.execute(task);
  }

  /** The event loop's timers. */
  public org.webims.sip.transaction.TimerService timerService() {
    return network.timers();
  }

  /** The confirmed dialogs (calls) remembered on all WIC flows (EPC-66); safe from any thread, for the gauge. */
  public int dialogs() {
    return dialogs.total();
  }

  /** Calls set up or established now on WIC flows (issue 16, {@link FlowCalls}); safe from any thread. */
  public int calls() {
    return calls.current();
  }

  /** Live transactions of the proxy (both sides), for gauges and tests. */
  public int transactions() {
    return proxy.layer().size();
  }

  /**
   * The sent-by and transport of the Mw hop (Via, Path); a configured port of 0 becomes the port the
   * Mw side bound.
   */
  public CoreHop hop() {
    return hop.port() != 0 ? hop : new CoreHop(hop.transport(), hop.target(), hop.host(), network.port());
  }

  /**
   * Entry point for the Mw side's messages: on the event loop. A response's answer passes the media
   * gateway first when its session is anchored (EPC-80); a call's messages keep their order meanwhile.
   */
  public void onMessage(SipMessage message, Transport from) {
    media.enter(message, () -> {
      if (message.isRequest()) {
        fromCore(message, from);
      } else {
        media.response((SipResponse) message, MediaAnchor.Side.CORE, null, response -> fromCore(response, from));
      }
    });
  }

  private void fromCore(SipMessage message, Transport from) {
    try {
      if (message.isRequest() && isForMe((SipRequest) message) && own.receive(message, from)) {
        return;
      }
      if (!proxy.receive(message, from)) {
        log.debug("stray message from the core dropped: {}", message);
      }
    } catch (SipParseException e) {
      log.debug("unparseable message from the core dropped: {}", e.reason());
    }
  }

  /** A Request-URI naming the eP-CSCF without a flow, and no Route: the eP-CSCF is the UAS. */
  private boolean isForMe(SipRequest request) throws SipParseException {
    return request.routes().isEmpty() && isLocal(request.requestUri())
        && ((SipUri) request.requestUri()).user() == null;
  }

  /**
   * A request from the WIC on {@code flow} (any thread), proxied on the event loop: {@code decider}
   * chooses (§16.5) once §16.3 and §16.4 have passed. CANCEL and the ACK for a non-2xx end in the
   * proxy core; the ACK for a 2xx goes to {@code decider} like any request.
   */
  public void fromWic(WicFlow flow, SipRequest request, Decider decider) {
    receive(request, new FlowTransport(flow, decider, dialogs, calls));
  }

  /** A response from the WIC on {@code flow} (any thread): to the branch that sent the request. */
  public void fromWic(WicFlow flow, SipResponse response) {
    receive(response, new FlowTransport(flow, null, dialogs, calls));
  }

  private void receive(SipMessage message, FlowTransport from) {
    network.execute(() -> media.enter(message, () -> {
      dialogs.fromWic(from.flowId(), message); // EPC-66
      calls.fromWic(from.flowId(), message); // issue 16
      if (message.isRequest()) {
        toProxy(message, from);
      } else {
        media.response((SipResponse) message, MediaAnchor.Side.WIC, from.flowId(), r -> toProxy(r, from)); // EPC-80
      }
    }));
  }

  private void toProxy(SipMessage message, FlowTransport from) {
    try {
      if (!proxy.receive(message, from)) {
        log.debug("stray message from {} dropped", from);
      }
    } catch (SipParseException e) {
      log.debug("unreadable message from {} dropped: {}", from, e.reason());
    }
  }

  /**
   * EPC-43 (RFC 5626 §5.3): requests still waiting on a closed flow get {@code 430 Flow Failed}.
   * EPC-66: then the flow's confirmed dialogs are ended toward the core with a BYE on the WIC's
   * behalf ({@link FlowDialogs#bye}), whose answer only ends its transaction.
   */
  public void flowClosed(WicFlow flow) {
    network.execute(() -> {
      proxy.transportFailed(new FlowTransport(flow, null, dialogs, calls), TransportException.flowFailed("the WebSocket closed"));
      media.flowLost(flow.id()); // EPC-82
      calls.flowLost(flow.id());
      for (FlowDialogs.Dialog dialog : dialogs.flowLost(flow.id())) {
        try {
          SipRequest bye = FlowDialogs.bye(dialog);
          proxy.send(bye, null, Target.of(bye.requestUri()),
              response -> log.debug("BYE for the lost flow {} answered {}", flow.id(), response.statusCode()));
        } catch (SipParseException e) {
          log.debug("dialog of the lost flow {} not ended: {}", flow.id(), e.reason());
        }
      }
    });
  }

  /** The dialogs remembered for {@code flow} (EPC-66), for tests; on the event loop. */
  public int dialogs(WicFlow flow) {
    return dialogs.count(flow.id());
  }

  /** The WIC flow a request came from, or null when it came from the core. */
  public static WicFlow wicFlow(ProxyRequest request) {
    return request.inbound() instanceof FlowTransport flow ? flow.flow() : null;
  }

  /** The proxy core's hop toward {@code flow}: a target with it goes over that WebSocket (EPC-33). */
  public Transport toFlow(WicFlow flow) {
    return new FlowTransport(flow, null, dialogs, calls);
  }

  /**
   * Sends {@code request}, which the eP-CSCF rewrote or made itself (a Trusted Node REGISTER, its
   * reg SUBSCRIBE), to the S-CSCF on one branch of the proxy core: Max-Forwards decremented, the
   * eP-CSCF's Via with a fresh branch (RFC 3261 §16.6 steps 3 and 8), a client transaction. Returns
   * at once; {@code listener} hears, on the event loop, the provisionals but 100 and one final
   * without that Via: the S-CSCF's, or 408 (Timer F) or 503 (no flow to the core, §16.9).
   */
  public void forward(SipRequest request, CoreResponseListener listener) {
    network.execute(() -> proxy.send(request, null, Target.of(request.requestUri()), listener::onResponse));
  }

  @Override
  public void decide(ProxyRequest request, Decision decision) {
    if (request.inbound() instanceof FlowTransport flow) {
      if (flow.originating == null) {
        decision.respond(SipResponse.to(request.request(), 500, "No handler").build());
      } else {
        flow.originating.decide(request, decision);
      }
    } else {
      requests.decide(request, decision);
    }
  }

  /**
   * EPC-82: an error final of the branch that carried an initial INVITE (a 486, a CANCEL's 487, the 408
   * or 430 the branch counts as) ends the session's media at the gateway.
   */
  @Override
  public SipResponse branchFinal(ProxyRequest request, Target target, SipResponse response) {
    SipRequest invite = request.request();
    try {
      if (invite.isMethod(SipRequest.INVITE) && invite.to().tag() == null) {
        FlowTransport flow = request.inbound() instanceof FlowTransport in ? in
            : target.flow() instanceof FlowTransport out ? out : null;
        if (flow != null) {
          media.initialFinal(invite.callId(), flow.flowId(), response.statusCode());
        }
      }
    } catch (SipParseException e) {
      log.debug("INVITE without a readable To or Call-ID: {}", e.reason());
    }
    return response;
  }

  @Override
  public boolean isLocal(Uri uri) {
    return FlowRoute.namesThisNode(hop(), uri);
  }

  /**
   * A target with a flow goes over that WebSocket, which must still be open (430 otherwise, RFC 5626
   * §5.3); every other one to the configured S-CSCF (RFC 3263 without DNS: the Mw hop is one place).
   */
  @Override
  public Hop hop(Target target, Uri nextHop) throws TransportException {
    CoreHop h = hop();
    if (target.flow() instanceof FlowTransport flow) {
      if (!flow.isOpen()) {
        throw TransportException.flowFailed("flow " + flow.flowId() + " is closed");
      }
      return new Hop(flow, "WSS", h.host(), -1, flowUri(h, flow));
    }
    return new Hop(new ConnectingTransport(network::connect, network::execute, proxy, h.transport(), h.target(), "the core"),
        h.transport(), h.host(), h.port(), null);
  }

  /**
   * EPC-61: the flow's URI, for a request that came from a WIC; the Mw side needs none of its own, so
   * each dialog gets exactly one Record-Route, the flow's, whichever side began it.
   */
  @Override
  public SipUri recordRouteUri(Transport inbound) {
    return inbound instanceof FlowTransport flow ? flowUri(hop(), flow) : null;
  }

  private static SipUri flowUri(CoreHop h, FlowTransport flow) {
    try {
      return SipUri.parse(FlowRoute.uri(h, flow.flowId()));
    } catch (SipParseException e) {
      throw new IllegalStateException("the flow's own URI does not parse", e);
    }
  }

  /** RFC 3261 §8.1.1.7 with "ep" in front (the magic cookie is the proxy core's): 96 random bits. */
  private static String newBranchToken() {
    byte[] bytes = new byte[12];
    RANDOM.nextBytes(bytes);
    return "ep" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  /**
   * The Mw hop: where the S-CSCF is ({@code webims.epcscf.core.uri}) and the eP-CSCF's own
   * sent-by. {@code transport} is {@code TCP} or {@code UDP}.
   */
  public record CoreHop(String transport, InetSocketAddress target, String host, int port) {

    /** RFC 3263 without DNS: the URI's host must be an address; port 5060 and UDP by default. */
    public static CoreHop of(SipUri coreUri, String localHost, int localPort) {
      String t = coreUri.transport() == null ? "UDP" : coreUri.transport().toUpperCase(Locale.ROOT);
      if (!t.equals("UDP") && !t.equals("TCP")) {
        throw new IllegalArgumentException("webims.epcscf.core.uri transport must be udp or tcp: " + t);
      }
      int port = coreUri.port() > 0 ? coreUri.port() : 5060;
      return new CoreHop(t, new InetSocketAddress(coreUri.host(), port), localHost, localPort);
    }
  }
}
