package org.webims.sip.header;

import java.util.ArrayList;
import java.util.List;
import org.webims.sip.ParseProblem;
import org.webims.sip.SipParseException;
import org.webims.sip.syntax.Parameters;
import org.webims.sip.syntax.Quoting;
import org.webims.sip.syntax.Scanner;
import org.webims.sip.syntax.SipChars;
import org.webims.sip.uri.Uri;

/**
 * A name-addr or addr-spec with header parameters (RFC 3261 §20.10, §25.1): the value of From, To,
 * Contact, Route, Record-Route, Path (RFC 3327), Service-Route (RFC 3608) and P-Associated-URI
 * (RFC 7315). A URI written without angle brackets ends at the first {@code ;}, whose parameters
 * are header parameters.
 */
public final class Address {

  private final String displayName;
  private final Uri uri;
  private final Parameters parameters;

  private Address(String displayName, Uri uri, Parameters parameters) {
    this.displayName = displayName;
    this.uri = uri;
    this.parameters = parameters;
  }

  public static Address of(Uri uri) {
    return new Address(null, uri, Parameters.EMPTY);
  }

  public static Address of(String displayName, Uri uri, Parameters parameters) {
    return new Address(displayName, uri, parameters);
  }

  /** Parses one address; {@code what} names the header in error reasons. */
  public static Address parse(String value, String what) throws SipParseException {
    Scanner s = new Scanner(value, ParseProblem.BAD_NAME_ADDR, what);
    Address a = parse(s, what);
    s.expectEnd();
    return a;
  }

  /** Parses a comma-separated list of addresses (Route, Path, P-Associated-URI, ...). */
  public static List<Address> parseList(String value, String what) throws SipParseException {
    List<String> parts = Scanner.splitList(value, ParseProblem.BAD_NAME_ADDR, what);
    List<Address> list = new ArrayList<>(parts.size());
    for (int i = 0; i < parts.size(); i++) {
      list.add(parse(parts.get(i), what));
    }
    return list;
  }

  static Address parse(Scanner s, String what) throws SipParseException {
    s.skipWhitespace();
    String display = null;
    String text = s.text();
    char c = s.peek();
    boolean nameAddr;
    if (c == '"') {
      display = s.quotedString();
      s.skipWhitespace();
      nameAddr = true;
    } else if (c == '<') {
      nameAddr = true;
    } else {
      int lt = text.indexOf('<', s.position());
      nameAddr = lt >= 0;
      if (nameAddr) {
        int start = s.position();
        for (int i = start; i < lt; i++) {
          char d = text.charAt(i);
          if (!SipChars.isToken(d) && !SipChars.isWhitespace(d)) {
            throw s.error("display name must be a token or quoted");
          }
        }
        display = SipChars.trim(text.substring(start, lt));
        s.position(lt);
      }
    }
    Uri uri;
    if (nameAddr) {
      s.expect('<');
      int start = s.position();
      int gt = text.indexOf('>', start);
      if (gt < 0) {
        throw s.error("missing '>'");
      }
      uri = parseUri(text.substring(start, gt), s);
      s.position(gt + 1);
    } else {
      String spec = s.until(";,");
      if (spec.indexOf('?') >= 0) {
        throw s.error("a URI with '?' must be enclosed in <>");
      }
      uri = parseUri(spec, s);
    }
    Parameters params = s.parameters(",");
    return new Address(display, uri, params);
  }

  private static Uri parseUri(String text, Scanner s) throws SipParseException {
    for (int i = 0; i < text.length(); i++) {
      if (text.charAt(i) <= ' ') {
        throw s.error("whitespace in URI");
      }
    }
    try {
      return Uri.parse(text);
    } catch (SipParseException e) {
      throw s.error(e.reason());
    }
  }

  /** The display name without quotes, or null. */
  public String displayName() {
    return displayName;
  }

  public Uri uri() {
    return uri;
  }

  public Parameters parameters() {
    return parameters;
  }

  public String parameter(String name) {
    return parameters.get(name);
  }

  /** The {@code tag} parameter of From or To (RFC 3261 §19.3), or null. */
  public String tag() {
    return parameters.get("tag");
  }

  public Address withParameter(String name, String value) {
    return new Address(displayName, uri, parameters.with(name, value));
  }

  public Address withoutParameter(String name) {
    return new Address(displayName, uri, parameters.without(name));
  }

  public Address withTag(String tag) {
    return withParameter("tag", tag);
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof Address)) {
      return false;
    }
    Address a = (Address) o;
    return uri.equals(a.uri) && parameters.equals(a.parameters)
        && (displayName == null ? a.displayName == null : displayName.equals(a.displayName));
  }

  @Override
  public int hashCode() {
    return uri.hashCode() * 31 + parameters.hashCode();
  }

  /** Always the name-addr form, which is valid whatever the URI contains. */
  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder(64);
    if (displayName != null && !displayName.isEmpty()) {
      sb.append(Quoting.quote(displayName)).append(' ');
    }
    sb.append('<').append(uri).append('>');
    parameters.appendTo(sb);
    return sb.toString();
  }
}
