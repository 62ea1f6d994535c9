package org.webims.epcscf.testing;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.UUID;

/**
 * The one place that makes WAF-shaped access tokens for tests (contract §"The access token"):
 * {@link #claims()} gives valid claims, a test changes one field and signs.
 */
public final class TestTokens {

  public static final String ISSUER = "https://localhost:8443";
  public static final String AUDIENCE = "epcscf.ims.example.net";
  public static final String IMPI = "alice_private@ims.example.net";
  public static final String IMPU = "sip:alice@ims.example.net";
  public static final String TEL_IMPU = "tel:+15551230001";

  private TestTokens() {
  }

  public static RSAKey newKey(String kid) {
    try {
      return new RSAKeyGenerator(2048).keyID(kid).generate();
    } catch (JOSEException e) {
      throw new IllegalStateException(e);
    }
  }

  public static JWKSet publicSet(RSAKey... keys) {
    return new JWKSet(List.of(keys)).toPublicJWKSet();
  }

  /** Valid claims issued now for 5 minutes; scope as Spring Authorization Server writes it (array). */
  public static JWTClaimsSet.Builder claims(Instant now) {
    return new JWTClaimsSet.Builder()
        .issuer(ISSUER)
        .audience(List.of(AUDIENCE))
        .subject("alice")
        .claim("impi", IMPI)
        .claim("impu", List.of(IMPU, TEL_IMPU))
        .claim("client_id", "wwsf")
        .claim("scope", List.of("openid", "ims.register"))
        .issueTime(Date.from(now))
        .notBeforeTime(Date.from(now))
        .expirationTime(Date.from(now.plusSeconds(300)))
        .jwtID(UUID.randomUUID().toString());
  }

  public static String sign(RSAKey key, JWTClaimsSet claims) {
    try {
      SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).build(), claims);
      jwt.sign(new RSASSASigner(key));
      return jwt.serialize();
    } catch (JOSEException e) {
      throw new IllegalStateException(e);
    }
  }

  /** {@code alg: none}: an unsecured JWT (RFC 7519 §6). */
  public static String unsigned(JWTClaimsSet claims) {
    return new PlainJWT(claims).serialize();
  }

  /** HS256 keyed with {@code secret}: the classic RS/HS confusion attack when secret = the public key. */
  public static String hs256(byte[] secret, String kid, JWTClaimsSet claims) {
    try {
      SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256).keyID(kid).build(), claims);
      jwt.sign(new MACSigner(secret));
      return jwt.serialize();
    } catch (JOSEException e) {
      throw new IllegalStateException(e);
    }
  }
}
