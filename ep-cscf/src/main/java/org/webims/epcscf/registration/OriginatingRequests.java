package org.webims.epcscf.registration;

import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.webims.epcscf.core.CoreProxy;
import org.webims.epcscf.media.MediaAnchor;
import org.webims.epcscf.websocket.WicFlow;
import org.webims.sip.SipParseException;
import org.webims.sip.header.Address;
import org.webims.sip.header.PChargingVector;
import org.webims.sip.message.HeaderNames;
import org.webims.sip.message.SipRequest;
import org.webims.sip.proxy.Decision;
import org.webims.sip.proxy.ProxyRequest;
import org.webims.sip.proxy.Target;
import org.webims.sip.uri.Uri;

/**
 * TS 24.229 5.2.6.3 and TS 33.203 Q.1 (EPC-16, EPC-17, EPC-60): the eP-CSCF's RFC 3261 §16.5
 * decision for a request other than REGISTER from a WIC, which the proxy core ({@link CoreProxy})
 * carries. Only a flow with a registration (a TLS association in scenario 1, a validated token in
 * scenario 2) may send one; the eP-CSCF asserts the identity it registered. An initial request goes
 * along the stored Service-Route to the S-CSCF; a dialog-initiating one (INVITE, SUBSCRIBE, REFER)
 * is Record-Routed with the flow's URI (EPC-61), so that the core's in-dialog requests come back
 * over this flow. A request inside a dialog follows its own route set (the proxy core has removed
 * the eP-CSCF's own Record-Route URI on top, §16.4), never the Service-Route. CANCEL, and the ACK for
 * a non-2xx, end in the proxy core; the ACK for a 2xx is routed like any in-dialog request.
 */
public final class OriginatingRequests {

  private static final Logger log = LoggerFactory.getLogger(OriginatingRequests.class);
  private static final String PREFERRED_IDENTITY = "P-Preferred-Identity";

  private final CoreProxy core;
  private final Registrations registrations;

  public OriginatingRequests(CoreProxy core, Registrations registrations) {
    this.core = core;
    this.registrations = registrations;
  }

  /** A request other than REGISTER, on the flow's thread: to the proxy core, which asks {@link #decide}. */
  public void onRequest(WicFlow flow, SipRequest request) {
    core.fromWic(flow, request, this::decide);
  }

  /** §16.5 on the event loop, after the proxy core's §16.3 checks (483 among them) and §16.4. */
  void decide(ProxyRequest received, Decision decision) {
    SipRequest request = received.request();
    WicFlow flow = CoreProxy.wicFlow(received);
    try {
      FlowRegistration registration = registrations.forFlow(flow.id()).orElse(null);
      if (registration == null) {
        log.debug("{} {} on unbound flow {} refused", request.method(), request.requestUri(), flow.id());
        decision.respond(RegisterResults.answer(request, 403, "Not registered on this connection").build()); // EPC-16
        return;
      }
      String identity = registeredIdentity(request, registration);
      if (identity == null) {
        log.debug("{} on flow {} refused: preferred identity not registered", request.method(), flow.id());
        decision.respond(RegisterResults.answer(request, 403, "Identity not registered").build()); // EPC-17
        return;
      }
      boolean recordRoute = FlowRoute.isDialogInitiating(request);
      core.media().forward(request, asserted(request, flow, registration, identity), MediaAnchor.Side.WIC, flow.id(),
          decision, out -> Target.to(request.requestUri()).request(out).recordRoute(recordRoute).build()); // EPC-80
    } catch (SipParseException e) {
      decision.respond(RegisterResults.answer(request, 400, e.reason()).build());
    }
  }

  /**
   * EPC-60 (TS 24.229 5.2.6.3.1): the IMPU of P-Preferred-Identity when it is one of the registered
   * IMPUs, else the default IMPU; From does not count (it may be anonymous, RFC 3323). Null, hence
   * 403, for a preferred identity that is not registered on a SIP Digest with TLS flow (EPC-17, TS
   * 33.203 Q.1: there the identity is bound to the TLS session) and when the core named no IMPU.
   */
  static String registeredIdentity(SipRequest request, FlowRegistration registration) throws SipParseException {
    List<Address> preferred = request.addresses(PREFERRED_IDENTITY);
    if (preferred.isEmpty()) {
      return registration.defaultImpu();
    }
    Uri wanted = preferred.get(0).uri();
    for (String impu : registration.associatedUris()) {
      if (impu.equals(wanted.toString()) || Uri.parse(impu).equals(wanted)) {
        return impu;
      }
    }
    return registration.wafIssuer() == null ? null : registration.defaultImpu();
  }

  /**
   * The eP-CSCF's version of the request (the proxy core then adds Max-Forwards, Record-Route and
   * Via): the WIC's Via stamped (EPC-04, 05), P-Asserted-Identity instead of P-Preferred-Identity,
   * and a new P-Charging-Vector; header fields only a trusted node may set are removed. Outside a
   * dialog, the stored Service-Route is the Route; inside one, what is left of the WIC's Route.
   */
  private SipRequest asserted(SipRequest request, WicFlow flow, FlowRegistration registration,
      String identity) throws SipParseException {
    boolean inDialog = FlowRoute.isInDialog(request);
    SipRequest.Builder out = TrustedNodeRegister.towardCore(request, flow,
        name -> (!inDialog && name.equals(HeaderNames.ROUTE)) || name.equalsIgnoreCase(PREFERRED_IDENTITY), null);
    if (!inDialog) {
      for (String route : registration.serviceRoutes()) {
        out.header(HeaderNames.ROUTE, route);
      }
    }
    out.header(HeaderNames.P_ASSERTED_IDENTITY, "<" + identity + ">");
    out.header(HeaderNames.P_CHARGING_VECTOR, PChargingVector.of(TrustedNodeRegister.newIcid()).toString());
    return TrustedNodeRegister.withBody(request, out).build();
  }
}
