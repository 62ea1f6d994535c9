package org.webims.epcscf.terminating;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.webims.epcscf.core.CoreProxy;
import org.webims.epcscf.regevent.RegEventSubscriptions;
import org.webims.epcscf.registration.FlowRoute;
import org.webims.epcscf.websocket.WicFlow;
import org.webims.epcscf.websocket.WicFlows;
import org.webims.sip.SipParseException;
import org.webims.sip.header.Address;
import org.webims.sip.header.Via;
import org.webims.sip.message.HeaderNames;
import org.webims.sip.message.SipRequest;
import org.webims.sip.message.SipResponse;
import org.webims.sip.transaction.NonInviteServerTransaction;
import org.webims.sip.transaction.TimerService;
import org.webims.sip.uri.SipUri;
import org.webims.sip.uri.Uri;

/**
 * RFC 5626 §5.3 and RFC 3327 (EPC-33, EPC-42): non-INVITE requests from the core whose top Route
 * (or, without Route, Request-URI) is this eP-CSCF's Path URI go over the WebSocket flow its user
 * part names. A transaction-stateful relay: the core's request lives in a sip-core server
 * transaction; toward the WIC (a reliable flow, so no retransmissions) the eP-CSCF puts its own
 * {@code Via: SIP/2.0/WSS} on top and waits Timer F (64*T1) for the final response, which goes back
 * to the core without that Via.
 *
 * <p>The same holds for in-dialog requests whose top Route is the eP-CSCF's Record-Route URI, which
 * is the same URI (EPC-62, {@link FlowRoute}); a dialog-initiating request relayed to the WIC gets
 * that URI as Record-Route (EPC-61). Answers it gives itself:
 * <ul>
 *   <li>{@code 430 Flow Failed}: the flow token is well-formed but its WebSocket is gone (EPC-43) and
 *       the request is outside a dialog, or the flow closes before the WIC answered;
 *   <li>{@code 481}: the flow is gone and the request is inside a dialog (To tag; EPC-62);
 *   <li>{@code 403 Forbidden}: the top Route names another host, or a flow token that this eP-CSCF
 *       cannot have issued (RFC 5626 §5.3 "tampered");
 *   <li>{@code 404 Not Found}: no Route and a Request-URI that names no flow here;
 *   <li>{@code 481}: a NOTIFY to the subscriptions' Contact that matches no subscription;
 *   <li>{@code 483}: Max-Forwards 0; {@code 408}: no final response from the WIC within Timer F.
 * </ul>
 * NOTIFYs of the eP-CSCF's own reg-event subscriptions go to {@link RegEventSubscriptions}. A reg
 * NOTIFY relayed to a WIC that terminates the flow's contacts removes their state after the relay
 * (EPC-42).
 */
public final class PathRequests implements CoreProxy.CoreRequests {

  private static final Logger log = LoggerFactory.getLogger(PathRequests.class);
  private static final SecureRandom RANDOM = new SecureRandom();
  /** What {@code WebSocketFlow.newFlowToken} issues: "fl-" and 12 base64url characters. */
  private static final Pattern FLOW_TOKEN = Pattern.compile("fl-[A-Za-z0-9_-]{1,64}");

  private final CoreProxy core;
  private final WicFlows flows;
  private final RegEventSubscriptions subscriptions;
  private final Map<String, Pending> byBranch = new ConcurrentHashMap<>();

  private record Pending(NonInviteServerTransaction transaction, WicFlow flow, TimerService.Timer timerF) {
  }

  public PathRequests(CoreProxy core, WicFlows flows, RegEventSubscriptions subscriptions) {
    this.core = core;
    this.flows = flows;
    this.subscriptions = subscriptions;
  }

  /** Requests toward WICs waiting for their final response. */
  public int pending() {
    return byBranch.size();
  }

