package org.webims.epcscf.testing;

import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.webims.epcscf.config.EpCscfProperties;
import org.webims.epcscf.lease.LeaseCheck;
import org.webims.epcscf.metrics.EpCscfMetrics;
import org.webims.epcscf.token.AccessTokenValidator;
import org.webims.epcscf.token.ReleasedLeases;
import org.webims.epcscf.token.WafJwks;

/** Default configuration records for layer tests; one field changed where a test needs it. */
public final class TestConfig {

  private TestConfig() {
  }

  public static EpCscfProperties.Token token(URI jwksUri) {
    return new EpCscfProperties.Token(TestTokens.ISSUER, TestTokens.AUDIENCE, jwksUri, null, "ims.register",
        Duration.ofSeconds(30), Duration.ofSeconds(30), Duration.ofMinutes(5), Duration.ofSeconds(5), null, null,
        "PKCS12", 10000);
  }

  /** {@code plain} with {@code trustStore} (PKCS12) as the trust toward the WAF. */
  public static EpCscfProperties.Token trusting(EpCscfProperties.Token plain, Path trustStore, String password) {
    return new EpCscfProperties.Token(plain.issuer(), plain.audience(), plain.jwksUri(), null, plain.requiredScope(),
        plain.clockSkew(), plain.jwksMinRefreshInterval(), plain.jwksCacheTtl(), plain.jwksTimeout(),
        trustStore.toString(), password, "PKCS12", plain.verdictCacheSize());
  }

  /** A validator against the test's JWKS, as the application wires it (Nimbus source, cache, rate limit). */
  public static AccessTokenValidator validator(EpCscfProperties.Token config, Clock clock) {
    return validator(config, clock, EpCscfMetrics.unregistered());
  }

  /** The same, counting on {@code metrics} (issue 16: tests read token checks from the meters). */
  public static AccessTokenValidator validator(EpCscfProperties.Token config, Clock clock, EpCscfMetrics metrics) {
    return new AccessTokenValidator(config, WafJwks.source(config, metrics), clock, new ReleasedLeases(0), metrics);
  }

  /** How many RS256 signature checks {@code metrics} counted. */
  public static double signatureChecks(EpCscfMetrics metrics) {
    return metrics.registry().counter(EpCscfMetrics.TOKEN_SIGNATURE_CHECKS).count();
  }

  public static AccessTokenValidator validator(URI jwksUri, Clock clock) {
    return validator(token(jwksUri), clock);
  }

  public static AccessTokenValidator validator(URI jwksUri, Clock clock, EpCscfMetrics metrics) {
    return validator(token(jwksUri), clock, metrics);
  }

  /** The lease check as wired without a WAF client (no client secret): every lease passes (EPC-28). */
  public static LeaseCheck noLeaseCheck(Clock clock) {
    return new LeaseCheck(null, new ReleasedLeases(0), FakeWafLeases.config(null, null, Duration.ofSeconds(1),
        Duration.ofSeconds(1), 1), clock);
  }

  public static EpCscfProperties.WebSocket websocket() {
    return new EpCscfProperties.WebSocket("/", List.of("https://localhost:8443"), false, 65535,
        Duration.ofSeconds(10), 524288, Duration.ofSeconds(120), 64, Duration.ofSeconds(10), false);
  }
}
