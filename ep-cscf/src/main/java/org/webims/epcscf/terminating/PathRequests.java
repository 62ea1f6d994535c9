package org.webims.epcscf.terminating;

import java.util.List;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.webims.epcscf.core.CoreProxy;
import org.webims.epcscf.core.LocalResponses;
import org.webims.epcscf.media.MediaAnchor;
import org.webims.epcscf.regevent.RegEventSubscriptions;
import org.webims.epcscf.registration.FlowRoute;
import org.webims.epcscf.websocket.WicFlow;
import org.webims.epcscf.websocket.WicFlows;
import org.webims.sip.SipParseException;
import org.webims.sip.header.Address;
import org.webims.sip.message.SipRequest;
import org.webims.sip.message.SipResponse;
import org.webims.sip.proxy.Decision;
import org.webims.sip.proxy.ProxyRequest;
import org.webims.sip.proxy.Target;
import org.webims.sip.transaction.NonInviteServerTransaction;
import org.webims.sip.uri.SipUri;
import org.webims.sip.uri.Uri;

/**
 * RFC 5626 §5.3 and RFC 3327 (EPC-33, EPC-42, EPC-62): the eP-CSCF's RFC 3261 §16.5 decision for
 * requests from the core. One whose top Route (or, without Route, Request-URI) is this eP-CSCF's
 * Path URI goes over the WebSocket flow its user part names; an in-dialog request whose top Route
 * is the eP-CSCF's Record-Route URI, which is the same URI ({@link FlowRoute}), too. The proxy core
 * ({@link CoreProxy}) does the rest: Via {@code SIP/2.0/WSS}, Max-Forwards, the client transaction
 * toward the WIC (Timer F gives 408), Record-Route of a dialog-initiating request (EPC-61), and
 * {@code 430 Flow Failed} when the flow closes before the WIC answered (EPC-43). Answers it gives
 * itself:
 * <ul>
 *   <li>{@code 430 Flow Failed}: the flow token is well-formed but its WebSocket is gone (EPC-43) and
 *       the request is outside a dialog;
 *   <li>{@code 481}: the flow is gone and the request is inside a dialog (To tag; EPC-62);
 *   <li>{@code 403 Forbidden}: the top Route names another host, or a flow token that this eP-CSCF
 *       cannot have issued (RFC 5626 §5.3 "tampered");
 *   <li>{@code 404 Not Found}: no Route and a Request-URI that names no flow here;
 *   <li>{@code 481}: a NOTIFY to the subscriptions' Contact that matches no subscription.
 * </ul>
 * NOTIFYs of the eP-CSCF's own reg-event subscriptions go to {@link RegEventSubscriptions}. A reg
 * NOTIFY relayed to a WIC that terminates the flow's contacts removes their state after the relay
 * (EPC-42).
 */
public final class PathRequests implements CoreProxy.CoreRequests {

  private static final Logger log = LoggerFactory.getLogger(PathRequests.class);
  /** What {@code WebSocketFlow.newFlowToken} issues: "fl-" and 12 base64url characters. */
  private static final Pattern FLOW_TOKEN = Pattern.compile("fl-[A-Za-z0-9_-]{1,64}");

  private final CoreProxy core;
  private final WicFlows flows;
  private final RegEventSubscriptions subscriptions;

  public PathRequests(CoreProxy core, WicFlows flows, RegEventSubscriptions subscriptions) {
    this.core = core;
    this.flows = flows;
    this.subscriptions = subscriptions;
  }

  /** A request to the eP-CSCF itself: the NOTIFYs of its reg subscriptions (EPC-32). */
  @Override
  public void onOwnRequest(NonInviteServerTransaction transaction) {
    SipRequest request = transaction.request();
    if (request.isMethod(SipRequest.NOTIFY) && subscriptions != null && subscriptions.onNotify(transaction)) {
      return;
    }
    boolean notify = request.isMethod(SipRequest.NOTIFY);
    transaction.sendResponse(answer(request, notify ? 481 : 404, notify ? null : "No flow here"));
  }

  @Override
  public void decide(ProxyRequest received, Decision decision) {
    SipRequest request = received.request();
    try {
      String token;
      List<Address> local = received.localRoutes();
      if (!local.isEmpty()) {
        token = ((SipUri) local.get(0).uri()).user();
      } else if (!request.routes().isEmpty()) {
        decision.respond(answer(request, 403, "Route not served here"));
        return;
      } else {
        Uri ruri = request.requestUri();
        if (!FlowRoute.namesThisNode(core.hop(), ruri) || ((SipUri) ruri).user() == null) {
          decision.respond(answer(request, 404, "No flow here"));
          return;
        }
        token = ((SipUri) ruri).user();
      }
      if (token == null || !FLOW_TOKEN.matcher(token).matches()) {
        decision.respond(answer(request, 403, "Invalid flow token"));
        return;
      }
      WicFlow flow = flows.get(token).orElse(null);
      if (flow == null) {
        // EPC-62 (RFC 5626 §5.3): an initial request learns the flow failed; inside a dialog, the dialog is gone.
        boolean inDialog = FlowRoute.isInDialog(request);
        log.debug("request from the core toward closed flow {}: {}", token, inDialog ? 481 : 430);
        decision.respond(answer(request, inDialog ? 481 : 430, inDialog ? null : "Flow Failed"));
        return;
      }
      boolean recordRoute = FlowRoute.isDialogInitiating(request); // EPC-61
      core.media().forward(request, request, MediaAnchor.Side.CORE, flow.id(), decision, out -> {
        Target.Builder target = Target.to(request.requestUri()).flow(core.toFlow(flow)).recordRoute(recordRoute);
        return (out == request ? target : target.request(out)).build(); // EPC-80: the gateway's SDP
      });
      if (request.isMethod(SipRequest.NOTIFY) && subscriptions != null) {
        subscriptions.removeTerminated(flow.id(), request); // EPC-42: after the relay
      }
    } catch (SipParseException e) {
      decision.respond(answer(request, 400, e.reason()));
    }
  }

  /** Responses of WICs (any thread) go to the proxy core's branch that sent the request. */
  public void onWicResponse(WicFlow flow, SipResponse response) {
    core.fromWic(flow, response);
  }

  /** EPC-43: requests still waiting on a closed flow get 430. */
  public void onFlowClosed(WicFlow flow) {
    core.flowClosed(flow);
  }

  private static SipResponse answer(SipRequest request, int status, String reason) {
    return LocalResponses.answer(request, status, reason).build();
  }
}
