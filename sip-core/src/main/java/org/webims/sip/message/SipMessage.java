package org.webims.sip.message;

import org.webims.sip.syntax.Utf8;
import java.util.ArrayList;
import java.util.Arrays;
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
import org.webims.sip.syntax.Scanner;
import org.webims.sip.syntax.SipChars;

/**
 * An immutable SIP message (RFC 3261 §7): start line, header lines in order, body. Typed header
 * views are parsed on demand from the stored text, so a proxy that only reads Via and CSeq pays for
 * nothing else. Every accessor that parses throws {@link SipParseException} on bad input.
 */
public abstract class SipMessage {

  static final byte[] NO_BODY = new byte[0];

  final Header[] headers;
  final byte[] body;

  SipMessage(Header[] headers, byte[] body) {
    this.headers = headers;
    this.body = body;
  }

  public abstract boolean isRequest();

  /** The start line without CRLF. */
  public abstract String startLine();

  // ---- generic header access

  public List<Header> headers() {
    return ReadOnlyList.view(headers);
  }

  /** The value of the first header line of that name, or null. */
  public String header(String name) {
    for (Header h : headers) {
      if (h.is(name)) {
        return h.value();
      }
    }
    return null;
  }

  public boolean hasHeader(String name) {
    return header(name) != null;
  }

  /** The values of every header line of that name, one per line, not split at commas. */
  public List<String> headerLines(String name) {
    List<String> values = new ArrayList<>(2);
    for (Header h : headers) {
      if (h.is(name)) {
        values.add(h.value());
      }
    }
    return values;
  }

  /** The values of every line of a list header, split at top-level commas (RFC 3261 §7.3.1). */
  public List<String> headerValues(String name) throws SipParseException {
    List<String> values = new ArrayList<>(2);
    for (Header h : headers) {
      if (h.is(name)) {
        values.addAll(Scanner.splitList(h.value(), ParseProblem.BAD_HEADER, name));
      }
    }
    return values;
  }

  /** The value of a header that must appear exactly once. */
  String single(String name) throws SipParseException {
    String found = null;
    for (Header h : headers) {
      if (h.is(name)) {
        if (found != null) {
          throw new SipParseException(ParseProblem.BAD_HEADER_COUNT, "Bad " + name + ": more than one");
        }
        found = h.value();
      }
    }
    if (found == null) {
      throw new SipParseException(ParseProblem.BAD_HEADER_COUNT, "Missing " + name);
    }
    return found;
  }

  /** The value of a header allowed at most once, or null. */
  String optional(String name) throws SipParseException {
    return hasHeader(name) ? single(name) : null;
  }

  // ---- typed views (RFC 3261 §20 and the IMS extensions)
  //
  // Parsed on first access and kept: the message is immutable, so a view never goes stale, and
  // validate() and every handler after it share one parse. Each view is an immutable value (final
  // fields; lists unmodifiable), so a plain field publishes it safely (JLS §17.5): a thread that
  // races another sees null and parses once more, never half a view. A header that does not parse
  // is not cached and fails on every access.

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

