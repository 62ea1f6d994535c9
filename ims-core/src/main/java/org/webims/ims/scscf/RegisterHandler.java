package org.webims.ims.scscf;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.webims.ims.config.ImsProperties;
import org.webims.ims.hss.Subscriber;
import org.webims.ims.hss.SubscriberRepository;
import org.webims.server.events.Event;
import org.webims.sip.SipParseException;
import org.webims.sip.auth.DigestChallenge;
import org.webims.sip.header.Address;
import org.webims.sip.header.Contact;
import org.webims.sip.message.HeaderNames;
import org.webims.sip.message.SipRequest;
import org.webims.sip.message.SipResponse;
import org.webims.sip.reginfo.ContactIdentity;
import org.webims.sip.uri.SipUri;
import org.webims.sip.uri.Uri;

/**
 * The S-CSCF's REGISTER processing (RFC 3261 §10.3, TS 24.229 §5.4.1.2.2, §5.4.1.4): authorizes
 * through {@link RegisterAuthorization} (SCS-05, SCS-06; a 401 challenge for SCS-01..04), applies the contacts to the implicit
 * registration set all-or-nothing (SCS-08, SCS-09), and answers 200 with Path, Service-Route,
 * P-Associated-URI and the charging headers (SCS-07). Runs on the SIP event loop.
 */
public final class RegisterHandler {

  /** Option tags this registrar implements (RFC 3327 Path, RFC 5626 outbound). */
  static final List<String> SUPPORTED = List.of("path", "outbound");
  static final String SUPPORTED_HEADER = "path, outbound";
  /** 403, not 503: the request is understood and refused by policy; retrying elsewhere would not help. */
  static final String TOO_MANY_BINDINGS = "Too many registrations for this public identity";

  private final Registrar registrar;
  private final RegisterAuthorization authorization;
  private final ImsProperties.Registrar config;
  private final String serviceRoute;

  public RegisterHandler(Registrar registrar, RegisterAuthorization authorization, ImsProperties.Registrar config) {
    this.registrar = registrar;
    this.authorization = authorization;
    this.config = config;
    this.serviceRoute = "<" + config.serviceRoute() + ">";
  }

  /** Answers a REGISTER that arrived from {@code source}, reading the HSS itself (socket-free tests). */
  public SipResponse register(SipRequest request, InetAddress source) throws SipParseException {
    return register(request, source, null);
  }

  /**
   * Answers a REGISTER that arrived from {@code source}; the request has passed {@code validate()}.
   * {@code hss} holds what {@link RegisterAuthorization#lookUp} read off the loop; null reads the HSS. A refusal
   * (a final response above 299 but a 401 challenge, the first step of Digest) is a {@code register.refused} event,
   * limited per status: the IMPU, the sender and the reason phrase, never the credentials.
   */
  public SipResponse register(SipRequest request, InetAddress source, SubscriberRepository hss)
      throws SipParseException {
    SipResponse response = answer(request, source, hss);
    int status = response.statusCode();
    if (status >= 300 && status != 401) {
      registrar.events().refusal(Event.of("register.refused").with("impu", request.to().uri().toString())
          .with("source", source == null ? null : source.getHostAddress()).with(Event.REASON, Integer.toString(status))
          .with("phrase", response.reasonPhrase()));
    }
    return response;
  }

