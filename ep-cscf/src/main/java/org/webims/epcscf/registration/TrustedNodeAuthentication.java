package org.webims.epcscf.registration;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.webims.epcscf.core.CoreProxy;
import org.webims.epcscf.core.CoreResponseListener;
import org.webims.epcscf.token.AccessToken;
import org.webims.epcscf.token.AccessTokenValidator;
import org.webims.epcscf.token.TokenVerdict;
import org.webims.epcscf.websocket.WicFlow;
import org.webims.epcscf.websocket.WicMessageHandler;
import org.webims.sip.SipParseException;
import org.webims.sip.auth.AuthValue;
import org.webims.sip.auth.BearerChallenge;
import org.webims.sip.auth.BearerCredentials;
import org.webims.sip.header.Address;
import org.webims.sip.header.Contact;
import org.webims.sip.message.HeaderNames;
import org.webims.sip.message.SipRequest;
import org.webims.sip.message.SipResponse;
import org.webims.sip.uri.Uri;

/**
 * TS 24.371 6.1 b), A.3.2 and TS 33.203 U.2: registration of a WIC that holds a WAF access token.
 * A REGISTER is forwarded only after its Bearer token validated (EPC-20) and grants the To IMPU
 * (EPC-23), as a Trusted Node REGISTER (EPC-24); every failure is answered here and nothing is
 * forwarded (EPC-21, EPC-22). Responses go back on the same flow without P-Charging-* (EPC-06,
 * EPC-31); a 200 stores or removes the flow's registration (EPC-30, EPC-41). Scenario 1 (Digest
 * pass-through, EPC-09..18) will sit beside this class, chosen by the credentials' scheme.
 */
public final class TrustedNodeAuthentication implements WicMessageHandler {

  private static final Logger log = LoggerFactory.getLogger(TrustedNodeAuthentication.class);
  private static final SecureRandom RANDOM = new SecureRandom();

  private final AccessTokenValidator validator;
  private final TrustedNodeRegister rewrite;
  private final CoreProxy core;
  private final Registrations registrations;
  private final String homeDomain;
  private final String authzServer;
  private final Clock clock;

  public TrustedNodeAuthentication(AccessTokenValidator validator, TrustedNodeRegister rewrite, CoreProxy core,
      Registrations registrations, String homeDomain, String authzServer, Clock clock) {
    this.validator = validator;
    this.rewrite = rewrite;
    this.core = core;
    this.registrations = registrations;
    this.homeDomain = homeDomain;
    this.authzServer = authzServer;
    this.clock = clock;
  }

  @Override
  public void onRequest(WicFlow flow, SipRequest request) {
    try {
      if (!request.isMethod(SipRequest.REGISTER)) {
        // Requests other than REGISTER (EPC-17, dialogs) come with later issues.
        flow.send(answer(request, 501, null).build());
        return;
      }
      register(flow, request);
    } catch (SipParseException e) {
      flow.send(answer(request, 400, e.reason()).build());
    }
  }

  @Override
  public void onResponse(WicFlow flow, SipResponse response) {
    log.debug("response from WIC on flow {} dropped: no transaction toward WICs yet", flow.id());
  }

  @Override
  public void onClose(WicFlow flow) {
    registrations.removeFlow(flow.id()); // EPC-43
  }

  private void register(WicFlow flow, SipRequest request) throws SipParseException {
    if (request.maxForwards() == 0) {
      flow.send(answer(request, 483, null).build()); // RFC 3261 §16.3 step 3
      return;
    }
    BearerCredentials bearer = null;
    boolean anyCredentials = false;
    for (AuthValue v : request.authValues(HeaderNames.AUTHORIZATION)) {
      anyCredentials = true;
      if (v.isScheme("Bearer")) {
        try {
          bearer = BearerCredentials.from(v);
        } catch (SipParseException e) {
          flow.send(challenge(request, true));
          return;
        }
        break;
      }
    }
    if (bearer == null) {
      // EPC-22: no Bearer credentials. RFC 6750 §3.1: no error code when none were offered;
      // Digest (scenario 1) is not offered on this endpoint yet, so it gets the same challenge.
      log.debug("REGISTER on flow {} without Bearer credentials (any credentials: {})", flow.id(), anyCredentials);
      flow.send(challenge(request, false));
      return;
    }
    TokenVerdict verdict = validator.validate(bearer.token());
    if (!verdict.isValid()) {
      log.info("REGISTER on flow {} refused: token {}", flow.id(), verdict.failure().description());
      flow.send(challenge(request, true)); // EPC-21
      return;
    }
    AccessToken token = verdict.token();
    Uri to = request.to().uri();
    if (!grants(token, to)) {
      log.info("REGISTER on flow {} refused: To IMPU not granted to {}", flow.id(), token.subject());
      flow.send(answer(request, 403, "IMPU not granted").build()); // EPC-23
      return;
    }
    SipRequest forwarded = rewrite.rewrite(request, token, flow);
    boolean deregistration = isDeregistration(request);
    core.forward(forwarded, new CoreResponseListener() {
      @Override
      public void onResponse(SipResponse response) {
        relay(flow, request, token, deregistration, response);
      }

      @Override
      public void onNoResponse(int statusCode) {
        flow.send(answer(request, statusCode, null).build());
      }
    });
  }

