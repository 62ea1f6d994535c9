package org.webims.sip.auth;

import java.util.ArrayList;
import java.util.List;
import org.webims.sip.ParseProblem;
import org.webims.sip.SipParseException;
import org.webims.sip.syntax.Parameters;
import org.webims.sip.syntax.Scanner;
import org.webims.sip.syntax.SipChars;

/**
 * One challenge or one set of credentials as RFC 7235 §2.1 writes both:
 * {@code auth-scheme [ 1*SP ( token68 / #auth-param ) ]}. Used for WWW-Authenticate,
 * Proxy-Authenticate, Authorization and Proxy-Authorization; one header value may hold several
 * challenges, which {@link #parseList} separates.
 */
public final class AuthValue {

  private final String scheme;
  private final String token68;
  private final Parameters parameters;

  AuthValue(String scheme, String token68, Parameters parameters) {
    this.scheme = scheme;
    this.token68 = token68;
    this.parameters = parameters;
  }

  /** The scheme as written, for example {@code Digest} or {@code Bearer}. */
  public String scheme() {
    return scheme;
  }

  public boolean isScheme(String name) {
    return SipChars.equalsIgnoreCase(scheme, name);
  }

  /** The token68 (RFC 6750 b64token) when the value has one instead of parameters, or null. */
  public String token68() {
    return token68;
  }

  /** The auth-params with raw values (quoted ones keep their quotes). */
  public Parameters parameters() {
    return parameters;
  }

  /** Parses a header value into the challenges or credentials it holds, in order. */
  public static List<AuthValue> parseList(String value, String what) throws SipParseException {
    Scanner s = new Scanner(value, ParseProblem.BAD_HEADER, what);
    List<AuthValue> list = new ArrayList<>(1);
    skipCommas(s);
    while (!s.atEnd()) {
      list.add(parseOne(s));
      skipCommas(s);
    }
    if (list.isEmpty()) {
      throw s.error("no authentication scheme");
    }
    return list;
  }

  private static void skipCommas(Scanner s) {
    s.skipWhitespace();
    while (s.consume(',')) {
      s.skipWhitespace();
    }
  }

  private static AuthValue parseOne(Scanner s) throws SipParseException {
    String scheme = s.token();
    int mark = s.position();
    s.skipWhitespace();
    if (s.atEnd() || s.peek() == ',') {
      return new AuthValue(scheme, null, Parameters.EMPTY);
    }
    if (s.position() == mark) {
      throw s.error("expected whitespace after scheme");
    }
    int start = s.position();
    String token68 = b64token(s);
    if (token68 != null) {
      return new AuthValue(scheme, token68, Parameters.EMPTY);
    }
    s.position(start);
    List<String> pairs = new ArrayList<>(16);
    while (true) {
      String name = s.token();
      if (!s.consumeSeparator('=')) {
        throw s.error("expected '=' after a parameter name");
      }
      String value = s.peek() == '"' ? s.quotedStringRaw() : s.token();
      pairs.add(name);
      pairs.add(value);
      s.skipWhitespace();
      if (!s.consume(',')) {
        break;
      }
      // After a comma comes either another auth-param or the scheme of the next challenge.
      int next = s.position();
      skipCommas(s);
      if (s.atEnd()) {
        break;
      }
      int paramStart = s.position();
      s.token();
      s.skipWhitespace();
      boolean isParam = s.peek() == '=';
      s.position(isParam ? paramStart : next);
      if (!isParam) {
        break;
      }
    }
    return new AuthValue(scheme, null, Parameters.of(pairs));
  }

  /** Reads a token68 if the text at the cursor is one (and not {@code name=value}); else null. */
  private static String b64token(Scanner s) {
    int start = s.position();
    String text = s.text();
    while (!s.atEnd()) {
      char c = s.peek();
      if (SipChars.isAlpha(c) || SipChars.isDigit(c) || c == '-' || c == '.' || c == '_' || c == '~'
          || c == '+' || c == '/') {
        s.next();
      } else {
        break;
      }
    }
    if (s.position() == start) {
      return null;
    }
    int end = s.position();
    while (s.peek() == '=') {
      s.next();
      end = s.position();
    }
    s.skipWhitespace();
    if (s.atEnd() || s.peek() == ',') {
      return text.substring(start, end);
    }
    return null;
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof AuthValue)) {
      return false;
    }
    AuthValue a = (AuthValue) o;
    return SipChars.equalsIgnoreCase(scheme, a.scheme) && parameters.equals(a.parameters)
        && (token68 == null ? a.token68 == null : token68.equals(a.token68));
  }

  @Override
  public int hashCode() {
    return SipChars.toLowerAscii(scheme).hashCode() * 31 + parameters.hashCode();
  }

  /** {@code scheme token68} or {@code scheme p1=v1, p2=v2}. */
  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder(128).append(scheme);
    if (token68 != null) {
      return sb.append(' ').append(token68).toString();
    }
    for (int i = 0; i < parameters.size(); i++) {
      sb.append(i == 0 ? " " : ", ").append(parameters.name(i)).append('=').append(parameters.value(i));
    }
    return sb.toString();
  }

  static AuthValue of(String scheme, Parameters parameters) {
    return new AuthValue(scheme, null, parameters);
  }

  static AuthValue ofToken68(String scheme, String token68) {
    return new AuthValue(scheme, token68, Parameters.EMPTY);
  }
}