  @Override
  public void onRequest(NonInviteServerTransaction transaction) {
    SipRequest request = transaction.request();
    try {
      if (request.isMethod(SipRequest.NOTIFY) && subscriptions != null && subscriptions.onNotify(transaction)) {
        return;
      }
      List<Address> routes = request.routes();
      String token;
      boolean popRoute = !routes.isEmpty();
      if (popRoute) {
        Uri top = routes.get(0).uri();
        if (!isMine(top)) {
          answer(transaction, 403, "Route not served here");
          return;
        }
        token = ((SipUri) top).user();
      } else {
        Uri ruri = request.requestUri();
        if (isMine(ruri) && ((SipUri) ruri).user() == null && request.isMethod(SipRequest.NOTIFY)) {
          answer(transaction, 481, null); // to the subscriptions' Contact, but no such subscription
          return;
        }
        if (!isMine(ruri) || ((SipUri) ruri).user() == null) {
          answer(transaction, 404, "No flow here");
          return;
        }
        token = ((SipUri) ruri).user();
      }
      if (token == null || !FLOW_TOKEN.matcher(token).matches()) {
        answer(transaction, 403, "Invalid flow token");
        return;
      }
      WicFlow flow = flows.get(token).orElse(null);
      if (flow == null) {
        // EPC-62 (RFC 5626 §5.3): an initial request learns the flow failed; inside a dialog, the dialog is gone.
        boolean inDialog = FlowRoute.isInDialog(request);
        log.debug("request from the core toward closed flow {}: {}", token, inDialog ? 481 : 430);
        answer(transaction, inDialog ? 481 : 430, inDialog ? null : "Flow Failed");
        return;
      }
      int maxForwards = request.maxForwards();
      if (maxForwards == 0) {
        answer(transaction, 483, null);
        return;
      }
      relay(transaction, request, flow, popRoute, maxForwards);
    } catch (SipParseException e) {
      answer(transaction, 400, e.reason());
    }
  }

  private void relay(NonInviteServerTransaction transaction, SipRequest request, WicFlow flow, boolean popRoute,
      int maxForwards) throws SipParseException {
    SipRequest.Builder out = request.toBuilder();
    if (popRoute) {
      FlowRoute.withoutTopRoute(request, out);
    }
    if (FlowRoute.isDialogInitiating(request)) {
      out.prependHeader(HeaderNames.RECORD_ROUTE, FlowRoute.recordRoute(core.hop(), flow.id())); // EPC-61
    }
    if (maxForwards > 0) {
      out.replaceFirstHeader(HeaderNames.MAX_FORWARDS, Integer.toString(maxForwards - 1));
    } else {
      out.header(HeaderNames.MAX_FORWARDS, "70");
    }
    String branch = newBranch();
    out.prependHeader(HeaderNames.VIA, Via.of("WSS", core.hop().host(), -1, branch).toString());
    TimerService.Timer timerF = core.timerService().schedule(core.timerFMillis(), () -> {
      Pending p = byBranch.remove(branch);
      if (p != null) {
        answer(p.transaction(), 408, null);
      }
    });
    byBranch.put(branch, new Pending(transaction, flow, timerF));
    flow.send(out.build());
    if (request.isMethod(SipRequest.NOTIFY) && subscriptions != null) {
      subscriptions.removeTerminated(flow.id(), request); // EPC-42: after the relay
    }
  }

  /** A response from a WIC (any thread): matched by the eP-CSCF's branch, sent back to the core. */
  public void onWicResponse(WicFlow flow, SipResponse response) {
    core.execute(() -> {
      try {
        Via top = response.topVia();
        Pending p = top.branch() == null ? null : byBranch.get(top.branch());
        if (p == null || !p.flow().id().equals(flow.id())) {
          log.debug("response from {} matches no relayed request: dropped", flow);
          return;
        }
        if (response.statusCode() < 200) {
          if (response.statusCode() > 100) {
            p.transaction().sendResponse(response.toBuilder().removeFirstHeader(HeaderNames.VIA).build());
          }
          return;
        }
        byBranch.remove(top.branch());
        p.timerF().cancel();
        p.transaction().sendResponse(response.toBuilder().removeFirstHeader(HeaderNames.VIA).build());
      } catch (SipParseException e) {
        log.debug("unreadable response from {} dropped: {}", flow, e.reason());
      }
    });
  }

  /** EPC-43: requests still waiting on a closed flow get 430. */
  public void onFlowClosed(WicFlow flow) {
    core.execute(() -> byBranch.forEach((branch, p) -> {
      if (p.flow().id().equals(flow.id()) && byBranch.remove(branch, p)) {
        p.timerF().cancel();
        answer(p.transaction(), 430, "Flow Failed");
      }
    }));
  }

  private boolean isMine(Uri uri) {
    return FlowRoute.namesThisNode(core.hop(), uri);
  }

  private static void answer(NonInviteServerTransaction transaction, int status, String reason) {
    SipResponse.Builder b = SipResponse.to(transaction.request(), status, reason);
    try {
      Address to = transaction.request().to();
      if (to.tag() == null) {
        b.setHeader(HeaderNames.TO, to.withTag("ep" + newBranch().substring(9, 17)).toString());
      }
    } catch (SipParseException e) {
      log.debug("To not parsed: {}", e.reason());
    }
    transaction.sendResponse(b.build());
  }

  private static String newBranch() {
    byte[] bytes = new byte[12];
    RANDOM.nextBytes(bytes);
    return Via.MAGIC_COOKIE + "ep" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }
}
