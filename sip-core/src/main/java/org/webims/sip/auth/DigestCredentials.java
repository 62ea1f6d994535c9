package org.webims.sip.auth;

import org.webims.sip.ParseProblem;
import org.webims.sip.SipParseException;
import org.webims.sip.syntax.Parameters;
import org.webims.sip.syntax.Quoting;

/**
 * Digest credentials of an Authorization or Proxy-Authorization value (RFC 7616 §3.4), including
 * the {@code integrity-protected} parameter a P-CSCF adds (TS 24.229 §7.2A.2). Unknown parameters
 * are kept, in order. Never log one: {@code toString()} is the header value, Digest response included.
 */
public final class DigestCredentials extends SchemeParameters {

  /** TS 24.229 §7.2A.2 parameter name. */
  public static final String INTEGRITY_PROTECTED = "integrity-protected";

  private DigestCredentials(Parameters parameters) {
    super("Digest", parameters);
  }

  public static DigestCredentials from(AuthValue value) throws SipParseException {
    if (!value.isScheme("Digest") || value.token68() != null) {
      throw new SipParseException(ParseProblem.BAD_HEADER, "Bad Digest credentials");
    }
    if (value.parameters().get("username") == null) {
      throw new SipParseException(ParseProblem.BAD_HEADER, "Bad Digest credentials: username required");
    }
    return new DigestCredentials(value.parameters());
  }

  public static Builder builder() {
    return new Builder(Parameters.EMPTY);
  }

  public Builder toBuilder() {
    return new Builder(parameters);
  }

  public String username() {
    return parameters.unquoted("username");
  }

  public String realm() {
    return parameters.unquoted("realm");
  }

  public String nonce() {
    return parameters.unquoted("nonce");
  }

  public String uri() {
    return parameters.unquoted("uri");
  }

  public String response() {
    return parameters.unquoted("response");
  }

  /** The algorithm token; MD5 when absent (RFC 7616 §3.4). */
  public String algorithm() {
    String a = parameters.unquoted("algorithm");
    return a == null ? "MD5" : a;
  }

  public String cnonce() {
    return parameters.unquoted("cnonce");
  }

  public String opaque() {
    return parameters.unquoted("opaque");
  }

  public String qop() {
    return parameters.unquoted("qop");
  }

  /** The nonce count as written, for example {@code 00000001}. */
  public String nc() {
    return parameters.unquoted("nc");
  }

  /** True when a response value is present and not empty (TS 24.229: "a challenge response"). */
  public boolean hasResponse() {
    String r = response();
    return r != null && !r.isEmpty();
  }

  /** The {@code integrity-protected} value without quotes, or null. */
  public String integrityProtected() {
    return parameters.unquoted(INTEGRITY_PROTECTED);
  }

  public DigestCredentials withIntegrityProtected(String value) {
    return new DigestCredentials(parameters.with(INTEGRITY_PROTECTED, Quoting.quote(value)));
  }

  public DigestCredentials withoutIntegrityProtected() {
    return new DigestCredentials(parameters.without(INTEGRITY_PROTECTED));
  }

  /** Builds credentials; quoted and unquoted parameters follow RFC 7616 §3.4. */
  public static final class Builder {
    private Parameters p;

    private Builder(Parameters p) {
      this.p = p;
    }

    private Builder quoted(String name, String value) {
      p = value == null ? p.without(name) : p.with(name, Quoting.quote(value));
      return this;
    }

    private Builder plain(String name, String value) {
      p = value == null ? p.without(name) : p.with(name, value);
      return this;
    }

    public Builder username(String v) {
      return quoted("username", v);
    }

    public Builder realm(String v) {
      return quoted("realm", v);
    }

    public Builder nonce(String v) {
      return quoted("nonce", v);
    }

    public Builder uri(String v) {
      return quoted("uri", v);
    }

    public Builder response(String v) {
      return quoted("response", v);
    }

    public Builder algorithm(String v) {
      return plain("algorithm", v);
    }

    public Builder cnonce(String v) {
      return quoted("cnonce", v);
    }

    public Builder opaque(String v) {
      return quoted("opaque", v);
    }

    public Builder qop(String v) {
      return plain("qop", v);
    }

    public Builder nc(String v) {
      return plain("nc", v);
    }

    public Builder integrityProtected(String v) {
      return quoted(INTEGRITY_PROTECTED, v);
    }

    /** Any other parameter, value written as given (quote it yourself if needed). */
    public Builder parameter(String name, String rawValue) {
      return plain(name, rawValue);
    }

    public DigestCredentials build() {
      return new DigestCredentials(p);
    }
  }
}
