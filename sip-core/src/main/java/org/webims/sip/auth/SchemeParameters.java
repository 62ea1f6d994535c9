package org.webims.sip.auth;

import org.webims.sip.syntax.Parameters;

/**
 * What the auth-param based views share (RFC 7235 §2.1): a scheme and its parameters, compared and
 * written the same way. Subclasses add the typed accessors of their scheme.
 */
abstract class SchemeParameters {

  private final String scheme;
  final Parameters parameters;

  SchemeParameters(String scheme, Parameters parameters) {
    this.scheme = scheme;
    this.parameters = parameters;
  }

  /** The parameters with raw values (quoted ones keep their quotes). */
  public Parameters parameters() {
    return parameters;
  }

  public AuthValue toAuthValue() {
    return AuthValue.of(scheme, parameters);
  }

  @Override
  public boolean equals(Object o) {
    return o != null && o.getClass() == getClass() && ((SchemeParameters) o).parameters.equals(parameters);
  }

  @Override
  public int hashCode() {
    return parameters.hashCode();
  }

  /** The header value, for example {@code Digest realm="...", nonce="..."}. */
  @Override
  public String toString() {
    return toAuthValue().toString();
  }
}
