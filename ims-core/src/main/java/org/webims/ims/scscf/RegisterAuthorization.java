package org.webims.ims.scscf;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.security.SecureRandom;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.webims.ims.config.ImsProperties;
import org.webims.ims.hss.Subscriber;
import org.webims.ims.hss.SubscriberRepository;
import org.webims.sip.SipParseException;
import org.webims.sip.auth.AuthValue;
import org.webims.sip.auth.DigestCredentials;
import org.webims.sip.header.Via;
import org.webims.sip.message.HeaderNames;
import org.webims.sip.message.SipRequest;
import org.webims.sip.uri.Uri;

/**
 * TS 24.229 §5.4.1.1 / TS 33.203 Annex U: the one place that decides whether a REGISTER may bind,
 * and for which subscriber. Trusted Node Authentication: SCS-05
 * ({@code integrity-protected="auth-done"} believed only from a trusted node), SCS-06 (the WAF
 * identity must be allowed for the subscriber) and SCS-06a (a subscriber that lists allowed WAFs
 * refuses a REGISTER that names none). Anything else (no Digest credentials, or an
 * integrity-protected value other than auth-done) goes to the SIP Digest challenge (SCS-01..04).
 */
public final class RegisterAuthorization {

  /** TS 24.229 §7.2A.2: the P-CSCF authenticated the user itself (TNA). */
  public static final String AUTH_DONE = "auth-done";
  /** draft-holmberg-sipcore-auth-id: the WAF that vouched for the user (EPC-25). */
  public static final String AUTHORIZATION_ENTITY = "authorization-entity";

  static final String UNTRUSTED_NODE = "Untrusted node";
  static final String UNKNOWN_IMPI = "Unknown private identity";
  static final String IMPU_NOT_OWNED = "Public identity not associated with private identity";
  static final String WAF_NOT_ALLOWED = "WAF not allowed for this subscriber";
  static final String WAF_REQUIRED = "WAF identity required for this subscriber";

  private final SubscriberRepository hss;
  private final List<InetAddress> trustedNodes;
  private final SipDigestAuthentication digest;

  /**
   * @param realm the Digest realm, the home domain the HSS's H(A1) values were computed in
   * @param clock the clock of nonce lifetimes and failure windows
   */
  public RegisterAuthorization(SubscriberRepository hss, List<InetAddress> trustedNodes, String realm,
      ImsProperties.Digest digest, InstantSource clock) {
    this.hss = hss;
    this.trustedNodes = List.copyOf(trustedNodes);
    this.digest = new SipDigestAuthentication(realm, digest, clock, new SecureRandom());
  }

  /** Resolves the configured trusted node addresses once, at start. */
  public static List<InetAddress> resolve(List<String> names) {
    List<InetAddress> out = new ArrayList<>(names.size());
    for (String name : names) {
      try {
        out.add(InetAddress.getByName(name.trim()));
      } catch (UnknownHostException e) {
        throw new IllegalArgumentException("webims.ims.trusted-nodes: cannot resolve " + name, e);
      }
    }
    return out;
  }

  /** SCS-05: a sender whose assertions (auth-done, P-Asserted-Identity) are believed. */
  public boolean isTrustedNode(InetAddress source) {
    return trustedNodes.contains(source);
  }

  /** Decides for {@code request}, which arrived from {@code source}, reading the HSS itself. */
  public AuthorizationVerdict check(SipRequest request, InetAddress source) throws SipParseException {
    return check(request, source, this.hss);
  }

  /**
   * The HSS answer {@code request} needs, read now: it blocks on the database, so the S-CSCF calls
   * it on an executor and then {@link #check(SipRequest, InetAddress, SubscriberRepository)} on the loop.
   */
  public SubscriberRepository lookUp(SipRequest request) {
    return lookUp(request, HeaderNames.AUTHORIZATION);
  }

