package org.webims.epcscf.token;

/**
 * The outcome of validating one access token (EPC-20, EPC-21): the claims, or why it was refused.
 * The reason names the failed check and never contains the token.
 */
public record TokenVerdict(AccessToken token, TokenFailure failure) {

  public static TokenVerdict valid(AccessToken token) {
    return new TokenVerdict(token, null);
  }

  public static TokenVerdict invalid(TokenFailure failure) {
    return new TokenVerdict(null, failure);
  }

  public boolean isValid() {
    return token != null;
  }
}
