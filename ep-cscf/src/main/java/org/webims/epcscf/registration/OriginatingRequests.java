package org.webims.epcscf.registration;

import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.webims.epcscf.core.CoreProxy;
import org.webims.epcscf.core.CoreResponseListener;
import org.webims.epcscf.websocket.WicFlow;
import org.webims.sip.SipParseException;
import org.webims.sip.header.Address;
import org.webims.sip.header.PChargingVector;
import org.webims.sip.message.HeaderNames;
import org.webims.sip.message.SipRequest;
import org.webims.sip.message.SipResponse;
import org.webims.sip.uri.Uri;

/**
 * TS 24.229 5.2.6.3 and TS 33.203 Q.1 (EPC-16, EPC-17, EPC-60): a request other than REGISTER from a
 * WIC. Only a flow with a registration (a TLS association in scenario 1, a validated token in
 * scenario 2) may send one; the eP-CSCF asserts the identity it registered. An initial request goes
 * along the stored Service-Route to the S-CSCF; a dialog-initiating one also gets the flow's
 * Record-Route (EPC-61), so that the core's in-dialog requests come back over this flow. A request
 * inside a dialog follows its own route set (RFC 3261 §16.4: the eP-CSCF's own Record-Route URI on
 * top is removed), never the Service-Route. INVITE waits for the session issue: the Mw hop runs
 * non-INVITE transactions only.
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

  /** A request other than REGISTER and ACK. */
  public void onRequest(WicFlow flow, SipRequest request) throws SipParseException {
    FlowRegistration registration = registrations.forFlow(flow.id()).orElse(null);
    if (registration == null) {
      log.info("{} {} on unbound flow {} refused", request.method(), request.requestUri(), flow.id());
      flow.send(RegisterResults.answer(request, 403, "Not registered on this connection").build()); // EPC-16
      return;
    }
    if (request.isMethod("INVITE")) {
      flow.send(RegisterResults.answer(request, 501, null).build());
      return;
    }
    if (request.maxForwards() == 0) {
      flow.send(RegisterResults.answer(request, 483, null).build());
      return;
    }
    String identity = registeredIdentity(request, registration);
    if (identity == null) {
      log.info("{} on flow {} refused: preferred identity not registered", request.method(), flow.id());
      flow.send(RegisterResults.answer(request, 403, "Identity not registered").build()); // EPC-17
      return;
    }
    core.forward(asserted(request, flow, registration, identity), new CoreResponseListener() {
      @Override
      public void onResponse(SipResponse response) {
        RegisterResults.relay(flow, response);
      }

      @Override
      public void onNoResponse(int statusCode) {
        flow.send(RegisterResults.answer(request, statusCode, null).build());
      }
    });
  }

  /** The IMPU of P-Preferred-Identity, else of From, when it is one of the registered IMPUs; else null. */
  static String registeredIdentity(SipRequest request, FlowRegistration registration) throws SipParseException {
    List<Address> preferred = request.addresses(PREFERRED_IDENTITY);
    Uri wanted = preferred.isEmpty() ? request.from().uri() : preferred.get(0).uri();
    for (String impu : registration.associatedUris()) {
      if (impu.equals(wanted.toString()) || Uri.parse(impu).equals(wanted)) {
        return impu;
      }
    }
    return null;
  }

  /**
   * The request toward the S-CSCF: the WIC's Via stamped (EPC-04, 05), Max-Forwards decremented,
   * P-Asserted-Identity instead of P-Preferred-Identity, and a new P-Charging-Vector; header fields
   * only a trusted node may set are removed. Outside a dialog, the stored Service-Route is the Route
   * and a dialog-initiating request gets the flow's Record-Route on top (EPC-61); inside one, the
   * WIC's Route stays, less the eP-CSCF's own URI on top.
   */
  private SipRequest asserted(SipRequest request, WicFlow flow, FlowRegistration registration,
      String identity) throws SipParseException {
    boolean inDialog = FlowRoute.isInDialog(request);
    SipRequest.Builder out = TrustedNodeRegister.towardCore(request, flow,
        name -> (!inDialog && name.equals(HeaderNames.ROUTE)) || name.equalsIgnoreCase(PREFERRED_IDENTITY), null);
    if (inDialog) {
      List<Address> routes = request.routes();
      if (!routes.isEmpty() && FlowRoute.namesThisNode(core.hop(), routes.get(0).uri())) {
        FlowRoute.withoutTopRoute(request, out);
      }
    } else {
      for (String route : registration.serviceRoutes()) {
        out.header(HeaderNames.ROUTE, route);
      }
      if (FlowRoute.isDialogInitiating(request)) {
        out.prependHeader(HeaderNames.RECORD_ROUTE, FlowRoute.recordRoute(core.hop(), flow.id()));
      }
    }
    out.header(HeaderNames.P_ASSERTED_IDENTITY, "<" + identity + ">");
    out.header(HeaderNames.P_CHARGING_VECTOR, PChargingVector.of(TrustedNodeRegister.newIcid()).toString());
    return TrustedNodeRegister.withBody(request, out).build();
  }
}
