package org.webims.sip.auth;

import org.webims.sip.ParseProblem;
import org.webims.sip.SipParseException;
import org.webims.sip.syntax.Parameters;
import org.webims.sip.syntax.Quoting;

/**
 * The Bearer challenge of RFC 8898 §2.1.1 and RFC 6750 §3: {@code realm}, {@code scope},
 * {@code authz_server} (the authorization server's https URL) and {@code error}.
 */
public final class BearerChallenge extends SchemeParameters {

  private BearerChallenge(Parameters parameters) {
    super("Bearer", parameters);
  }

  public static BearerChallenge from(AuthValue value) throws SipParseException {
    if (!value.isScheme("Bearer") || value.token68() != null) {
      throw new SipParseException(ParseProblem.BAD_HEADER, "Bad Bearer challenge");
    }
    return new BearerChallenge(value.parameters());
  }

  public static Builder builder() {
    return new Builder();
  }

  public String realm() {
    return parameters.unquoted("realm");
  }

  public String scope() {
    return parameters.unquoted("scope");
  }

  /** The authorization server URL the client must check against its trusted list (RFC 8898 §2.1.1). */
  public String authzServer() {
    return parameters.unquoted("authz_server");
  }

  /** For example {@code invalid_token} or {@code insufficient_scope} (RFC 6750 §3.1). */
  public String error() {
    return parameters.unquoted("error");
  }

  public String errorDescription() {
    return parameters.unquoted("error_description");
  }

  /** Builds a challenge; every value is quoted as RFC 6750 §3 requires. */
  public static final class Builder {
    private Parameters p = Parameters.EMPTY;

    private Builder() {
    }

    private Builder set(String name, String value) {
      p = value == null ? p.without(name) : p.with(name, Quoting.quote(value));
      return this;
    }

    public Builder realm(String v) {
      return set("realm", v);
    }

    public Builder scope(String v) {
      return set("scope", v);
    }

    public Builder authzServer(String v) {
      return set("authz_server", v);
    }

    public Builder error(String v) {
      return set("error", v);
    }

    public Builder errorDescription(String v) {
      return set("error_description", v);
    }

    public BearerChallenge build() {
      return new BearerChallenge(p);
    }
  }
}
