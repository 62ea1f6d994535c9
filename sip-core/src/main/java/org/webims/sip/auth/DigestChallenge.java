package org.webims.sip.auth;

import java.util.ArrayList;
import java.util.List;
import org.webims.sip.ParseProblem;
import org.webims.sip.SipParseException;
import org.webims.sip.syntax.Parameters;
import org.webims.sip.syntax.Quoting;
import org.webims.sip.syntax.SipChars;

/**
 * A Digest challenge (RFC 7616 §3.3, RFC 8760): realm, nonce, opaque, stale, algorithm and the qop
 * options, from a WWW-Authenticate or Proxy-Authenticate value.
 */
public final class DigestChallenge extends SchemeParameters {

  private DigestChallenge(Parameters parameters) {
    super("Digest", parameters);
  }

  public static DigestChallenge from(AuthValue value) throws SipParseException {
    if (!value.isScheme("Digest") || value.token68() != null) {
      throw new SipParseException(ParseProblem.BAD_HEADER, "Bad Digest challenge");
    }
    Parameters p = value.parameters();
    if (p.get("realm") == null || p.get("nonce") == null) {
      throw new SipParseException(ParseProblem.BAD_HEADER, "Bad Digest challenge: realm and nonce required");
    }
    return new DigestChallenge(p);
  }

  public static Builder builder() {
    return new Builder();
  }

  public String realm() {
    return parameters.unquoted("realm");
  }

  public String nonce() {
    return parameters.unquoted("nonce");
  }

  public String opaque() {
    return parameters.unquoted("opaque");
  }

  /** True for {@code stale=true} (RFC 7616 §3.3): retry with the new nonce, no new password. */
  public boolean stale() {
    String s = parameters.unquoted("stale");
    return s != null && SipChars.equalsIgnoreCase(s, "true");
  }

  /** The algorithm token as written; MD5 when absent (RFC 7616 §3.3). */
  public String algorithm() {
    String a = parameters.unquoted("algorithm");
    return a == null ? "MD5" : a;
  }

  /** The qop options offered, for example {@code [auth]}; empty when the challenge has no qop. */
  public List<String> qopOptions() {
    List<String> options = new ArrayList<>(2);
    String q = parameters.unquoted("qop");
    if (q == null) {
      return options;
    }
    for (String item : SipChars.commaItems(q)) {
      String option = SipChars.trim(item);
      if (!option.isEmpty()) {
        options.add(option);
      }
    }
    return options;
  }

  /** Builds a challenge in the parameter order of RFC 7616 §3.3 examples. */
  public static final class Builder {
    private Parameters p = Parameters.EMPTY;

    private Builder() {
    }

    public Builder realm(String realm) {
      p = p.with("realm", Quoting.quote(realm));
      return this;
    }

    public Builder nonce(String nonce) {
      p = p.with("nonce", Quoting.quote(nonce));
      return this;
    }

    public Builder algorithm(String algorithm) {
      p = p.with("algorithm", algorithm);
      return this;
    }

    public Builder qop(String qop) {
      p = p.with("qop", Quoting.quote(qop));
      return this;
    }

    public Builder opaque(String opaque) {
      p = p.with("opaque", Quoting.quote(opaque));
      return this;
    }

    public Builder stale(boolean stale) {
      p = stale ? p.with("stale", "true") : p.without("stale");
      return this;
    }

    public DigestChallenge build() {
      return new DigestChallenge(p);
    }
  }
}
