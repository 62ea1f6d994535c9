package org.webims.sip.message;

import org.webims.sip.syntax.Utf8;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
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
import org.webims.sip.syntax.Scanner;

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
    return Collections.unmodifiableList(Arrays.asList(headers));
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

  public List<Via> vias() throws SipParseException {
    List<Via> list = new ArrayList<>(2);
    for (Header h : headers) {
      if (h.is(HeaderNames.VIA)) {
        list.addAll(Via.parseList(h.value()));
      }
    }
    return list;
  }

  /** The topmost Via, the one that identifies the transaction (RFC 3261 §17.1.3). */
  public Via topVia() throws SipParseException {
    String first = header(HeaderNames.VIA);
    if (first == null) {
      throw new SipParseException(ParseProblem.BAD_HEADER_COUNT, "Missing Via");
    }
    return Via.parseList(first).get(0);
  }

  public Address from() throws SipParseException {
    return Address.parse(single(HeaderNames.FROM), HeaderNames.FROM);
  }

  public Address to() throws SipParseException {
    return Address.parse(single(HeaderNames.TO), HeaderNames.TO);
  }

  public String callId() throws SipParseException {
    return HeaderValues.callId(single(HeaderNames.CALL_ID));
  }

  public CSeq cseq() throws SipParseException {
    return CSeq.parse(single(HeaderNames.CSEQ));
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
    return list;
  }

  /** The addresses of a list header such as Route, Record-Route, Path, Service-Route, P-Associated-URI. */
  public List<Address> addresses(String name) throws SipParseException {
    List<Address> list = new ArrayList<>(2);
    for (Header h : headers) {
      if (h.is(name)) {
        list.addAll(Address.parseList(h.value(), name));
      }
    }
    return list;
  }

  public List<Address> routes() throws SipParseException {
    return addresses(HeaderNames.ROUTE);
  }

  public List<Address> recordRoutes() throws SipParseException {
    return addresses(HeaderNames.RECORD_ROUTE);
  }

  public List<Address> paths() throws SipParseException {
    return addresses(HeaderNames.PATH);
  }

  public List<Address> serviceRoutes() throws SipParseException {
    return addresses(HeaderNames.SERVICE_ROUTE);
  }

  public List<Address> pAssociatedUris() throws SipParseException {
    return addresses(HeaderNames.P_ASSOCIATED_URI);
  }

  /** Option tags of Supported, Require, Proxy-Require or Unsupported, across all lines. */
  public List<String> optionTags(String name) throws SipParseException {
    List<String> tags = new ArrayList<>(4);
    for (Header h : headers) {
      if (h.is(name)) {
        tags.addAll(HeaderValues.optionTags(h.value(), name));
      }
    }
    return tags;
  }

  public List<String> supported() throws SipParseException {
    return optionTags(HeaderNames.SUPPORTED);
  }

  public List<String> require() throws SipParseException {
    return optionTags(HeaderNames.REQUIRE);
  }

  /** Event, or null when absent. */
  public Event event() throws SipParseException {
    String v = optional(HeaderNames.EVENT);
    return v == null ? null : Event.parse(v);
  }

  /** Subscription-State, or null when absent. */
  public SubscriptionState subscriptionState() throws SipParseException {
    String v = optional(HeaderNames.SUBSCRIPTION_STATE);
    return v == null ? null : SubscriptionState.parse(v);
  }

  /** Content-Type, or null when absent. */
  public ContentType contentType() throws SipParseException {
    String v = optional(HeaderNames.CONTENT_TYPE);
    return v == null ? null : ContentType.parse(v);
  }

  public List<PVisitedNetworkId> pVisitedNetworkIds() throws SipParseException {
    List<PVisitedNetworkId> list = new ArrayList<>(1);
    for (Header h : headers) {
      if (h.is(HeaderNames.P_VISITED_NETWORK_ID)) {
        list.addAll(PVisitedNetworkId.parseList(h.value()));
      }
    }
    return list;
  }

  /** P-Charging-Vector, or null when absent. */
  public PChargingVector pChargingVector() throws SipParseException {
    String v = optional(HeaderNames.P_CHARGING_VECTOR);
    return v == null ? null : PChargingVector.parse(v);
  }

  /**
   * Every challenge or credentials value of an authentication header (Authorization,
   * Proxy-Authorization, WWW-Authenticate, Proxy-Authenticate), across lines and within a line.
   */
  public List<AuthValue> authValues(String name) throws SipParseException {
    List<AuthValue> list = new ArrayList<>(1);
    for (Header h : headers) {
      if (h.is(name)) {
        list.addAll(AuthValue.parseList(h.value(), name));
      }
    }
    return list;
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
