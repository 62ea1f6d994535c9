package org.webims.waf.token;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.time.Instant;
import java.util.Base64;
import java.util.Objects;
import java.util.UUID;

/**
 * An RS256 token signing key of the WAF (WAF-07). {@code retiredAt} is null for the current key; a retired key
 * only verifies, until the tokens it signed have expired.
 */
public record SigningKey(String kid, RSAPublicKey publicKey, RSAPrivateKey privateKey, Instant createdAt,
    Instant retiredAt) {

  private static final int KEY_SIZE = 2048;

  public SigningKey {
    Objects.requireNonNull(kid, "kid");
    Objects.requireNonNull(publicKey, "publicKey");
    Objects.requireNonNull(privateKey, "privateKey");
    Objects.requireNonNull(createdAt, "createdAt");
  }

  public static SigningKey generate(Instant now) {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
      generator.initialize(KEY_SIZE);
      KeyPair pair = generator.generateKeyPair();
      return new SigningKey(UUID.randomUUID().toString(), (RSAPublicKey) pair.getPublic(),
          (RSAPrivateKey) pair.getPrivate(), now, null);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("RSA key generation is not available", e);
    }
  }

  /** Rebuilds a key from its stored X.509 / PKCS#8 encodings (Base64). */
  public static SigningKey decode(String kid, String publicKeyBase64, String privateKeyBase64, Instant createdAt,
      Instant retiredAt) {
    try {
      KeyFactory factory = KeyFactory.getInstance("RSA");
      RSAPublicKey pub = (RSAPublicKey) factory.generatePublic(
          new X509EncodedKeySpec(Base64.getDecoder().decode(publicKeyBase64)));
      RSAPrivateKey priv = (RSAPrivateKey) factory.generatePrivate(
          new PKCS8EncodedKeySpec(Base64.getDecoder().decode(privateKeyBase64)));
      return new SigningKey(kid, pub, priv, createdAt, retiredAt);
    } catch (GeneralSecurityException | IllegalArgumentException e) {
      throw new IllegalStateException("stored signing key " + kid + " cannot be decoded", e);
    }
  }

  public String encodedPublicKey() {
    return Base64.getEncoder().encodeToString(publicKey.getEncoded());
  }

  public String encodedPrivateKey() {
    return Base64.getEncoder().encodeToString(privateKey.getEncoded());
  }

  public boolean isCurrent() {
    return retiredAt == null;
  }

  public SigningKey retire(Instant when) {
    return new SigningKey(kid, publicKey, privateKey, createdAt, when);
  }

  /** The JWK: with the private part for the current key (it signs), public only for a retired key. */
  public RSAKey toJwk() {
    RSAKey.Builder builder = new RSAKey.Builder(publicKey).keyID(kid).keyUse(KeyUse.SIGNATURE)
        .algorithm(JWSAlgorithm.RS256);
    if (isCurrent()) {
      builder.privateKey(privateKey);
    }
    return builder.build();
  }

  @Override
  public String toString() {
    return "SigningKey[kid=" + kid + ", createdAt=" + createdAt + ", retiredAt=" + retiredAt + "]";
  }
}
