package org.webims.epcscf.registration;

import java.net.URI;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Predicate;
import org.webims.epcscf.core.CoreProxy.CoreHop;
import org.webims.epcscf.token.AccessToken;
import org.webims.epcscf.websocket.WicFlow;
import org.webims.sip.SipParseException;
import org.webims.sip.auth.DigestCredentials;
import org.webims.sip.header.Contact;
import org.webims.sip.header.PChargingVector;
import org.webims.sip.header.PVisitedNetworkId;
import org.webims.sip.message.Header;
import org.webims.sip.message.HeaderNames;
import org.webims.sip.message.SipRequest;

/**
 * TS 33.203 U.2 / TS 24.371 A.3.2 step 4: turns a WIC REGISTER whose token validated into the
 * Trusted Node REGISTER of checklist §5.2 (EPC-04, 05, 07, 08, 24, 25). Scenario 1
 * ({@link SipDigestWithTls}) uses the same rewrite with the WIC's own Digest credentials in place of
 * the Trusted Node ones ({@link #rewrite(SipRequest, WicFlow, String)}). The eP-CSCF's own Via and
 * the decremented Max-Forwards are added by the proxy core ({@link org.webims.epcscf.core.CoreProxy}). Every Authorization and Proxy-Authorization
 * line of the WIC goes, so no Bearer credential reaches the core (EPC-26); so do header fields
 * only a trusted node may set (Path, P-Visited-Network-ID, P-Charging-*, P-Asserted-Identity).
 */
public final class TrustedNodeRegister {

  /** TS 24.229 7.2A.2: the UE was authenticated by a trusted node. */
  public static final String AUTH_DONE = "auth-done";

  private static final SecureRandom RANDOM = new SecureRandom();

  private final String homeDomain;
  private final String visitedNetworkId;
  private final boolean sendWafIdentity;
  private final CoreHop hop;

  public TrustedNodeRegister(String homeDomain, String visitedNetworkId, boolean sendWafIdentity, CoreHop hop) {
    this.homeDomain = homeDomain;
    this.visitedNetworkId = visitedNetworkId;
    this.sendWafIdentity = sendWafIdentity;
    this.hop = hop;
  }

  /**
   * The REGISTER to forward, in §5.2 header order: Path and Require go before Supported, the P-
   * headers and the Digest Authorization after it.
   *
   * @param request a validated REGISTER with Max-Forwards above zero
   */
  public SipRequest rewrite(SipRequest request, AccessToken token, WicFlow flow) throws SipParseException {
    return rewrite(request, flow, authorization(request, token));
  }

  /**
   * The rewrite both scenarios share (EPC-04, 05, 07, 08): Via, Path, Require,
   * P-Visited-Network-ID, a new P-Charging-Vector, and {@code authorization} as the only
   * Authorization line (none when null: a REGISTER without credentials, EPC-22).
   */
  public SipRequest rewrite(SipRequest request, WicFlow flow, String authorization) throws SipParseException {
    boolean singleVia = request.vias().size() == 1;
    boolean regId = false;
    for (Contact c : request.contacts()) {
      regId |= !c.isWildcard() && c.regId() >= 0;
    }
    List<String> require = request.require();
    boolean outbound = singleVia && regId;
    SipRequest.Builder out = towardCore(request, flow, name -> false, b -> addRouting(b, flow, outbound, require));
    out.header(HeaderNames.P_VISITED_NETWORK_ID, PVisitedNetworkId.of(visitedNetworkId).toString());
    out.header(HeaderNames.P_CHARGING_VECTOR, PChargingVector.of(newIcid()).toString());
    if (authorization != null) {
      out.header(HeaderNames.AUTHORIZATION, authorization);
    }
    return withBody(request, out).build();
  }

