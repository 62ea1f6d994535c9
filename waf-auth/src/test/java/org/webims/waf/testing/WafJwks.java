package org.webims.waf.testing;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jwt.SignedJWT;
import java.text.ParseException;

/** Verifies a WAF token against a JWKS document the test fetched, the way the eP-CSCF does (RS256, by kid). */
public final class WafJwks {

  private WafJwks() {
  }

  /** Returns the parsed token after checking alg RS256 and the signature with the JWKS key named by its kid. */
  public static SignedJWT verify(String token, String jwksJson) {
    try {
      SignedJWT jwt = SignedJWT.parse(token);
      if (!JWSAlgorithm.RS256.equals(jwt.getHeader().getAlgorithm())) {
        throw new AssertionError("token alg is " + jwt.getHeader().getAlgorithm() + ", not RS256");
      }
      JWK key = JWKSet.parse(jwksJson).getKeyByKeyId(jwt.getHeader().getKeyID());
      if (key == null) {
        throw new AssertionError("the JWKS has no key with kid " + jwt.getHeader().getKeyID());
      }
      if (!jwt.verify(new RSASSAVerifier(key.toRSAKey()))) {
        throw new AssertionError("the token's signature does not verify with kid " + key.getKeyID());
      }
      return jwt;
    } catch (ParseException | JOSEException e) {
      throw new AssertionError("cannot verify the token: " + e.getMessage(), e);
    }
  }
}