  /**
   * SCS-34: an originating request from a phone registered here by SIP Digest, without a P-CSCF's
   * P-Asserted-Identity: its Proxy-Authorization answers a 407 challenge (RFC 3261 §22.3), from the
   * same nonces and failure counts as the REGISTER's, and its IMPI must own the From identity. The
   * HSS answer comes from {@link #lookUpOriginating}, read off the loop.
   */
  public AuthorizationVerdict checkOriginating(SipRequest request, InetAddress source, SubscriberRepository hss)
      throws SipParseException {
    return digest.authenticate(request, digestCredentials(request, HeaderNames.PROXY_AUTHORIZATION),
        source.getHostAddress(), hss, request.from().uri());
  }

  /** What {@link #checkOriginating} needs of the HSS, read now (it blocks). */
  public SubscriberRepository lookUpOriginating(SipRequest request) {
    return lookUp(request, HeaderNames.PROXY_AUTHORIZATION);
  }

  private SubscriberRepository lookUp(SipRequest request, String header) {
    String impi;
    try {
      DigestCredentials credentials = digestCredentials(request, header);
      impi = credentials == null ? null : credentials.username();
    } catch (SipParseException e) {
      return LookedUpSubscriber.NOTHING; // check() answers the malformed header
    }
    return impi == null ? LookedUpSubscriber.NOTHING : new LookedUpSubscriber(impi, hss.findByImpi(impi));
  }

  /** Decides for {@code request}, which arrived from {@code source}, with subscribers from {@code hss}. */
  public AuthorizationVerdict check(SipRequest request, InetAddress source, SubscriberRepository hss)
      throws SipParseException {
    DigestCredentials credentials = digestCredentials(request, HeaderNames.AUTHORIZATION);
    if (credentials == null || !AUTH_DONE.equals(credentials.integrityProtected())) {
      return digest.authenticate(request, credentials, client(request, source), hss, request.to().uri());
    }
    if (!trustedNodes.contains(source)) {
      return new AuthorizationVerdict.Refused(403, UNTRUSTED_NODE);
    }
    Optional<Subscriber> found = hss.findByImpi(credentials.username());
    if (found.isEmpty()) {
      return new AuthorizationVerdict.Refused(403, UNKNOWN_IMPI);
    }
    Subscriber subscriber = found.get();
    Uri to = request.to().uri();
    String impu = subscriber.impuMatching(to);
    if (impu == null) {
      return new AuthorizationVerdict.Refused(403, IMPU_NOT_OWNED);
    }
    String waf = credentials.parameters().unquoted(AUTHORIZATION_ENTITY);
    if (!subscriber.allowsWaf(waf)) {
      // SCS-06a: fails closed; a subscriber that names its WAFs is not registered on an unnamed one's word.
      return new AuthorizationVerdict.Refused(403, waf == null ? WAF_REQUIRED : WAF_NOT_ALLOWED);
    }
    return new AuthorizationVerdict.Authorized(subscriber, impu);
  }

  /**
   * The address guessing is counted against: the packet source, except behind a trusted node (the
   * eP-CSCF), where it is the UE's address the eP-CSCF wrote into the bottom Via (RFC 3581
   * {@code received}, else its sent-by host); otherwise every user behind one eP-CSCF would share
   * one count. A Via from an untrusted sender is not believed.
   */
  private String client(SipRequest request, InetAddress source) throws SipParseException {
    List<Via> vias = request.vias();
    if (vias.size() < 2 || !trustedNodes.contains(source)) {
      return source.getHostAddress();
    }
    Via ue = vias.get(vias.size() - 1);
    return ue.received() != null ? ue.received() : ue.host();
  }

  private static DigestCredentials digestCredentials(SipRequest request, String header) throws SipParseException {
    for (AuthValue value : request.authValues(header)) {
      if (value.isScheme("Digest")) {
        return DigestCredentials.from(value);
      }
    }
    return null;
  }
}
