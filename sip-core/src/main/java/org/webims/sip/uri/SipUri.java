package org.webims.sip.uri;

import java.util.ArrayList;
import java.util.List;
import org.webims.sip.ParseProblem;
import org.webims.sip.SipParseException;
import org.webims.sip.syntax.Parameters;
import org.webims.sip.syntax.SipChars;

/**
 * A SIP or SIPS URI (RFC 3261 §19.1, grammar §25.1). User, password and parameter values are kept
 * as written (escapes included) so that serializing reproduces the input; the host keeps the
 * brackets of an IPv6 reference.
 */
public final class SipUri implements Uri {

  private static final String USER_EXTRA = "&=+$,;?/";
  private static final String PASSWORD_EXTRA = "&=+$,";
  private static final String PARAM_EXTRA = "[]/:&+$";
  private static final String HEADER_EXTRA = "[]/?:+$";

  private final boolean secure;
  private final String user;
  private final String password;
  private final String host;
  private final int port;
  private final Parameters parameters;
  private final String headers;
  private String text;

  private SipUri(Builder b) {
    this.secure = b.secure;
    this.user = b.user;
    this.password = b.password;
    this.host = b.host;
    this.port = b.port;
    this.parameters = b.parameters;
    this.headers = b.headers;
  }

  public static Builder builder() {
    return new Builder();
  }

  /** {@code sip:user@host}; user may be null. */
  public static SipUri of(String user, String host) {
    return builder().user(user).host(host).build();
  }

  public Builder toBuilder() {
    Builder b = new Builder();
    b.secure = secure;
    b.user = user;
    b.password = password;
    b.host = host;
    b.port = port;
    b.parameters = parameters;
    b.headers = headers;
    return b;
  }

  @Override
  public String scheme() {
    return secure ? "sips" : "sip";
  }

  public boolean isSecure() {
    return secure;
  }

  /** The user part as written (escapes kept), or null. */
  public String user() {
    return user;
  }

  public String password() {
    return password;
  }

  /** Host name, IPv4 address, or IPv6 reference with its brackets. */
  public String host() {
    return host;
  }

  /** The port, or -1 when the URI names none. */
  public int port() {
    return port;
  }

  public Parameters parameters() {
    return parameters;
  }

  public String parameter(String name) {
    return parameters.get(name);
  }

  public boolean hasParameter(String name) {
    return parameters.has(name);
  }

  /** The {@code ?h=v&...} part without the question mark, or null. */
  public String headers() {
    return headers;
  }

  /** The {@code transport} parameter in lower case, or null. */
  public String transport() {
    String t = parameters.get("transport");
    return t == null ? null : SipChars.toLowerAscii(t);
  }

  public SipUri withParameter(String name, String value) {
    return toBuilder().parameters(parameters.with(name, value)).build();
  }

  public SipUri withoutParameter(String name) {
    return toBuilder().parameters(parameters.without(name)).build();
  }

  public static SipUri parse(String text) throws SipParseException {
    int colon = text.indexOf(':');
    boolean secure;
    if (colon == 3 && SipChars.startsWithIgnoreCase(text, 0, "sip")) {
      secure = false;
    } else if (colon == 4 && SipChars.startsWithIgnoreCase(text, 0, "sips")) {
      secure = true;
    } else {
      throw bad("not a sip or sips URI");
    }
    Builder b = builder().secure(secure);
    int pos = colon + 1;
    int end = text.length();
    // '@' cannot appear unescaped after the userinfo (RFC 3261 §25.1), so the first one ends it.
    int at = text.indexOf('@', pos);
    if (at >= 0) {
      int pw = text.indexOf(':', pos);
      int userEnd = pw >= 0 && pw < at ? pw : at;
      b.user = checkChars(text, pos, userEnd, USER_EXTRA, "user");
      if (b.user.isEmpty()) {
        throw bad("empty user");
      }
      if (userEnd == pw) {
        b.password = checkChars(text, pw + 1, at, PASSWORD_EXTRA, "password");
      }
      pos = at + 1;
    }
    int hostEnd;
    if (pos < end && text.charAt(pos) == '[') {
      hostEnd = text.indexOf(']', pos);
      if (hostEnd < 0) {
        throw bad("unterminated IPv6 reference");
      }
      hostEnd++;
      checkIpv6(text, pos + 1, hostEnd - 1);
    } else {
      hostEnd = pos;
      while (hostEnd < end) {
        char c = text.charAt(hostEnd);
        if (c == ':' || c == ';' || c == '?') {
          break;
        }
        if (!(SipChars.isAlpha(c) || SipChars.isDigit(c) || c == '-' || c == '.')) {
          throw bad("invalid character in host");
        }
        hostEnd++;
      }
      if (hostEnd == pos) {
        throw bad("empty host");
      }
    }
    b.host = text.substring(pos, hostEnd);
    pos = hostEnd;
    if (pos < end && text.charAt(pos) == ':') {
      int portEnd = pos + 1;
      while (portEnd < end && SipChars.isDigit(text.charAt(portEnd))) {
        portEnd++;
      }
      try {
        b.port = (int) SipChars.parseDecimal(text, pos + 1, portEnd, 65535, "port");
      } catch (SipParseException e) {
        throw new SipParseException(e.problem() == ParseProblem.SCALAR_OVERFLOW
            ? ParseProblem.SCALAR_OVERFLOW : ParseProblem.BAD_URI, "Bad URI: invalid port");
      }
      pos = portEnd;
    }
    List<String> params = null;
    while (pos < end && text.charAt(pos) == ';') {
      int nameEnd = pos + 1;
      while (nameEnd < end && "=;?".indexOf(text.charAt(nameEnd)) < 0) {
        nameEnd++;
      }
      String name = checkChars(text, pos + 1, nameEnd, PARAM_EXTRA, "parameter");
      if (name.isEmpty()) {
        throw bad("empty parameter name");
      }
      String value = null;
      pos = nameEnd;
      if (pos < end && text.charAt(pos) == '=') {
        int valueEnd = pos + 1;
        while (valueEnd < end && ";?".indexOf(text.charAt(valueEnd)) < 0) {
          valueEnd++;
        }
        value = checkChars(text, pos + 1, valueEnd, PARAM_EXTRA, "parameter");
        if (value.isEmpty()) {
          throw bad("empty parameter value");
        }
        pos = valueEnd;
      }
      if (params == null) {
        params = new ArrayList<>(6);
      }
      params.add(name);
      params.add(value);
    }
    if (params != null) {
      b.parameters = Parameters.of(params);
    }
    if (pos < end && text.charAt(pos) == '?') {
      b.headers = checkChars(text, pos + 1, end, HEADER_EXTRA + "=&", "headers");
      if (b.headers.isEmpty() || b.headers.indexOf('=') < 0) {
        throw bad("malformed headers");
      }
      pos = end;
    }
    if (pos != end) {
      throw bad("unexpected character");
    }
    SipUri uri = b.build();
    uri.text = text;
    return uri;
  }

