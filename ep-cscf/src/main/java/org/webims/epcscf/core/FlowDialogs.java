package org.webims.epcscf.core;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.webims.sip.SipParseException;
import org.webims.sip.dialog.RouteSet;
import org.webims.sip.header.Address;
import org.webims.sip.message.HeaderNames;
import org.webims.sip.message.SipMessage;
import org.webims.sip.message.SipRequest;
import org.webims.sip.message.SipResponse;
import org.webims.sip.uri.SipUri;
import org.webims.sip.uri.Uri;

/**
 * EPC-66: the confirmed dialogs each WIC flow has through this eP-CSCF, so that when the flow is
 * lost the eP-CSCF can end them toward the core with a BYE on the WIC's behalf (the far end would
 * otherwise keep a call nobody hears). A dialog is remembered from the 2xx to a Record-Routed INVITE
 * in either direction (TS 24.229 5.2.6.3.4 and 5.2.6.4.4 have the P-CSCF store the same dialog data)
 * and forgotten on a BYE either way, or a 481 or 408 to a request inside it. An INVITE from the core
 * is held as an offer until the WIC's final response, since its 2xx does not repeat the caller's
 * Contact and Record-Route. At most {@code maxPerFlow} dialogs, and as many offers, per flow: beyond
 * that they are carried but not remembered, so a flow's loss does not end them.
 *
 * <p>Only the proxy core's event loop calls this class (the hooks in {@link FlowTransport} and
 * {@link CoreProxy}); it holds no lock and never blocks.
 */
final class FlowDialogs {

  private static final Logger log = LoggerFactory.getLogger(FlowDialogs.class);
  /** RFC 3326 with RFC 5626 §5.3's status: the eP-CSCF's BYE says the WIC's flow failed. */
  static final String REASON = "SIP;cause=430;text=\"Flow Failed\"";

  private final int maxPerFlow;
  private final Predicate<Uri> namesThisNode;
  private final Map<String, Map<String, Dialog>> dialogs = new HashMap<>();
  private final Map<String, Map<String, Offer>> offers = new HashMap<>();
  /** The dialogs remembered on every flow: written on the loop, read by the metrics scrape (issue 16). */
  private final AtomicInteger remembered = new AtomicInteger();

  /**
   * One confirmed dialog as the WIC sees it.
   *
   * @param wicParty the WIC's From or To value, with its tag; {@code remoteParty} the other one
   * @param routeSet toward the core, the eP-CSCF's own Record-Route removed
   * @param wicCseq the highest CSeq the WIC used in the dialog (0 when it sent none)
   */
  record Dialog(String callId, String wicParty, String remoteParty, String remoteTarget, List<String> routeSet,
      long wicCseq) {

    Dialog withCseq(long cseq) {
      return new Dialog(callId, wicParty, remoteParty, remoteTarget, routeSet, Math.max(wicCseq, cseq));
    }
  }

  /** What an INVITE from the core told the WIC: the caller, its Contact and the route set toward it. */
  private record Offer(String remoteParty, String remoteTarget, List<String> routeSet) {
  }

  /**
   * @param maxPerFlow the dialogs (and pending INVITEs from the core) remembered per flow
   * @param namesThisNode true for a URI of this eP-CSCF: the one naming the flow is left out of the
   *     route set; those naming other flows stay (a call between two WICs of this eP-CSCF passes twice)
   */
  FlowDialogs(int maxPerFlow, Predicate<Uri> namesThisNode) {
    this.maxPerFlow = maxPerFlow;
    this.namesThisNode = namesThisNode;
  }

