package org.webims.epcscf.registration;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.webims.epcscf.terminating.PathRequests;
import org.webims.epcscf.websocket.WicFlow;
import org.webims.epcscf.websocket.WicMessageHandler;
import org.webims.sip.SipParseException;
import org.webims.sip.auth.AuthValue;
import org.webims.sip.auth.DigestCredentials;
import org.webims.sip.message.HeaderNames;
import org.webims.sip.message.SipRequest;
import org.webims.sip.message.SipResponse;

/**
 * TS 24.371 6.1: picks the scenario of a WIC's REGISTER by its credentials. Bearer goes to
 * {@link TrustedNodeAuthentication} (scenario 2), Digest to {@link SipDigestWithTls} (scenario 1).
 * A REGISTER without credentials (EPC-22) goes to the S-CSCF as scenario 1 when scenario 1 is
 * offered, so an ordinary SIP UA gets the S-CSCF's Digest challenges beside the Bearer challenge;
 * otherwise it gets the Bearer challenge alone, as does any other scheme. Other requests, ACK and
 * CANCEL among them, go to the proxy core with {@link OriginatingRequests} deciding (EPC-16, 17, 60).
 */
public final class WicRequests implements WicMessageHandler {

  private static final Logger log = LoggerFactory.getLogger(WicRequests.class);

  private final TrustedNodeAuthentication trustedNode;
  private final SipDigestWithTls digest;
  private final OriginatingRequests originating;
  private final Registrations registrations;
  private volatile PathRequests path;

  /** @param digest scenario 1, or null when it is not offered ({@code webims.epcscf.digest.enabled=false}) */
  public WicRequests(TrustedNodeAuthentication trustedNode, SipDigestWithTls digest, OriginatingRequests originating,
      Registrations registrations) {
    this.trustedNode = trustedNode;
    this.digest = digest;
    this.originating = originating;
    this.registrations = registrations;
  }

  @Override
  public void onRequest(WicFlow flow, SipRequest request) {
    try {
      if (!request.isMethod(SipRequest.REGISTER)) {
        if (trustedNode == null || request.isMethod(SipRequest.ACK) || request.isMethod(SipRequest.CANCEL)) {
          // RFC 3261 §22.1: neither can be challenged or resent; they belong to an INVITE already let through.
          // Without scenario 2 (layer tests) no token is checked; the credentials are dropped all the same.
          originating.onRequest(flow, request);
        } else {
          trustedNode.checkBearer(flow, request, () -> originating.onRequest(flow, request)); // EPC-64
        }
        return;
      }
      if (request.maxForwards() == 0) {
        flow.send(RegisterResults.answer(request, 483, null).build()); // RFC 3261 §16.3 step 3
        return;
      }
      if (digest == null) {
        trustedNode.register(flow, request); // a token-only W2 endpoint: Bearer or the Bearer challenge
        return;
      }
      if (request.authValues(HeaderNames.AUTHORIZATION).isEmpty()) {
        digest.registerWithoutCredentials(flow, request, trustedNode.bearerChallenge()); // EPC-22
        return;
      }
      DigestCredentials credentials = digestOnly(request);
      if (credentials != null) {
        digest.register(flow, request, credentials);
      } else {
        trustedNode.register(flow, request);
      }
    } catch (SipParseException e) {
      flow.send(RegisterResults.answer(request, 400, e.reason()).build());
    }
  }

  /** The Digest credentials of a REGISTER that offers no Bearer ones, else null. */
  private static DigestCredentials digestOnly(SipRequest request) throws SipParseException {
    AuthValue digest = null;
    for (AuthValue v : request.authValues(HeaderNames.AUTHORIZATION)) {
      if (v.isScheme("Bearer")) {
        return null;
      }
      if (digest == null && v.isScheme("Digest")) {
        digest = v;
      }
    }
    return digest == null ? null : DigestCredentials.from(digest);
  }

  /** Responses of WICs to requests relayed on their Path (EPC-33) go to {@code path}. */
  public void relayResponsesTo(PathRequests path) {
    this.path = path;
  }

  @Override
  public void onResponse(WicFlow flow, SipResponse response) {
    PathRequests p = path;
    if (p == null) {
      log.debug("response from WIC on flow {} dropped: no requests toward WICs", flow.id());
      return;
    }
    p.onWicResponse(flow, response);
  }

  @Override
  public void onClose(WicFlow flow) {
    PathRequests p = path;
    if (p != null) {
      p.onFlowClosed(flow);
    }
    registrations.removeFlow(flow.id(), Removal.FLOW_LOST); // EPC-43; the reg-event subscription ends with it
    if (digest != null) {
      digest.onClose(flow);
    }
  }
}