  private void relay(WicFlow flow, SipRequest request, AccessToken token, boolean deregistration,
      SipResponse response) {
    if (response.isSuccess()) {
      try {
        remember(flow, request, token, deregistration, response);
      } catch (SipParseException e) {
        log.warn("200 to REGISTER on flow {} not understood: {}", flow.id(), e.reason());
      }
    }
    // EPC-31: charging information stays in the core.
    flow.send(response.toBuilder()
        .removeHeader(HeaderNames.P_CHARGING_VECTOR)
        .removeHeader(HeaderNames.P_CHARGING_FUNCTION_ADDRESSES)
        .build());
  }

  /** EPC-30, EPC-41: store the registration on a 200, or drop it when the binding is gone. */
  private void remember(WicFlow flow, SipRequest request, AccessToken token, boolean deregistration,
      SipResponse ok) throws SipParseException {
    long granted = deregistration ? 0 : grantedExpires(request, ok);
    if (granted <= 0 || !flow.isOpen()) {
      registrations.removeFlow(flow.id());
      return;
    }
    List<String> associated = new ArrayList<>();
    for (Address a : ok.pAssociatedUris()) {
      associated.add(a.uri().toString());
    }
    List<String> routes = new ArrayList<>();
    for (Address a : ok.serviceRoutes()) {
      routes.add(a.toString());
    }
    Contact mine = request.contacts().isEmpty() ? null : request.contacts().get(0);
    registrations.store(new FlowRegistration(flow.id(), token.impi(), associated, routes,
        mine == null || mine.isWildcard() ? null : mine.address().uri().toString(), granted,
        clock.instant().plusSeconds(granted), token.issuer()));
    if (!flow.isOpen()) {
      registrations.removeFlow(flow.id()); // the flow closed while the 200 was on its way
    }
  }

  /** The expiry the registrar granted to this WIC's Contact (RFC 3261 §10.2.4, WIC-13). */
  static long grantedExpires(SipRequest request, SipResponse ok) throws SipParseException {
    List<Contact> asked = request.contacts();
    Contact mine = asked.isEmpty() || asked.get(0).isWildcard() ? null : asked.get(0);
    long headerExpires = ok.expires();
    for (Contact c : ok.contacts()) {
      if (c.isWildcard() || mine == null) {
        continue;
      }
      boolean same = mine.instance() != null
          ? mine.instance().equals(c.instance()) && mine.regId() == c.regId()
          : mine.address().uri().equals(c.address().uri());
      if (same) {
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

  private static boolean grants(AccessToken token, Uri to) {
    for (String impu : token.impus()) {
      try {
        if (impu.equals(to.toString()) || Uri.parse(impu).equals(to)) {
          return true;
        }
      } catch (SipParseException e) {
        log.debug("token impu claim is not a URI: {}", e.reason());
      }
    }
    return false;
  }

  /** EPC-21/22 (RFC 8898 §2.1.1, RFC 6750 §3): 401 with the Bearer challenge naming the WAF. */
  private SipResponse challenge(SipRequest request, boolean invalidToken) {
    BearerChallenge.Builder c = BearerChallenge.builder().realm(homeDomain).authzServer(authzServer);
    if (invalidToken) {
      c.error("invalid_token");
    }
    return answer(request, 401, null).header(HeaderNames.WWW_AUTHENTICATE, c.build().toString()).build();
  }

  /** A response generated here (RFC 3261 §8.2.6.2, §16.7): the To tag is added when missing. */
  static SipResponse.Builder answer(SipRequest request, int status, String reason) {
    SipResponse.Builder b = SipResponse.to(request, status, reason);
    try {
      Address to = request.to();
      if (to.tag() == null) {
        byte[] tag = new byte[6];
        RANDOM.nextBytes(tag);
        b.setHeader(HeaderNames.TO, to.withTag("ep" + HexFormat.of().formatHex(tag)).toString());
      }
    } catch (SipParseException e) {
      log.debug("To not parsed, kept as received: {}", e.reason());
    }
    return b;
  }
}
