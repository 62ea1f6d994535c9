package org.webims.sip.message;

import java.util.ArrayList;
import java.util.List;
import org.webims.sip.ParseProblem;
import org.webims.sip.SipParseException;
import org.webims.sip.auth.AuthValue;
import org.webims.sip.header.Address;
import org.webims.sip.header.CSeq;
import org.webims.sip.header.Contact;
import org.webims.sip.header.ContentType;
import org.webims.sip.header.Event;
import org.webims.sip.header.HeaderValues;
import org.webims.sip.header.PChargingVector;
import org.webims.sip.header.PVisitedNetworkId;
import org.webims.sip.header.SubscriptionState;
import org.webims.sip.header.Via;
import org.webims.sip.syntax.ReadOnlyList;
import org.webims.sip.syntax.SipChars;

/**
 * The typed header views of one {@link SipMessage} (RFC 3261 §20 and the IMS extensions), and
 * {@link #validate}, which parses them all. Parsed on first access and kept: the message is immutable, so a view never goes stale, and
 * validate() and every handler after it share one parse. Each view is an immutable value (final
 * fields; lists unmodifiable), so a plain field publishes it safely (JLS §17.5): a thread that
 * races another sees null and parses once more, never half a view. A header that does not parse
 * is not cached and fails on every access.
 */
final class HeaderViews {

  private final SipMessage message;

  HeaderViews(SipMessage message) {
    this.message = message;
  }

  private List<Via> vias;
  private Via topVia;
  private Address from;
  private Address to;
  private String callId;
  private CSeq cseq;
  private List<Contact> contacts;
  private List<Address> routes;
  private List<Address> recordRoutes;
  private List<Address> paths;
  private List<Address> serviceRoutes;
  private List<Address> pAssociatedUris;
  private List<String> supported;
  private List<String> require;
  private Event event;
  private SubscriptionState subscriptionState;
  private ContentType contentType;
  private List<PVisitedNetworkId> pVisitedNetworkIds;
  private PChargingVector pChargingVector;
  private List<AuthValue> authorization;

  List<Via> vias() throws SipParseException {
    List<Via> v = vias;
    if (v == null) {
      List<Via> list = new ArrayList<>(2);
      for (Header h : message.headers) {
        if (h.is(HeaderNames.VIA)) {
          list.addAll(Via.parseList(h.value()));
        }
      }
      Via top = topVia;
      if (top != null && !list.isEmpty()) {
        list.set(0, top); // one instance for one Via, whichever accessor came first
      }
      vias = v = shared(list);
    }
    return v;
  }

  /** The topmost Via, the one that identifies the transaction (RFC 3261 §17.1.3). */
  Via topVia() throws SipParseException {
    Via v = topVia;
    if (v == null) {
      List<Via> all = vias;
      if (all != null && !all.isEmpty()) {
        v = all.get(0);
      } else {
        String first = message.header(HeaderNames.VIA);
        if (first == null) {
          throw new SipParseException(ParseProblem.BAD_HEADER_COUNT, "Missing Via");
        }
        v = Via.parseList(first).get(0);
      }
      topVia = v;
    }
    return v;
  }

  Address from() throws SipParseException {
    Address v = from;
    if (v == null) {
      from = v = Address.parse(message.single(HeaderNames.FROM), HeaderNames.FROM);
    }
    return v;
  }

  Address to() throws SipParseException {
    Address v = to;
    if (v == null) {
      to = v = Address.parse(message.single(HeaderNames.TO), HeaderNames.TO);
    }
    return v;
  }

  String callId() throws SipParseException {
    String v = callId;
    if (v == null) {
      callId = v = HeaderValues.callId(message.single(HeaderNames.CALL_ID));
    }
    return v;
  }

  CSeq cseq() throws SipParseException {
    CSeq v = cseq;
    if (v == null) {
      cseq = v = CSeq.parse(message.single(HeaderNames.CSEQ));
    }
    return v;
  }

  /** Max-Forwards, or -1 when absent. */
  int maxForwards() throws SipParseException {
    String v = message.optional(HeaderNames.MAX_FORWARDS);
    return v == null ? -1 : HeaderValues.maxForwards(v);
  }

