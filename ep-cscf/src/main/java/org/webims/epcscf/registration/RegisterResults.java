package org.webims.epcscf.registration;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.webims.epcscf.core.CoreResponseListener;
import org.webims.epcscf.core.LocalResponses;
import org.webims.epcscf.token.AccessToken;
import org.webims.epcscf.websocket.WicFlow;
import org.webims.server.events.Event;
import org.webims.sip.SipParseException;
import org.webims.sip.header.Address;
import org.webims.sip.header.Contact;
import org.webims.sip.message.HeaderNames;
import org.webims.sip.message.SipRequest;
import org.webims.sip.message.SipResponse;
import org.webims.sip.reginfo.ContactIdentity;

/**
 * TS 24.229 5.2.2.1 and 5.2.5.1: what both registration scenarios do with the core's answer: relay
 * it without charging information (EPC-31), store the flow's registration on a 200 (EPC-30) and
 * drop it on a 200 to a deregistration (EPC-41). Also the eP-CSCF's own answers to a WIC.
 */
final class RegisterResults {

  private static final Logger log = LoggerFactory.getLogger(RegisterResults.class);

  private final Registrations registrations;
  private final Clock clock;

  RegisterResults(Registrations registrations, Clock clock) {
    this.registrations = registrations;
    this.clock = clock;
  }

  /**
   * {@code listener} for the core's answer to {@code request}; a deregistration is marked on the flow
   * until that answer (or its absence) is in: {@link Registrations#isDeregistering}.
   */
  CoreResponseListener tracked(WicFlow flow, SipRequest request, CoreResponseListener listener) {
    boolean deregistration;
    try {
      deregistration = isDeregistration(request);
    } catch (SipParseException e) {
      deregistration = false; // the S-CSCF will refuse it; nothing to mark
    }
    if (!deregistration) {
      return listener;
    }
    registrations.deregistrationSent(flow.id());
    return response -> {
      try {
        listener.onResponse(response);
      } finally {
        if (response.statusCode() >= 200) { // the proxy core's own 408/503 arrive as responses too
          registrations.deregistrationAnswered(flow.id());
        }
      }
    };
  }

  /**
   * EPC-06, EPC-31: the response goes back on its flow; charging information stays in the core. A refusal from the
   * core (or the proxy's own 408 or 503 when the core does not answer) is a {@code register.refused} event; a
   * challenge (401, 407) is not: it is the first step of SIP Digest.
   */
  void relay(WicFlow flow, SipResponse response) {
    int status = response.statusCode();
    if (status >= 300 && status != 401 && status != 407) {
      String impu;
      try {
        impu = response.to().uri().toString();
      } catch (SipParseException e) {
        impu = null;
      }
      registrations.events().refusal(Event.of("register.refused").with("impu", impu).with("flow", flow.id())
          .with("source", flow.sourceAddress()).with(Event.REASON, Integer.toString(status))
          .with("phrase", response.reasonPhrase()));
    }
    flow.send(response.toBuilder()
        .removeHeader(HeaderNames.P_CHARGING_VECTOR)
        .removeHeader(HeaderNames.P_CHARGING_FUNCTION_ADDRESSES)
        .build());
  }

  /**
   * EPC-30, EPC-41: stores the registration on a 200, or drops it when the binding is gone.
   *
   * @param token the access token of scenario 2/3, or null (scenario 1)
   * @return the stored registration, or null when none is left for the flow
   */
  FlowRegistration remember(WicFlow flow, SipRequest request, String impi, AccessToken token, SipResponse ok) {
    try {
      long granted = isDeregistration(request) ? 0 : grantedExpires(request, ok);
      if (granted <= 0) {
        registrations.removeFlow(flow.id(), Removal.DEREGISTERED);
        return null;
      }
      if (!flow.isOpen()) {
        registrations.removeFlow(flow.id(), Removal.FLOW_LOST);
        return null;
      }
      List<String> associated = new ArrayList<>();
      for (Address a : ok.pAssociatedUris()) {
        associated.add(a.uri().toString());
      }
      // The core's Service-Route and the WAF's issuer are the same few values for every flow: one copy each
      // (issue 13: heap per flow), not one per registration.
      List<String> routes = new ArrayList<>();
      for (Address a : ok.serviceRoutes()) {
        routes.add(a.toString().intern());
      }
      Contact mine = request.contacts().isEmpty() ? null : request.contacts().get(0);
      FlowRegistration stored = new FlowRegistration(flow.id(), impi, associated, routes,
          mine == null || mine.isWildcard() ? null : ContactIdentity.of(mine), granted,
          clock.instant().plusSeconds(granted), token == null ? null : token.issuer().intern(),
          token == null ? null : token.impuLease(), token == null ? null : token.expiresAt());
      registrations.store(stored);
      if (!flow.isOpen()) {
        registrations.removeFlow(flow.id(), Removal.FLOW_LOST); // the flow closed while the 200 was on its way
        return null;
      }
      return stored;
    } catch (SipParseException e) {
      log.warn("200 to REGISTER on flow {} not understood: {}", flow.id(), e.reason());
      return registrations.forFlow(flow.id()).orElse(null);
    }
  }

  /**
   * The expiry the registrar granted to this WIC's Contact (RFC 3261 §10.2.4, WIC-13), found by
   * sip-core's one contact rule ({@link ContactIdentity}).
   */
  static long grantedExpires(SipRequest request, SipResponse ok) throws SipParseException {
    List<Contact> asked = request.contacts();
    Contact mine = asked.isEmpty() || asked.get(0).isWildcard() ? null : asked.get(0);
    ContactIdentity me = mine == null ? null : ContactIdentity.of(mine);
    long headerExpires = ok.expires();
    for (Contact c : ok.contacts()) {
      if (c.isWildcard() || me == null) {
        continue;
      }
      if (me.sameAs(ContactIdentity.of(c))) {
        return c.expires() >= 0 ? c.expires() : headerExpires;
      }
    }
    return mine == null ? 0 : headerExpires >= 0 ? headerExpires : 0;
  }

  /** RFC 3261 §10.2.2: expiry 0 on every Contact, or {@code Contact: *}. */
  static boolean isDeregistration(SipRequest request) throws SipParseException {
    List<Contact> contacts = request.contacts();
    if (contacts.isEmpty()) {
      return false; // a query (§10.2.3)
    }
    long header = request.expires();
    for (Contact c : contacts) {
      if (c.isWildcard()) {
        return true;
      }
      long e = c.expires() >= 0 ? c.expires() : header;
      if (e != 0) {
        return false;
      }
    }
    return true;
  }

  /** A response generated here (RFC 3261 §8.2.6.2, §16.7): the To tag is added when missing. */
  static SipResponse.Builder answer(SipRequest request, int status, String reason) {
    return LocalResponses.answer(request, status, reason);
  }
}
