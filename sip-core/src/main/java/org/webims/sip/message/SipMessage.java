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
import org.webims.sip.header.PChargingVector;
import org.webims.sip.header.PVisitedNetworkId;
import org.webims.sip.header.SubscriptionState;
import org.webims.sip.header.Via;
import org.webims.sip.syntax.ReadOnlyList;
import org.webims.sip.syntax.Scanner;

/**
 * An immutable SIP message (RFC 3261 §7): start line, header lines in order, body. Typed header
 * views are parsed on demand from the stored text and kept ({@link HeaderViews}), so a proxy that
 * only reads Via and CSeq pays for nothing else; {@link MessageEncoder} writes it out. Every accessor that parses throws {@link SipParseException} on bad input.
 */
public abstract class SipMessage {

  static final byte[] NO_BODY = new byte[0];

  final Header[] headers;
  final byte[] body;
  /** The typed header views; it reads {@link #headers} only when first asked. */
  private final HeaderViews views = new HeaderViews(this);

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

  // ---- typed views (RFC 3261 §20 and the IMS extensions), parsed once and kept by HeaderViews

  public List<Via> vias() throws SipParseException {
    return views.vias();
  }

  /** The topmost Via, the one that identifies the transaction (RFC 3261 §17.1.3). */
  public Via topVia() throws SipParseException {
    return views.topVia();
  }

  public Address from() throws SipParseException {
    return views.from();
  }

  public Address to() throws SipParseException {
    return views.to();
  }

  public String callId() throws SipParseException {
    return views.callId();
  }

  public CSeq cseq() throws SipParseException {
    return views.cseq();
  }

  /** Max-Forwards, or -1 when absent. */
  public int maxForwards() throws SipParseException {
    return views.maxForwards();
  }

  /** The Expires header in seconds, or -1 when absent. */
  public long expires() throws SipParseException {
    return views.expires();
  }

  /** Every Contact value; a single {@link Contact#WILDCARD} for {@code Contact: *}. */
  public List<Contact> contacts() throws SipParseException {
    return views.contacts();
  }

  /** The addresses of a list header such as Route, Record-Route, Path, Service-Route, P-Associated-URI. */
  public List<Address> addresses(String name) throws SipParseException {
    return views.addresses(name);
  }

  public List<Address> routes() throws SipParseException {
    return views.routes();
  }

  public List<Address> recordRoutes() throws SipParseException {
    return views.recordRoutes();
  }

  public List<Address> paths() throws SipParseException {
    return views.paths();
  }

  public List<Address> serviceRoutes() throws SipParseException {
    return views.serviceRoutes();
  }

  public List<Address> pAssociatedUris() throws SipParseException {
    return views.pAssociatedUris();
  }

  /** Option tags of Supported, Require, Proxy-Require or Unsupported, across all lines. */
  public List<String> optionTags(String name) throws SipParseException {
    return views.optionTags(name);
  }

  public List<String> supported() throws SipParseException {
    return views.supported();
  }

  public List<String> require() throws SipParseException {
    return views.require();
  }

  /** Event, or null when absent. */
  public Event event() throws SipParseException {
    return views.event();
  }

  /** Subscription-State, or null when absent. */
  public SubscriptionState subscriptionState() throws SipParseException {
    return views.subscriptionState();
  }

  /** Content-Type, or null when absent. */
  public ContentType contentType() throws SipParseException {
    return views.contentType();
  }

  public List<PVisitedNetworkId> pVisitedNetworkIds() throws SipParseException {
    return views.pVisitedNetworkIds();
  }

  /** P-Charging-Vector, or null when absent. */
  public PChargingVector pChargingVector() throws SipParseException {
    return views.pChargingVector();
  }

  /**
   * Every challenge or credentials value of an authentication header (Authorization,
   * Proxy-Authorization, WWW-Authenticate, Proxy-Authenticate), across lines and within a line.
   * Authorization, the one a registrar reads after validate(), is kept.
   */
  public List<AuthValue> authValues(String name) throws SipParseException {
    return views.authValues(name);
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
    views.validate();
  }

  // ---- serialization

  /** The message as text, for a WebSocket text message (RFC 7118 §5.1). */
  public String encode() {
    return MessageEncoder.encode(this);
  }

  /** The message as bytes, for TCP or UDP. */
  public byte[] toBytes() {
    return MessageEncoder.toBytes(this);
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