  /** A message the proxy core sends over {@code flowId} to the WIC. */
  void toWic(String flowId, SipMessage message) {
    try {
      if (message.isRequest()) {
        SipRequest request = (SipRequest) message;
        if (request.isMethod(SipRequest.INVITE) && request.to().tag() == null) {
          offered(flowId, request);
        } else if (request.isMethod(SipRequest.BYE)) {
          forget(flowId, key(request.callId(), request.to().tag(), request.from().tag()));
        } else if (!request.contacts().isEmpty()) {
          // RFC 3261 §12.2.2: a target refresh (re-INVITE, UPDATE) moves the remote target at once.
          retarget(flowId, key(request.callId(), request.to().tag(), request.from().tag()), request);
        }
        return;
      }
      SipResponse response = (SipResponse) message;
      String key = key(response.callId(), response.from().tag(), response.to().tag());
      if (isInvite2xx(response)) {
        confirmedByRemote(flowId, key, response);
      } else if (endsDialog(response)) {
        forget(flowId, key);
      }
    } catch (SipParseException e) {
      log.debug("message toward flow {} not followed for dialogs: {}", flowId, e.reason());
    }
  }

  /** A message the WIC sent on {@code flowId}, before the proxy core takes it. */
  void fromWic(String flowId, SipMessage message) {
    try {
      if (message.isRequest()) {
        SipRequest request = (SipRequest) message;
        String key = key(request.callId(), request.from().tag(), request.to().tag());
        if (request.isMethod(SipRequest.BYE)) {
          forget(flowId, key);
        } else if (request.to().tag() != null && !request.isMethod(SipRequest.ACK)
            && !request.isMethod(SipRequest.CANCEL)) {
          Map<String, Dialog> mine = dialogs.get(flowId);
          long cseq = request.cseq().sequence();
          if (mine != null) {
            mine.computeIfPresent(key, (k, d) -> d.withCseq(cseq));
          }
        }
        return;
      }
      SipResponse response = (SipResponse) message;
      String key = key(response.callId(), response.to().tag(), response.from().tag());
      if (response.cseq().method().equals(SipRequest.INVITE) && response.statusCode() >= 200) {
        Offer offer = remove(offers, flowId, key(response.callId(), null, response.from().tag()));
        if (offer != null && response.isSuccess()) {
          remember(flowId, key, new Dialog(response.callId(), response.to().toString(), offer.remoteParty(),
              offer.remoteTarget(), offer.routeSet(), 0));
        }
      }
      if (endsDialog(response)) {
        forget(flowId, key);
      }
    } catch (SipParseException e) {
      log.debug("message from flow {} not followed for dialogs: {}", flowId, e.reason());
    }
  }

  /** The flow is gone: its confirmed dialogs, which this forgets with its offers. */
  List<Dialog> flowLost(String flowId) {
    offers.remove(flowId);
    Map<String, Dialog> mine = dialogs.remove(flowId);
    if (mine == null) {
      return List.of();
    }
    remembered.addAndGet(-mine.size());
    return List.copyOf(mine.values());
  }

  /** The dialogs remembered on all flows now; safe from any thread. */
  int total() {
    return remembered.get();
  }

  /** The dialogs remembered for {@code flowId} (tests, gauges). */
  int count(String flowId) {
    Map<String, Dialog> mine = dialogs.get(flowId);
    return mine == null ? 0 : mine.size();
  }

  /**
   * The BYE that ends {@code dialog} on the WIC's behalf (RFC 3261 §15.1.1, §12.2.1.1): to the remote
   * target along the route set, the WIC's next CSeq, the Reason naming the flow failure (RFC 3326).
   */
  static SipRequest bye(Dialog dialog) throws SipParseException {
    SipRequest.Builder b = SipRequest.builder(SipRequest.BYE, Uri.parse(dialog.remoteTarget()));
    for (String route : dialog.routeSet()) {
      b.header(HeaderNames.ROUTE, route);
    }
    return b.header(HeaderNames.MAX_FORWARDS, "70")
        .header(HeaderNames.FROM, dialog.wicParty())
        .header(HeaderNames.TO, dialog.remoteParty())
        .header(HeaderNames.CALL_ID, dialog.callId())
        .header(HeaderNames.CSEQ, (dialog.wicCseq() + 1) + " " + SipRequest.BYE)
        .header("Reason", REASON)
        .build();
  }