  /**
   * What every request from a WIC toward the core shares (EPC-04, 05): the WIC's Via stamped and
   * the header fields only a trusted node may set removed (Max-Forwards is the proxy core's, RFC 3261
   * §16.6 step 3), with those {@code alsoDropped} names. {@code beforeSupported}, when given, adds its
   * header fields once, in front of Supported or at the end. The caller adds its own fields, then
   * the body ({@link #withBody}).
   */
  static SipRequest.Builder towardCore(SipRequest request, WicFlow flow, Predicate<String> alsoDropped,
      Consumer<SipRequest.Builder> beforeSupported) throws SipParseException {
    SipRequest.Builder out = SipRequest.builder(request.method(), request.requestUri());
    boolean firstVia = true;
    boolean added = beforeSupported == null;
    for (Header h : request.headers()) {
      String name = h.name();
      if (name.equals(HeaderNames.VIA) && firstVia) {
        firstVia = false;
        // RFC 3581 §4 and RFC 3261 §18.2.1: received always, since the WIC's host is .invalid (EPC-04, 05).
        out.header(HeaderNames.VIA, Rfc3581.stamp(h.value(), flow.remote()));
        continue;
      }
      if (isDropped(name) || alsoDropped.test(name)) {
        continue;
      }
      if (name.equals(HeaderNames.SUPPORTED) && !added) {
        beforeSupported.accept(out);
        added = true;
      }
      out.header(name, h.value());
    }
    if (!added) {
      beforeSupported.accept(out);
    }
    return out;
  }

  /** The request's body, when it has one, after the header fields. */
  static SipRequest.Builder withBody(SipRequest request, SipRequest.Builder out) {
    String contentType = request.header(HeaderNames.CONTENT_TYPE);
    if (request.bodyLength() > 0 && contentType != null) {
      out.body(contentType, request.body());
    }
    return out;
  }

  /** EPC-24 (and EPC-25 when switched on): the Digest credentials of a Trusted Node REGISTER. */
  String authorization(SipRequest request, AccessToken token) {
    DigestCredentials.Builder d = DigestCredentials.builder()
        .username(token.impi())
        .realm(homeDomain)
        .uri(request.requestUri().toString())
        .nonce("")
        .response("")
        .integrityProtected(AUTH_DONE);
    if (sendWafIdentity) {
      d.parameter("authorization-entity", "\"" + wafIdentity(token.issuer()) + "\"");
    }
    return d.build().toString();
  }

  /** EPC-07 (RFC 3327 §5.2, RFC 5626 §5.1): a Path naming this flow; {@code ob} for an outbound REGISTER. */
  String path(WicFlow flow, boolean outbound) {
    return "<" + FlowRoute.uri(hop, flow.id()) + (outbound ? ";ob" : "") + ">";
  }

  private void addRouting(SipRequest.Builder out, WicFlow flow, boolean outbound, List<String> require) {
    out.header(HeaderNames.PATH, path(flow, outbound));
    StringBuilder tags = new StringBuilder();
    for (String tag : require) {
      if (!tag.equalsIgnoreCase("path")) {
        tags.append(tag).append(", ");
      }
    }
    out.header(HeaderNames.REQUIRE, tags.append("path").toString());
  }

  private static boolean isDropped(String name) {
    return name.equals(HeaderNames.AUTHORIZATION) || name.equals(HeaderNames.PROXY_AUTHORIZATION)
        || name.equals(HeaderNames.PATH) || name.equals(HeaderNames.REQUIRE)
        || name.equals(HeaderNames.P_VISITED_NETWORK_ID) || name.equals(HeaderNames.P_CHARGING_VECTOR)
        || name.equals(HeaderNames.P_CHARGING_FUNCTION_ADDRESSES) || name.equals(HeaderNames.P_ASSERTED_IDENTITY)
        || name.equals(HeaderNames.CONTENT_LENGTH) || name.equals(HeaderNames.CONTENT_TYPE);
  }

  /** The WAF identity of EPC-25: the host of the token's issuer URL. */
  static String wafIdentity(String issuer) {
    try {
      String host = URI.create(issuer).getHost();
      return host == null ? issuer : host;
    } catch (IllegalArgumentException e) {
      return issuer;
    }
  }

  /** RFC 7315 §4.6: an ICID unique across eP-CSCF nodes and restarts (128 random bits). */
  static String newIcid() {
    byte[] bytes = new byte[16];
    RANDOM.nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }
}