  private static String checkChars(String text, int from, int to, String extra, String part)
      throws SipParseException {
    for (int i = from; i < to; i++) {
      char c = text.charAt(i);
      if (c == '%') {
        if (i + 2 >= to || !SipChars.isHexDigit(text.charAt(i + 1))
            || !SipChars.isHexDigit(text.charAt(i + 2))) {
          throw bad("invalid escape in " + part);
        }
        i += 2;
      } else if (!SipChars.isUnreserved(c) && extra.indexOf(c) < 0) {
        throw bad("invalid character in " + part);
      }
    }
    return text.substring(from, to);
  }

  private static void checkIpv6(String text, int from, int to) throws SipParseException {
    if (from == to) {
      throw bad("empty IPv6 reference");
    }
    for (int i = from; i < to; i++) {
      char c = text.charAt(i);
      if (!(SipChars.isHexDigit(c) || c == ':' || c == '.')) {
        throw bad("invalid IPv6 reference");
      }
    }
  }

  private static SipParseException bad(String detail) {
    return new SipParseException(ParseProblem.BAD_URI, "Bad URI: " + detail);
  }

  /** RFC 3261 §19.1.4 equivalence; the rules are in {@link UriEquivalence}. */
  @Override
  public boolean equals(Object o) {
    if (this == o) {
      return true;
    }
    if (!(o instanceof SipUri)) {
      return false;
    }
    SipUri u = (SipUri) o;
    return secure == u.secure && port == u.port && SipChars.equalsIgnoreCase(host, u.host)
        && eq(UriEquivalence.userinfo(user), UriEquivalence.userinfo(u.user))
        && eq(UriEquivalence.userinfo(password), UriEquivalence.userinfo(u.password))
        && UriEquivalence.sameParameters(parameters, u.parameters) && UriEquivalence.sameHeaders(headers, u.headers);
  }

  private static boolean eq(String a, String b) {
    return a == null ? b == null : a.equals(b);
  }

  /** From the parts every equivalent URI shares: user (escapes resolved), host, port. */
  @Override
  public int hashCode() {
    String u = UriEquivalence.userinfo(user);
    return (u == null ? 0 : u.hashCode()) * 31 + SipChars.toLowerAscii(host).hashCode() + port;
  }

  @Override
  public String toString() {
    String t = text;
    if (t == null) {
      StringBuilder sb = new StringBuilder(48);
      appendTo(sb);
      t = sb.toString();
      text = t;
    }
    return t;
  }

  public void appendTo(StringBuilder sb) {
    if (text != null) {
      sb.append(text);
      return;
    }
    sb.append(secure ? "sips:" : "sip:");
    if (user != null) {
      sb.append(user);
      if (password != null) {
        sb.append(':').append(password);
      }
      sb.append('@');
    }
    sb.append(host);
    if (port >= 0) {
      sb.append(':').append(port);
    }
    parameters.appendTo(sb);
    if (headers != null) {
      sb.append('?').append(headers);
    }
  }

  /** Builds a SIP URI; values are taken as already escaped. */
  public static final class Builder {
    private boolean secure;
    private String user;
    private String password;
    private String host;
    private int port = -1;
    private Parameters parameters = Parameters.EMPTY;
    private String headers;

    private Builder() {
    }

    public Builder secure(boolean secure) {
      this.secure = secure;
      return this;
    }

    public Builder user(String user) {
      this.user = user;
      return this;
    }

    public Builder password(String password) {
      this.password = password;
      return this;
    }

    public Builder host(String host) {
      this.host = host;
      return this;
    }

    public Builder port(int port) {
      this.port = port;
      return this;
    }

    public Builder parameter(String name, String value) {
      this.parameters = parameters.with(name, value);
      return this;
    }

    public Builder parameters(Parameters parameters) {
      this.parameters = parameters;
      return this;
    }

    public Builder headers(String headers) {
      this.headers = headers;
      return this;
    }

    public SipUri build() {
      if (host == null || host.isEmpty()) {
        throw new IllegalStateException("a SIP URI needs a host");
      }
      return new SipUri(this);
    }
  }
}
