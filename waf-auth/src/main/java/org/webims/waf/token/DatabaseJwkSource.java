package org.webims.waf.token;

import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSelector;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import java.util.List;

/**
 * The JWK source of the authorization server (WAF-07): signs with the current key and publishes at the JWKS
 * endpoint every key in {@link SigningKeyService#publishedKeys()}. Retired keys carry no private part, and tokens
 * name their key in {@code kid}, so the encoder always picks the current key.
 */
public class DatabaseJwkSource implements JWKSource<SecurityContext> {

  private final SigningKeyService keys;

  public DatabaseJwkSource(SigningKeyService keys) {
    this.keys = keys;
  }

  @Override
  public List<JWK> get(JWKSelector selector, SecurityContext context) {
    List<JWK> jwks = keys.publishedKeys().stream().map(key -> (JWK) key.toJwk()).toList();
    return selector.select(new JWKSet(jwks));
  }
}
