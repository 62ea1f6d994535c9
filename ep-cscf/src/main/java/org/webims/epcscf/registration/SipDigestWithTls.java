package org.webims.epcscf.registration;

import java.time.Clock;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.webims.epcscf.core.CoreProxy;
import org.webims.epcscf.websocket.WicFlow;
import org.webims.sip.SipParseException;
import org.webims.sip.auth.DigestCredentials;
import org.webims.sip.message.HeaderNames;
import org.webims.sip.message.SipRequest;
import org.webims.sip.message.SipResponse;

/**
 * TS 24.229 5.2.2.1 and 7.2A.2 "SIP digest with TLS", TS 33.203 O.2 and O.4 (TS 24.371 6.1 a) 1),
 * scenario 1): the WIC's Digest credentials pass through to the S-CSCF, marked with what the
 * eP-CSCF knows of the connection (EPC-09, 11, 12, 13); the challenge and the verdict come back on
 * the same flow (EPC-18); a 200 binds the flow's TLS session to the IMPI (EPC-14, 15, 41).
 *
 * <p>Over plain WebSocket (the development switch) there is no TLS session: the marking is the
 * "SIP digest without TLS" one ({@code ip-assoc-pending}, {@code ip-assoc-yes}), never a TLS value,
 * and the flow logs once that Digest runs unprotected.
 */
public final class SipDigestWithTls {

  /** TS 24.229 7.2A.2: a challenge response on a TLS session not yet bound to the IMPI. */
  public static final String TLS_PENDING = "tls-pending";
  /** TS 24.229 7.2A.2: a TLS session bound to the IMPI by an earlier successful registration. */
  public static final String TLS_YES = "tls-yes";
  /** TS 24.229 7.2A.2: the same without TLS (plain WebSocket). */
  public static final String IP_ASSOC_PENDING = "ip-assoc-pending";
  public static final String IP_ASSOC_YES = "ip-assoc-yes";

  private static final Logger log = LoggerFactory.getLogger(SipDigestWithTls.class);

  private final TrustedNodeRegister rewrite;
  private final CoreProxy core;
  private final RegisterResults results;
  private final TlsAssociations associations;
  private final Set<String> warnedFlows = ConcurrentHashMap.newKeySet();

  public SipDigestWithTls(TrustedNodeRegister rewrite, CoreProxy core, Registrations registrations,
      TlsAssociations associations, Clock clock) {
    this.rewrite = rewrite;
    this.core = core;
    this.results = new RegisterResults(registrations, clock);
    this.associations = associations;
  }

  /** A REGISTER with Digest credentials (and no Bearer ones) and Max-Forwards above zero. */
  public void register(WicFlow flow, SipRequest request, DigestCredentials offered) throws SipParseException {
    if (flow.tlsSessionId() == null && warnedFlows.add(flow.id())) {
      log.warn("{}: SIP Digest runs without TLS protection (plain WebSocket, development switch)", flow);
    }
    DigestCredentials credentials = offered.withoutIntegrityProtected(); // EPC-09
    String marking = integrityProtected(flow, credentials);
    DigestCredentials marked = marking == null ? credentials : credentials.withIntegrityProtected(marking);
    String impi = credentials.username();
    log.debug("Digest REGISTER on flow {} for {} forwarded with integrity-protected={}", flow.id(), impi, marking);
    core.forward(rewrite.rewrite(request, flow, marked.toString()), results.tracked(flow, request, response -> {
      if (response.isSuccess()) {
        associate(flow, request, impi, response);
      }
      results.relay(flow, response); // EPC-18: a 401 goes back as it came, on this flow
    }));
  }

  /**
   * EPC-22 with scenario 1 offered: a REGISTER without credentials, as an ordinary SIP UA sends first
   * (and JsSIP before every REGISTER), goes to the S-CSCF without Authorization, hence without
   * {@code integrity-protected} (EPC-11). The S-CSCF's 401 comes back with {@code bearerChallenge}
   * in front of its Digest challenges, so a token client and a Digest client both find theirs. The
   * Digest ones stay last and in the S-CSCF's order: JsSIP 3.13 keeps only the last WWW-Authenticate
   * line (and answers only MD5). Any other answer is relayed as it came.
   */
  public void registerWithoutCredentials(WicFlow flow, SipRequest request, String bearerChallenge)
      throws SipParseException {
    log.debug("REGISTER without credentials on flow {} forwarded for the S-CSCF's challenge", flow.id());
    core.forward(rewrite.rewrite(request, flow, null), results.tracked(flow, request, response -> {
      if (response.isSuccess()) {
        unauthenticated(flow, request, response);
      }
      results.relay(flow, response.statusCode() != 401 ? response
          : response.toBuilder().prependHeader(HeaderNames.WWW_AUTHENTICATE, bearerChallenge).build());
    }));
  }

  /**
   * A 200 to a REGISTER without credentials names no IMPI to bind (TS 24.229 5.4.1.2.1 has the
   * S-CSCF always challenge one, as the IMS core does): nothing is stored, so other requests on the
   * flow stay refused (EPC-16); a deregistration still drops what the flow had (EPC-41).
   */
  private void unauthenticated(WicFlow flow, SipRequest request, SipResponse ok) {
    try {
      if (RegisterResults.isDeregistration(request)) {
        associate(flow, request, null, ok); // removes the flow's registration and association
        return;
      }
    } catch (SipParseException e) {
      log.debug("Contact not parsed: {}", e.reason());
    }
    log.info("200 to a REGISTER without credentials on flow {}: no IMPI to bind, nothing stored", flow.id());
  }

  /** EPC-11, 12, 13: the value the S-CSCF gets, or null for none. */
  String integrityProtected(WicFlow flow, DigestCredentials credentials) {
    TlsAssociation bound = associations.forFlow(flow.id()).orElse(null);
    String session = flow.tlsSessionId();
    boolean sameImpi = bound != null && bound.impi().equals(credentials.username());
    if (session == null) {
      return sameImpi ? IP_ASSOC_YES : credentials.hasResponse() ? IP_ASSOC_PENDING : null;
    }
    if (sameImpi && session.equals(bound.tlsSessionId())) {
      return TLS_YES;
    }
    return credentials.hasResponse() ? TLS_PENDING : null;
  }

  /**
   * EPC-14, 15: a 200 with non-zero expiry creates the association or replaces it with the flow's
   * current TLS session and IMPUs; EPC-41: a 200 to a deregistration of the flow's binding leaves no
   * IMPU on it, so the association goes.
   */
  private void associate(WicFlow flow, SipRequest request, String impi, SipResponse ok) {
    FlowRegistration registration = results.remember(flow, request, impi, null, ok);
    if (registration == null) {
      associations.removeFlow(flow.id());
      return;
    }
    List<String> impus = registration.associatedUris();
    if (impus.isEmpty()) {
      try {
        impus = List.of(request.to().uri().toString());
      } catch (SipParseException e) {
        log.debug("To not parsed: {}", e.reason());
      }
    }
    associations.store(new TlsAssociation(flow.id(), flow.remote().getAddress().getHostAddress(),
        flow.remote().getPort(), flow.tlsSessionId(), impi, impus));
  }

  /** EPC-43: the association lives as long as its connection. */
  public void onClose(WicFlow flow) {
    associations.removeFlow(flow.id());
    warnedFlows.remove(flow.id());
  }
}
