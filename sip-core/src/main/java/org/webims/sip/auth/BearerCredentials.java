package org.webims.sip.auth;

import org.webims.sip.ParseProblem;
import org.webims.sip.SipParseException;

/**
 * Bearer credentials (RFC 8898 §2.1, RFC 6750 §2.1): {@code Bearer <token>}, and the
 * {@code Bearer access_token="<token>"} form of TS 24.371 Table A.3.2-1, which is accepted and
 * never produced.
 */
public final class BearerCredentials {

  private final String token;

  private BearerCredentials(String token) {
    this.token = token;
  }

  public static BearerCredentials of(String token) {
    return new BearerCredentials(token);
  }

  public static BearerCredentials from(AuthValue value) throws SipParseException {
    if (!value.isScheme("Bearer")) {
      throw new SipParseException(ParseProblem.BAD_HEADER, "Bad Bearer credentials");
    }
    String token = value.token68();
    if (token == null) {
      token = value.parameters().unquoted("access_token");
    }
    if (token == null || token.isEmpty()) {
      throw new SipParseException(ParseProblem.BAD_HEADER, "Bad Bearer credentials: no token");
    }
    return new BearerCredentials(token);
  }

  /** The access token. Never log it. */
  public String token() {
    return token;
  }

  public AuthValue toAuthValue() {
    return AuthValue.ofToken68("Bearer", token);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof BearerCredentials && ((BearerCredentials) o).token.equals(token);
  }

  @Override
  public int hashCode() {
    return token.hashCode();
  }

  /** Shows the token shortened, so that printing credentials never leaks one. */
  @Override
  public String toString() {
    return "Bearer " + (token.length() > 12 ? token.substring(0, 8) + "…" : "…");
  }

  /** The header value to send: {@code Bearer <token>}. */
  public String headerValue() {
    return "Bearer " + token;
  }
}