  public List<Via> vias() throws SipParseException {
    List<Via> v = vias;
    if (v == null) {
      List<Via> list = new ArrayList<>(2);
      for (Header h : headers) {
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
  public Via topVia() throws SipParseException {
    Via v = topVia;
    if (v == null) {
      List<Via> all = vias;
      if (all != null && !all.isEmpty()) {
        v = all.get(0);
      } else {
        String first = header(HeaderNames.VIA);
        if (first == null) {
          throw new SipParseException(ParseProblem.BAD_HEADER_COUNT, "Missing Via");
        }
        v = Via.parseList(first).get(0);
      }
      topVia = v;
    }
    return v;
  }

  public Address from() throws SipParseException {
    Address v = from;
    if (v == null) {
      from = v = Address.parse(single(HeaderNames.FROM), HeaderNames.FROM);
    }
    return v;
  }

  public Address to() throws SipParseException {
    Address v = to;
    if (v == null) {
      to = v = Address.parse(single(HeaderNames.TO), HeaderNames.TO);
    }
    return v;
  }

  public String callId() throws SipParseException {
    String v = callId;
    if (v == null) {
      callId = v = HeaderValues.callId(single(HeaderNames.CALL_ID));
    }
    return v;
  }

  public CSeq cseq() throws SipParseException {
    CSeq v = cseq;
    if (v == null) {
      cseq = v = CSeq.parse(single(HeaderNames.CSEQ));
    }
    return v;
  }

  /** Max-Forwards, or -1 when absent. */
  public int maxForwards() throws SipParseException {
    String v = optional(HeaderNames.MAX_FORWARDS);
    return v == null ? -1 : HeaderValues.maxForwards(v);
  }

  /** The Expires header in seconds, or -1 when absent. */
  public long expires() throws SipParseException {
    String v = optional(HeaderNames.EXPIRES);
    return v == null ? -1 : HeaderValues.deltaSeconds(v, HeaderNames.EXPIRES);
  }

  /** Every Contact value; a single {@link Contact#WILDCARD} for {@code Contact: *}. */
  public List<Contact> contacts() throws SipParseException {
    List<Contact> v = contacts;
    if (v == null) {
      List<Contact> list = new ArrayList<>(1);
      for (Header h : headers) {
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
  public List<Address> addresses(String name) throws SipParseException {
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
    for (Header h : headers) {
      if (h.is(name)) {
        list.addAll(Address.parseList(h.value(), name));
      }
    }
    return shared(list);
  }

  public List<Address> routes() throws SipParseException {
    List<Address> v = routes;
    if (v == null) {
      routes = v = parseAddresses(HeaderNames.ROUTE);
    }
    return v;
  }

  public List<Address> recordRoutes() throws SipParseException {
    List<Address> v = recordRoutes;
    if (v == null) {
      recordRoutes = v = parseAddresses(HeaderNames.RECORD_ROUTE);
    }
    return v;
  }

  public List<Address> paths() throws SipParseException {
    List<Address> v = paths;
    if (v == null) {
      paths = v = parseAddresses(HeaderNames.PATH);
    }
    return v;
  }

  public List<Address> serviceRoutes() throws SipParseException {
    List<Address> v = serviceRoutes;
    if (v == null) {
      serviceRoutes = v = parseAddresses(HeaderNames.SERVICE_ROUTE);
    }
    return v;
  }

  public List<Address> pAssociatedUris() throws SipParseException {
    List<Address> v = pAssociatedUris;
    if (v == null) {
      pAssociatedUris = v = parseAddresses(HeaderNames.P_ASSOCIATED_URI);
    }
    return v;
  }

  /** Option tags of Supported, Require, Proxy-Require or Unsupported, across all lines. */
  public List<String> optionTags(String name) throws SipParseException {
    if (SipChars.equalsIgnoreCase(name, HeaderNames.SUPPORTED)) {
      return supported();
    } else if (SipChars.equalsIgnoreCase(name, HeaderNames.REQUIRE)) {
      return require();
    }
    return parseOptionTags(name);
  }

  private List<String> parseOptionTags(String name) throws SipParseException {
    List<String> tags = new ArrayList<>(4);
    for (Header h : headers) {
      if (h.is(name)) {
        tags.addAll(HeaderValues.optionTags(h.value(), name));
      }
    }
    return shared(tags);
  }

  public List<String> supported() throws SipParseException {
    List<String> v = supported;
    if (v == null) {
      supported = v = parseOptionTags(HeaderNames.SUPPORTED);
    }
    return v;
  }

  public List<String> require() throws SipParseException {
    List<String> v = require;
    if (v == null) {
      require = v = parseOptionTags(HeaderNames.REQUIRE);
    }
    return v;
  }

  /** Event, or null when absent. */
  public Event event() throws SipParseException {
    Event v = event;
    if (v == null) {
      String text = optional(HeaderNames.EVENT);
      event = v = text == null ? null : Event.parse(text);
    }
    return v;
  }

  /** Subscription-State, or null when absent. */
  public SubscriptionState subscriptionState() throws SipParseException {
    SubscriptionState v = subscriptionState;
    if (v == null) {
      String text = optional(HeaderNames.SUBSCRIPTION_STATE);
      subscriptionState = v = text == null ? null : SubscriptionState.parse(text);
    }
    return v;
  }

  /** Content-Type, or null when absent. */
  public ContentType contentType() throws SipParseException {
    ContentType v = contentType;
    if (v == null) {
      String text = optional(HeaderNames.CONTENT_TYPE);
      contentType = v = text == null ? null : ContentType.parse(text);
    }
    return v;
  }

  public List<PVisitedNetworkId> pVisitedNetworkIds() throws SipParseException {
    List<PVisitedNetworkId> v = pVisitedNetworkIds;
    if (v == null) {
      List<PVisitedNetworkId> list = new ArrayList<>(1);
      for (Header h : headers) {
        if (h.is(HeaderNames.P_VISITED_NETWORK_ID)) {
          list.addAll(PVisitedNetworkId.parseList(h.value()));
        }
      }
      pVisitedNetworkIds = v = shared(list);
    }
    return v;
  }

  /** P-Charging-Vector, or null when absent. */
  public PChargingVector pChargingVector() throws SipParseException {
    PChargingVector v = pChargingVector;
    if (v == null) {
      String text = optional(HeaderNames.P_CHARGING_VECTOR);
      pChargingVector = v = text == null ? null : PChargingVector.parse(text);
    }
    return v;
  }

  /**
   * Every challenge or credentials value of an authentication header (Authorization,
   * Proxy-Authorization, WWW-Authenticate, Proxy-Authenticate), across lines and within a line.
   * Authorization, the one a registrar reads after validate(), is kept.
   */
  public List<AuthValue> authValues(String name) throws SipParseException {
    boolean authorizationHeader = SipChars.equalsIgnoreCase(name, HeaderNames.AUTHORIZATION);
    List<AuthValue> v = authorizationHeader ? authorization : null;
    if (v == null) {
      List<AuthValue> list = new ArrayList<>(1);
      for (Header h : headers) {
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

  // ---- body

  /** The body bytes (a copy, so the message stays immutable). */
  public byte[] body() {
    return body.clone();
  }

  public int bodyLength() {
    return body.length;
  }

  public String bodyAsString() {
    return body.length == 0 ? "" : Utf8.decode(body);
  }

  // ---- validation

  /**
   * Checks what every element relies on (RFC 3261 §8.2, §16.3): the mandatory headers are present
   * once and well formed, numbers are in range, CSeq matches the method, every typed header this
   * library knows parses, Date is GMT.
   */
  public void validate() throws SipParseException {
    vias();
    if (!hasHeader(HeaderNames.VIA)) {
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
    String date = optional(HeaderNames.DATE);
    if (date != null) {
      HeaderValues.checkDate(date);
    }
    optional(HeaderNames.CONTENT_LENGTH);
  }

  // ---- serialization

  /** The message as text, for a WebSocket text message (RFC 7118 §5.1). */
  public String encode() {
    StringBuilder sb = new StringBuilder(estimateSize());
    appendHead(sb);
    if (body.length > 0) {
      sb.append(Utf8.decode(body));
    }
    return sb.toString();
  }

  /** The message as bytes, for TCP or UDP. */
  public byte[] toBytes() {
    byte[] ascii = asciiBytes();
    if (ascii != null) {
      return ascii;
    }
    StringBuilder sb = new StringBuilder(estimateSize());
    appendHead(sb);
    byte[] head = Utf8.encode(sb.toString());
    if (body.length == 0) {
      return head;
    }
    byte[] out = new byte[head.length + body.length];
    System.arraycopy(head, 0, out, 0, head.length);
    System.arraycopy(body, 0, out, head.length, body.length);
    return out;
  }

  /**
   * Writes the message straight into one array when its head is ASCII (nearly always): no
   * intermediate String. Null when a non-ASCII character needs the UTF-8 path.
   */
  private byte[] asciiBytes() {
    String start = startLine();
    int size = start.length() + 4 + body.length;
    for (Header h : headers) {
      size += h.name().length() + h.value().length() + 4;
    }
    byte[] out = new byte[size];
    int o = put(start, out, 0);
    if (o < 0) {
      return null;
    }
    out[o++] = '\r';
    out[o++] = '\n';
    for (Header h : headers) {
      o = put(h.name(), out, o);
      if (o < 0) {
        return null;
      }
      out[o++] = ':';
      out[o++] = ' ';
      o = put(h.value(), out, o);
      if (o < 0) {
        return null;
      }
      out[o++] = '\r';
      out[o++] = '\n';
    }
    out[o++] = '\r';
    out[o++] = '\n';
    System.arraycopy(body, 0, out, o, body.length);
    return out;
  }

  /** Copies ASCII {@code s} into {@code out} at {@code o}; returns the new offset, or -1 on non-ASCII. */
  private static int put(String s, byte[] out, int o) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c >= 0x80) {
        return -1;
      }
      out[o++] = (byte) c;
    }
    return o;
  }

  private int estimateSize() {
    int n = 64 + body.length;
    for (Header h : headers) {
      n += h.name().length() + h.value().length() + 4;
    }
    return n;
  }

  private void appendHead(StringBuilder sb) {
    sb.append(startLine()).append("\r\n");
    for (Header h : headers) {
      sb.append(h.name()).append(": ").append(h.value()).append("\r\n");
    }
    sb.append("\r\n");
  }

  /** Only the start line: a message may carry credentials, so printing one must not leak them. */
  @Override
  public String toString() {
    return startLine();
  }

  boolean sameContent(SipMessage other) {
    return Arrays.equals(headers, other.headers) && Arrays.equals(body, other.body);
  }

  @Override
  public int hashCode() {
    return startLine().hashCode() * 31 + Arrays.hashCode(headers);
  }
}