  private SipResponse answer(SipRequest request, InetAddress source, SubscriberRepository hss)
      throws SipParseException {
    List<String> unsupported = unsupported(request.require());
    if (!unsupported.isEmpty()) {
      return response(request, 420, null).header(HeaderNames.UNSUPPORTED, String.join(", ", unsupported)).build();
    }
    AuthorizationVerdict verdict = hss == null ? authorization.check(request, source)
        : authorization.check(request, source, hss);
    if (verdict instanceof AuthorizationVerdict.Refused refused) {
      SipResponse.Builder refusal = response(request, refused.status(), refused.reason());
      if (refused.retryAfterSeconds() > 0) {
        refusal.header(HeaderNames.RETRY_AFTER, Long.toString(refused.retryAfterSeconds()));
      }
      return refusal.build();
    }
    if (verdict instanceof AuthorizationVerdict.Challenged challenged) {
      SipResponse.Builder unauthorized = response(request, 401, null);
      for (DigestChallenge challenge : challenged.challenges()) {
        unauthorized.header(HeaderNames.WWW_AUTHENTICATE, challenge.toString());
      }
      return unauthorized.build();
    }
    AuthorizationVerdict.Authorized authorized = (AuthorizationVerdict.Authorized) verdict;
    Subscriber subscriber = authorized.subscriber();
    List<Binding> current = ownBindings(authorized.impu(), subscriber.impi());
    List<Change> changes = new ArrayList<>(2);
    SipResponse refusal = plan(request, subscriber.impi(), current, changes);
    if (refusal == null && exceedsCap(authorized.impu(), changes)) {
      refusal = response(request, 403, TOO_MANY_BINDINGS).build();
    }
    if (refusal != null) {
      return refusal;
    }
    boolean outbound = false;
    for (Change c : changes) {
      if (c.replacement == null) {
        registrar.remove(c.existing, "unregistered");
      } else {
        registrar.put(subscriber.impus(), c.existing, c.replacement);
        outbound |= c.replacement.isOutbound();
      }
    }
    return ok(request, subscriber, registrar.bindings(authorized.impu()), outbound);
  }

  /** A binding change: {@code existing} replaced by {@code replacement}, or removed when that is null. */
  private record Change(Binding existing, Binding replacement) {
  }

  /**
   * RFC 3261 §10.3 steps 6 and 7: works out every change before any is made, so a bad contact
   * leaves all bindings as they were. Returns the refusal, or null with {@code changes} filled in.
   */
  private SipResponse plan(SipRequest request, String impi, List<Binding> current, List<Change> changes)
      throws SipParseException {
    List<Contact> contacts = request.contacts();
    long headerExpires = request.expires();
    String callId = request.callId();
    long cseq = request.cseq().sequence();
    if (contacts.size() == 1 && contacts.get(0).isWildcard()) {
      if (headerExpires != 0) {
        return response(request, 400, "Wildcard Contact requires Expires: 0").build();
      }
      for (Binding b : current) {
        if (isOutOfOrder(b, callId, cseq)) {
          return outOfOrder(request);
        }
        changes.add(new Change(b, null));
      }
      return null;
    }
    List<String> path = request.headerValues(HeaderNames.PATH);
    boolean outboundCapable = request.vias().size() == 1 || edgeProxyHasOb(request.paths());
    long now = registrar.nowMillis();
    for (Contact contact : contacts) {
      long requested = contact.expires() >= 0 ? contact.expires()
          : headerExpires >= 0 ? headerExpires : config.defaultExpires();
      if (requested != 0 && requested < config.minExpires()) {
        return response(request, 423, null)
            .header(HeaderNames.MIN_EXPIRES, Long.toString(config.minExpires())).build();
      }
      String instance = contact.instance();
      int regId = instance != null && contact.regId() >= 0 && outboundCapable ? contact.regId() : -1;
      Binding existing = matching(current, contact, regId);
      if (existing != null && isOutOfOrder(existing, callId, cseq)) {
        return outOfOrder(request);
      }
      if (requested == 0) {
        if (existing != null) {
          changes.add(new Change(existing, null));
        }
        continue;
      }
      long granted = Math.min(requested, config.maxExpires());
      Address address = contact.address().withoutParameter("expires");
      changes.add(new Change(existing, new Binding(impi, address.toString(), address.uri().toString(), instance,
          regId, path, callId, cseq, now + granted * 1000)));
    }
    return null;
  }

  /**
   * Issue 12: true when {@code changes} add bindings and leave {@code impu} with more than the cap, so the
   * 200 (which lists every binding) stays small. Refreshes and RFC 5626 replacements (same instance and
   * reg-id, matched in {@link #matching}) add none, so a client at the cap can always re-register.
   */
  private boolean exceedsCap(String impu, List<Change> changes) {
    int added = 0;
    int removed = 0;
    for (Change c : changes) {
      if (c.existing == null && c.replacement != null) {
        added++;
      } else if (c.existing != null && c.replacement == null) {
        removed++;
      }
    }
    return added > 0 && registrar.bindings(impu).size() + added - removed > config.maxBindingsPerImpu();
  }

  /** RFC 3261 §10.3 step 7: a REGISTER of the same Call-ID with a CSeq not above the binding's fails. */
  private static boolean isOutOfOrder(Binding b, String callId, long cseq) {
    return b.callId().equals(callId) && cseq <= b.cseq();
  }