  private void offered(String flowId, SipRequest invite) throws SipParseException {
    Map<String, Offer> mine = offers.computeIfAbsent(flowId, id -> new LinkedHashMap<>());
    if (mine.size() >= maxPerFlow) {
      log.debug("INVITE toward flow {} not remembered: {} pending already", flowId, mine.size());
      return;
    }
    mine.put(key(invite.callId(), null, invite.from().tag()), new Offer(invite.from().toString(),
        invite.contacts().isEmpty() ? null : invite.contacts().get(0).address().uri().toString(),
        routesWithoutOwn(flowId, RouteSet.inOrder(invite.recordRoutes()))));
  }

  /** A 2xx to the WIC's INVITE: a dialog if this eP-CSCF Record-Routed it. */
  private void confirmedByRemote(String flowId, String key, SipResponse ok) throws SipParseException {
    List<Address> recordRoutes = ok.recordRoutes();
    boolean recordRouted = false;
    for (Address rr : recordRoutes) {
      recordRouted |= namesFlow(flowId, rr.uri());
    }
    if (!recordRouted || ok.contacts().isEmpty()) {
      return;
    }
    Map<String, Dialog> mine = dialogs.get(flowId);
    if (mine != null && mine.containsKey(key)) {
      retarget(flowId, key, ok); // RFC 3261 §12.2.1.2: the 2xx to a re-INVITE may move the remote target
      return;
    }
    remember(flowId, key, new Dialog(ok.callId(), ok.from().toString(), ok.to().toString(),
        ok.contacts().get(0).address().uri().toString(), routesWithoutOwn(flowId, RouteSet.reversed(recordRoutes)),
        ok.cseq().sequence()));
  }

  private void retarget(String flowId, String key, SipMessage refresh) throws SipParseException {
    Map<String, Dialog> mine = dialogs.get(flowId);
    Dialog d = mine == null ? null : mine.get(key);
    if (d != null && !refresh.contacts().isEmpty()) {
      mine.put(key, new Dialog(d.callId(), d.wicParty(), d.remoteParty(),
          refresh.contacts().get(0).address().uri().toString(), d.routeSet(), d.wicCseq()));
    }
  }

  private void remember(String flowId, String key, Dialog dialog) {
    if (dialog.remoteTarget() == null) {
      return;
    }
    Map<String, Dialog> mine = dialogs.computeIfAbsent(flowId, id -> new LinkedHashMap<>());
    if (mine.size() >= maxPerFlow && !mine.containsKey(key)) {
      log.info("dialog on flow {} not remembered: {} already, the most per flow; it is not ended if the flow is lost",
          flowId, mine.size());
      return;
    }
    if (mine.put(key, dialog) == null) {
      remembered.incrementAndGet();
    }
  }

  private void forget(String flowId, String key) {
    if (remove(dialogs, flowId, key) != null) {
      remembered.decrementAndGet();
    }
  }

  private static <T> T remove(Map<String, Map<String, T>> byFlow, String flowId, String key) {
    Map<String, T> mine = byFlow.get(flowId);
    if (mine == null) {
      return null;
    }
    T removed = mine.remove(key);
    if (mine.isEmpty()) {
      byFlow.remove(flowId);
    }
    return removed;
  }

  private boolean namesFlow(String flowId, Uri uri) {
    return uri instanceof SipUri sip && flowId.equals(sip.user()) && namesThisNode.test(uri);
  }

  private List<String> routesWithoutOwn(String flowId, RouteSet routeSet) {
    List<String> routes = new ArrayList<>(routeSet.routes().size());
    for (Address route : routeSet.routes()) {
      if (!namesFlow(flowId, route.uri())) {
        routes.add(route.toString());
      }
    }
    return List.copyOf(routes);
  }

  private static boolean isInvite2xx(SipResponse response) throws SipParseException {
    return response.isSuccess() && response.cseq().method().equals(SipRequest.INVITE);
  }

  /** RFC 3261 §12.2.1.2: a 481 or 408 to a request inside a dialog ends it. */
  private static boolean endsDialog(SipResponse response) {
    return response.statusCode() == 481 || response.statusCode() == 408;
  }

  /** Call-ID, the WIC's tag, the remote tag; a tag not known yet is empty. */
  private static String key(String callId, String wicTag, String remoteTag) {
    return callId + '\n' + (wicTag == null ? "" : wicTag) + '\n' + (remoteTag == null ? "" : remoteTag);
  }
}
