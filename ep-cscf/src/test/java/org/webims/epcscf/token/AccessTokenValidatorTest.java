package org.webims.epcscf.token;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import java.nio.file.Path;
import java.time.Duration;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.io.TempDir;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.webims.epcscf.config.EpCscfProperties;
import org.webims.epcscf.testing.JwksServer;
import org.webims.sip.testing.MutableClock;
import org.webims.epcscf.metrics.EpCscfMetrics;
import org.webims.epcscf.testing.TestConfig;
import org.webims.epcscf.testing.TestHttps;
import org.webims.epcscf.testing.TestTokens;
import org.webims.epcscf.testing.TestWaf;

/** EPC-20, EPC-21, EPC-26, EPC-27: the checks on a WAF access token, against a JWKS the test serves. */
class AccessTokenValidatorTest {

  private final Instant now = Instant.parse("2026-11-22T12:00:00Z");
  private final MutableClock clock = new MutableClock(now);
  private TestWaf waf;
  private RSAKey wafKey;
  private JwksServer jwks;
  private AccessTokenValidator validator;

  @BeforeEach
  void start() throws Exception {
    waf = new TestWaf(clock);
    wafKey = waf.key;
    jwks = waf.jwks;
    validator = waf.validator;
  }

  @AfterEach
  void stop() {
    waf.close();
  }

  private TokenVerdict validate(JWTClaimsSet claims) {
    return validator.validate(TestTokens.sign(wafKey, claims));
  }

  @Test
  void acceptsAWafTokenAndReadsImpiAndImpus() {
    TokenVerdict v = validate(TestTokens.claims(now).build());
    assertThat(v.isValid()).isTrue();
    assertThat(v.token().impi()).isEqualTo(TestTokens.IMPI);
    assertThat(v.token().impus()).containsExactly(TestTokens.IMPU, TestTokens.TEL_IMPU);
    assertThat(v.token().issuer()).isEqualTo(TestTokens.ISSUER);
    assertThat(v.token().grants(TestTokens.IMPU)).isTrue();
  }

  @Test
  void readsThePoolLeaseOfScenario3AndRefusesItOnceReleased_EPC28() {
    ReleasedLeases released = new ReleasedLeases(10);
    AccessTokenValidator withReleases = new AccessTokenValidator(TestConfig.token(jwks.uri()),
        WafJwks.source(TestConfig.token(jwks.uri()), waf.metrics), clock, released, waf.metrics);
    String token = TestTokens.sign(wafKey, TestTokens.claims(now).claim("impu_lease", "lease-1").build());
    assertThat(withReleases.validate(token).token().impuLease()).isEqualTo("lease-1");
    assertThat(validate(TestTokens.claims(now).build()).token().impuLease()).isNull();

    released.remember("lease-1", now.plusSeconds(600), now);
    assertThat(withReleases.validate(token).failure()).isEqualTo(TokenFailure.LEASE_RELEASED);
    assertThat(withReleases.validate(TestTokens.sign(wafKey, TestTokens.claims(now).claim("impu_lease", "lease-2")
        .build())).isValid()).isTrue();
    clock.advance(Duration.ofSeconds(200));
    assertThat(withReleases.validate(token).failure()).isEqualTo(TokenFailure.LEASE_RELEASED);
  }

  @Test
  void acceptsScopeAsSpaceSeparatedString() {
    assertThat(validate(TestTokens.claims(now).claim("scope", "openid ims.register").build()).isValid()).isTrue();
  }

  @Test
  void acceptsAudienceAsSingleString() {
    assertThat(validate(TestTokens.claims(now).audience(TestTokens.AUDIENCE).build()).isValid()).isTrue();
  }

  @Test
  void refusesForgedSignatureUnderTheWafKid() {
    RSAKey attacker = TestTokens.newKey("waf-1");
    String forged = TestTokens.sign(attacker, TestTokens.claims(now).build());
    assertThat(validator.validate(forged).failure()).isEqualTo(TokenFailure.BAD_SIGNATURE);
  }

  @Test
  void refusesUnknownKid() {
    String token = TestTokens.sign(TestTokens.newKey("other"), TestTokens.claims(now).build());
    assertThat(validator.validate(token).failure()).isEqualTo(TokenFailure.BAD_SIGNATURE);
  }

  @Test
  void refetchesTheJwksOnUnknownKidSoARotatedKeyIsAccepted() {
    assertThat(validate(TestTokens.claims(now).build()).isValid()).isTrue();
    RSAKey rotated = TestTokens.newKey("waf-2");
    jwks.publish(TestTokens.publicSet(wafKey, rotated));
    int before = jwks.fetches();
    assertThat(validator.validate(TestTokens.sign(rotated, TestTokens.claims(now).build())).isValid()).isTrue();
    assertThat(jwks.fetches()).isEqualTo(before + 1);
    // The old key still verifies: rotation does not invalidate unexpired tokens.
    assertThat(validate(TestTokens.claims(now).jwtID("again").build()).isValid()).isTrue();
  }

  @Test
  void rateLimitsJwksFetchesForABurstOfUnknownKids() {
    for (int i = 0; i < 20; i++) {
      validator.validate(TestTokens.sign(TestTokens.newKey("forged-" + i), TestTokens.claims(now).build()));
    }
    // Nimbus RateLimitedJWKSetSource: at most two fetches per jwks-min-refresh-interval.
    assertThat(jwks.fetches()).isLessThanOrEqualTo(2);
  }