  private static SipResponse outOfOrder(SipRequest request) throws SipParseException {
    return response(request, 500, "Out-of-order CSeq for this Call-ID").build();
  }

  /**
   * The binding {@code contact} refreshes or replaces, by sip-core's one contact rule (RFC 5626 §6,
   * RFC 5627 §7.1.2.1, RFC 3261 §10.3 step 7). {@code regId} is the contact's reg-id as this
   * registrar takes it: -1 when the request came from no outbound-capable edge.
   */
  private static Binding matching(List<Binding> current, Contact contact, int regId) {
    ContactIdentity identity = ContactIdentity.of(contact.address().uri().toString(), contact.instance(), regId);
    for (Binding b : current) {
      if (identity.sameAs(ContactIdentity.of(b.uri(), b.instance(), b.regId()))) {
        return b;
      }
    }
    return null;
  }

  /**
   * RFC 5626 §6: with more than one Via the registrar treats a reg-id as an outbound flow only
   * when the edge proxy's Path URI (the last Path value, RFC 3327 §4.2) carries {@code ob}.
   */
  private static boolean edgeProxyHasOb(List<Address> paths) {
    if (paths.isEmpty()) {
      return false;
    }
    Uri edge = paths.get(paths.size() - 1).uri();
    return edge instanceof SipUri sip && sip.hasParameter("ob");
  }

  /** The bindings of {@code impu} that this IMPI's registrations made (a shared IMPU may have others). */
  private List<Binding> ownBindings(String impu, String impi) {
    List<Binding> own = new ArrayList<>(2);
    for (Binding b : registrar.bindings(impu)) {
      if (b.impi().equals(impi)) {
        own.add(b);
      }
    }
    return own;
  }

  /** SCS-07, RFC 3261 §10.3 step 8: the 200 lists every current contact of the To identity. */
  private SipResponse ok(SipRequest request, Subscriber subscriber, List<Binding> bindings, boolean outbound)
      throws SipParseException {
    SipResponse.Builder ok = response(request, 200, null);
    long now = registrar.nowMillis();
    for (Binding b : bindings) {
      ok.header(HeaderNames.CONTACT, b.contact() + ";expires=" + b.remainingSeconds(now));
    }
    for (String path : request.headerLines(HeaderNames.PATH)) {
      ok.header(HeaderNames.PATH, path);
    }
    if (!bindings.isEmpty()) {
      ok.header(HeaderNames.SERVICE_ROUTE, serviceRoute);
    }
    ok.header(HeaderNames.P_ASSOCIATED_URI, associatedUris(subscriber));
    if (outbound) {
      ok.header(HeaderNames.REQUIRE, "outbound");
    }
    ok.header(HeaderNames.SUPPORTED, SUPPORTED_HEADER);
    String vector = request.header(HeaderNames.P_CHARGING_VECTOR);
    if (vector != null) {
      ok.header(HeaderNames.P_CHARGING_VECTOR, vector);
    }
    if (config.chargingFunctionAddresses() != null && !config.chargingFunctionAddresses().isBlank()) {
      ok.header(HeaderNames.P_CHARGING_FUNCTION_ADDRESSES, config.chargingFunctionAddresses());
    }
    return ok.build();
  }

  /** RFC 7315 §4.1: every IMPU of the implicit set, the default one first (TS 24.229 §5.4.1.2.2). */
  private static String associatedUris(Subscriber subscriber) {
    StringBuilder sb = new StringBuilder(64);
    for (String impu : subscriber.impus()) {
      if (sb.length() > 0) {
        sb.append(", ");
      }
      sb.append('<').append(impu).append('>');
    }
    return sb.toString();
  }

  private static List<String> unsupported(List<String> required) {
    List<String> out = new ArrayList<>(0);
    for (String tag : required) {
      if (!SUPPORTED.contains(tag.toLowerCase(Locale.ROOT))) {
        out.add(tag);
      }
    }
    return out;
  }

  /** A final response with a To tag (RFC 3261 §8.2.6.2). */
  private static SipResponse.Builder response(SipRequest request, int status, String reason) throws SipParseException {
    return ScscfResponses.to(request, status, reason);
  }
}
