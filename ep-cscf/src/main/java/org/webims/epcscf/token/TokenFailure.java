package org.webims.epcscf.token;

/** Why an access token was refused (EPC-21); each maps to 401 invalid_token (RFC 6750 §3.1). */
public enum TokenFailure {
  MALFORMED("not a JWT"),
  NOT_SIGNED("not a signed JWT"),
  ALGORITHM_NOT_ALLOWED("algorithm not RS256"),
  BAD_SIGNATURE("signature not verified with the WAF JWKS"),
  KEYS_UNAVAILABLE("WAF JWKS could not be fetched"),
  WRONG_ISSUER("issuer not trusted"),
  WRONG_AUDIENCE("audience does not name this eP-CSCF"),
  EXPIRED("expired"),
  NOT_YET_VALID("not yet valid"),
  MISSING_SCOPE("required scope missing"),
  MISSING_IDENTITY("no impi or impu claim"),
  /** EPC-28: the token's {@code impu_lease} was released after a deregistration or flow loss. */
  LEASE_RELEASED("lease released");

  private final String description;

  TokenFailure(String description) {
    this.description = description;
  }

  /** Short text fit for a log line; never contains the token. */
  public String description() {
    return description;
  }
}