  @Test
  void refusesExpiredTokenBeyondClockSkew() {
    JWTClaimsSet expired = TestTokens.claims(now.minusSeconds(600)).build();
    assertThat(validate(expired).failure()).isEqualTo(TokenFailure.EXPIRED);
  }

  @Test
  void acceptsTokenExpiredWithinClockSkew() {
    JWTClaimsSet claims = TestTokens.claims(now).expirationTime(Date.from(now.minusSeconds(20))).build();
    assertThat(validate(claims).isValid()).isTrue();
  }

  @Test
  void refusesTokenNotYetValid() {
    JWTClaimsSet claims = TestTokens.claims(now).notBeforeTime(Date.from(now.plusSeconds(120))).build();
    assertThat(validate(claims).failure()).isEqualTo(TokenFailure.NOT_YET_VALID);
  }

  @Test
  void refusesWrongAudience() {
    assertThat(validate(TestTokens.claims(now).audience(List.of("other.example.net")).build()).failure())
        .isEqualTo(TokenFailure.WRONG_AUDIENCE);
  }

  @Test
  void refusesWrongIssuer() {
    assertThat(validate(TestTokens.claims(now).issuer("https://evil.example.net").build()).failure())
        .isEqualTo(TokenFailure.WRONG_ISSUER);
  }

  @Test
  void refusesMissingScope() {
    assertThat(validate(TestTokens.claims(now).claim("scope", List.of("openid")).build()).failure())
        .isEqualTo(TokenFailure.MISSING_SCOPE);
  }

  @Test
  void refusesTokenWithoutImpi() {
    assertThat(validate(TestTokens.claims(now).claim("impi", null).build()).failure())
        .isEqualTo(TokenFailure.MISSING_IDENTITY);
  }

  @Test
  void refusesAlgNone() {
    assertThat(validator.validate(TestTokens.unsigned(TestTokens.claims(now).build())).failure())
        .isEqualTo(TokenFailure.NOT_SIGNED);
  }

  @Test
  void refusesHs256EvenKeyedWithTheWafPublicKey() throws Exception {
    byte[] secret = wafKey.toRSAPublicKey().getEncoded();
    String token = TestTokens.hs256(secret, "waf-1", TestTokens.claims(now).build());
    assertThat(validator.validate(token).failure()).isEqualTo(TokenFailure.ALGORITHM_NOT_ALLOWED);
  }

  @Test
  void refusesGarbage() {
    assertThat(validator.validate("not-a-jwt").failure()).isEqualTo(TokenFailure.MALFORMED);
  }

  @Test
  void reRegisterWithTheSameTokenCostsNoSecondSignatureCheck() {
    String token = TestTokens.sign(wafKey, TestTokens.claims(now).build());
    assertThat(validator.validate(token).isValid()).isTrue();
    assertThat(validator.validate(token).isValid()).isTrue();
    assertThat(TestConfig.signatureChecks(waf.metrics)).isEqualTo(1);
    assertThat(waf.metrics.registry().counter(EpCscfMetrics.TOKEN_CHECKS, "result", "verified", "reason", "none")
        .count()).isEqualTo(1);
    assertThat(waf.metrics.registry().counter(EpCscfMetrics.TOKEN_CHECKS, "result", "cache_hit", "reason", "none")
        .count()).isEqualTo(1);
  }

  @Test
  void cachedTokenIsStillRefusedOnceExpired() {
    String token = TestTokens.sign(wafKey, TestTokens.claims(now).build());
    assertThat(validator.validate(token).isValid()).isTrue();
    clock.advance(Duration.ofSeconds(300 + 31));
    assertThat(validator.validate(token).failure()).isEqualTo(TokenFailure.EXPIRED);
  }

  @Test
  void fetchesTheJwksOverHttpsFromASelfSignedWafWithTheConfiguredTrustStore(@TempDir Path dir) throws Exception {
    Path keyStore = dir.resolve("waf.p12");
    SSLContext ssl = TestHttps.serverContext(keyStore, "secret");
    try (JwksServer https = new JwksServer(TestTokens.publicSet(wafKey), ssl)) {
      EpCscfProperties.Token plain = TestConfig.token(https.uri());
      EpCscfProperties.Token config = TestConfig.trusting(plain, keyStore, "secret");
      AccessTokenValidator overTls = TestConfig.validator(config, clock);
      assertThat(overTls.validate(TestTokens.sign(wafKey, TestTokens.claims(now).build())).isValid()).isTrue();

      AccessTokenValidator untrusted = TestConfig.validator(plain, clock);
      assertThat(untrusted.validate(TestTokens.sign(wafKey, TestTokens.claims(now).build())).failure())
          .isEqualTo(TokenFailure.KEYS_UNAVAILABLE);
    }
  }

  @Test
  void unreachableJwksGivesKeysUnavailable() throws Exception {
    jwks.close();
    AccessTokenValidator cold = TestConfig.validator(jwks.uri(), clock);
    assertThat(cold.validate(TestTokens.sign(wafKey, TestTokens.claims(now).build())).failure())
        .isEqualTo(TokenFailure.KEYS_UNAVAILABLE);
  }
}