  /** The Expires header in seconds, or -1 when absent. */
  long expires() throws SipParseException {
    String v = message.optional(HeaderNames.EXPIRES);
    return v == null ? -1 : HeaderValues.deltaSeconds(v, HeaderNames.EXPIRES);
  }

  /** Every Contact value; a single {@link Contact#WILDCARD} for {@code Contact: *}. */
  List<Contact> contacts() throws SipParseException {
    List<Contact> v = contacts;
    if (v == null) {
      List<Contact> list = new ArrayList<>(1);
      for (Header h : message.headers) {
        if (h.is(HeaderNames.CONTACT)) {
          list.addAll(Contact.parseList(h.value()));
        }
      }
      for (int i = 0; i < list.size(); i++) {
        if (list.get(i).isWildcard() && list.size() > 1) {
          throw new SipParseException(ParseProblem.BAD_NAME_ADDR, "Bad Contact: '*' must stand alone");
        }
      }
      contacts = v = shared(list);
    }
    return v;
  }

  /** The addresses of a list header such as Route, Record-Route, Path, Service-Route, P-Associated-URI. */
  List<Address> addresses(String name) throws SipParseException {
    if (SipChars.equalsIgnoreCase(name, HeaderNames.ROUTE)) {
      return routes();
    } else if (SipChars.equalsIgnoreCase(name, HeaderNames.RECORD_ROUTE)) {
      return recordRoutes();
    } else if (SipChars.equalsIgnoreCase(name, HeaderNames.PATH)) {
      return paths();
    } else if (SipChars.equalsIgnoreCase(name, HeaderNames.SERVICE_ROUTE)) {
      return serviceRoutes();
    } else if (SipChars.equalsIgnoreCase(name, HeaderNames.P_ASSOCIATED_URI)) {
      return pAssociatedUris();
    }
    return parseAddresses(name);
  }

  private List<Address> parseAddresses(String name) throws SipParseException {
    List<Address> list = new ArrayList<>(2);
    for (Header h : message.headers) {
      if (h.is(name)) {
        list.addAll(Address.parseList(h.value(), name));
      }
    }
    return shared(list);
  }

  List<Address> routes() throws SipParseException {
    List<Address> v = routes;
    if (v == null) {
      routes = v = parseAddresses(HeaderNames.ROUTE);
    }
    return v;
  }

  List<Address> recordRoutes() throws SipParseException {
    List<Address> v = recordRoutes;
    if (v == null) {
      recordRoutes = v = parseAddresses(HeaderNames.RECORD_ROUTE);
    }
    return v;
  }

  List<Address> paths() throws SipParseException {
    List<Address> v = paths;
    if (v == null) {
      paths = v = parseAddresses(HeaderNames.PATH);
    }
    return v;
  }

  List<Address> serviceRoutes() throws SipParseException {
    List<Address> v = serviceRoutes;
    if (v == null) {
      serviceRoutes = v = parseAddresses(HeaderNames.SERVICE_ROUTE);
    }
    return v;
  }

  List<Address> pAssociatedUris() throws SipParseException {
    List<Address> v = pAssociatedUris;
    if (v == null) {
      pAssociatedUris = v = parseAddresses(HeaderNames.P_ASSOCIATED_URI);
    }
    return v;
  }

  /** Option tags of Supported, Require, Proxy-Require or Unsupported, across all lines. */
  List<String> optionTags(String name) throws SipParseException {
    if (SipChars.equalsIgnoreCase(name, HeaderNames.SUPPORTED)) {
      return supported();
    } else if (SipChars.equalsIgnoreCase(name, HeaderNames.REQUIRE)) {
      return require();
    }
    return parseOptionTags(name);
  }

  private List<String> parseOptionTags(String name) throws SipParseException {
    List<String> tags = new ArrayList<>(4);
    for (Header h : message.headers) {
      if (h.is(name)) {
        tags.addAll(HeaderValues.optionTags(h.value(), name));
      }
    }
    return shared(tags);
  }

  List<String> supported() throws SipParseException {
    List<String> v = supported;
    if (v == null) {
      supported = v = parseOptionTags(HeaderNames.SUPPORTED);
    }
    return v;
  }

  List<String> require() throws SipParseException {
    List<String> v = require;
    if (v == null) {
      require = v = parseOptionTags(HeaderNames.REQUIRE);
    }
    return v;
  }

