package org.webims.epcscf.health;

import com.nimbusds.jose.KeySourceException;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKMatcher;
import com.nimbusds.jose.jwk.JWKSelector;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import java.util.List;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * Readiness (issue 16): the eP-CSCF can check tokens only with the WAF's JSON Web Key Set. Asks the same key
 * source the validator uses: a set still in its cache ({@code jwks-cache-ttl}) is enough, so a WAF that is away
 * for less than that costs nothing; past it, the source fetches, and a failed fetch is "down". Spring Boot calls
 * it off the event loops, so the fetch may wait here ({@code jwks-timeout}).
 */
public final class JwksReadiness implements HealthIndicator {

  private static final JWKSelector ANY_KEY = new JWKSelector(new JWKMatcher.Builder().build());

  private final JWKSource<SecurityContext> keys;

  public JwksReadiness(JWKSource<SecurityContext> keys) {
    this.keys = keys;
  }

  @Override
  public Health health() {
    try {
      List<JWK> found = keys.get(ANY_KEY, null);
      return found.isEmpty()
          ? Health.down().withDetail("error", "the WAF's key set has no keys").build()
          : Health.up().withDetail("keys", found.size()).build();
    } catch (KeySourceException e) {
      return Health.down().withDetail("error", String.valueOf(e.getMessage())).build();
    }
  }
}