  /** Event, or null when absent. */
  Event event() throws SipParseException {
    Event v = event;
    if (v == null) {
      String text = message.optional(HeaderNames.EVENT);
      event = v = text == null ? null : Event.parse(text);
    }
    return v;
  }

  /** Subscription-State, or null when absent. */
  SubscriptionState subscriptionState() throws SipParseException {
    SubscriptionState v = subscriptionState;
    if (v == null) {
      String text = message.optional(HeaderNames.SUBSCRIPTION_STATE);
      subscriptionState = v = text == null ? null : SubscriptionState.parse(text);
    }
    return v;
  }

  /** Content-Type, or null when absent. */
  ContentType contentType() throws SipParseException {
    ContentType v = contentType;
    if (v == null) {
      String text = message.optional(HeaderNames.CONTENT_TYPE);
      contentType = v = text == null ? null : ContentType.parse(text);
    }
    return v;
  }

  List<PVisitedNetworkId> pVisitedNetworkIds() throws SipParseException {
    List<PVisitedNetworkId> v = pVisitedNetworkIds;
    if (v == null) {
      List<PVisitedNetworkId> list = new ArrayList<>(1);
      for (Header h : message.headers) {
        if (h.is(HeaderNames.P_VISITED_NETWORK_ID)) {
          list.addAll(PVisitedNetworkId.parseList(h.value()));
        }
      }
      pVisitedNetworkIds = v = shared(list);
    }
    return v;
  }

  /** P-Charging-Vector, or null when absent. */
  PChargingVector pChargingVector() throws SipParseException {
    PChargingVector v = pChargingVector;
    if (v == null) {
      String text = message.optional(HeaderNames.P_CHARGING_VECTOR);
      pChargingVector = v = text == null ? null : PChargingVector.parse(text);
    }
    return v;
  }

  /**
   * Every challenge or credentials value of an authentication header (Authorization,
   * Proxy-Authorization, WWW-Authenticate, Proxy-Authenticate), across lines and within a line.
   * Authorization, the one a registrar reads after validate(), is kept.
   */
  List<AuthValue> authValues(String name) throws SipParseException {
    boolean authorizationHeader = SipChars.equalsIgnoreCase(name, HeaderNames.AUTHORIZATION);
    List<AuthValue> v = authorizationHeader ? authorization : null;
    if (v == null) {
      List<AuthValue> list = new ArrayList<>(1);
      for (Header h : message.headers) {
        if (h.is(name)) {
          list.addAll(AuthValue.parseList(h.value(), name));
        }
      }
      v = shared(list);
      if (authorizationHeader) {
        authorization = v;
      }
    }
    return v;
  }

  /** A parsed list as handed to every reader of the message: unmodifiable. */
  private static <T> List<T> shared(List<T> list) {
    return ReadOnlyList.copyOf(list);
  }

  /**
   * Checks what every element relies on (RFC 3261 §8.2, §16.3): the mandatory headers are present
   * once and well formed, numbers are in range, CSeq matches the method, every typed header this
   * library knows parses, Date is GMT.
   */
  void validate() throws SipParseException {
    vias();
    if (!message.hasHeader(HeaderNames.VIA)) {
      throw new SipParseException(ParseProblem.BAD_HEADER_COUNT, "Missing Via");
    }
    from();
    to();
    callId();
    cseq();
    maxForwards();
    expires();
    contacts();
    routes();
    recordRoutes();
    paths();
    serviceRoutes();
    pAssociatedUris();
    supported();
    require();
    optionTags(HeaderNames.PROXY_REQUIRE);
    event();
    subscriptionState();
    contentType();
    pVisitedNetworkIds();
    pChargingVector();
    authValues(HeaderNames.AUTHORIZATION);
    authValues(HeaderNames.PROXY_AUTHORIZATION);
    authValues(HeaderNames.WWW_AUTHENTICATE);
    authValues(HeaderNames.PROXY_AUTHENTICATE);
    String date = message.optional(HeaderNames.DATE);
    if (date != null) {
      HeaderValues.checkDate(date);
    }
    message.optional(HeaderNames.CONTENT_LENGTH);
  }
}
