package org.webims.epcscf.token;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.KeySourceException;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.DefaultJOSEObjectTypeVerifier;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWT;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.JWTParser;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import java.text.ParseException;
import java.time.Clock;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Consumer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import org.webims.epcscf.config.EpCscfProperties;
import org.webims.epcscf.metrics.EpCscfMetrics;

/**
 * EPC-20..23, 26, 27: validates a WAF access token (a signed JWT, RS256 only) against the WAF's
 * JWKS, then checks issuer, audience, expiry and not-before with clock skew, scope, and the
 * {@code impi}/{@code impu} claims. Thread-safe. A token whose signature verified is remembered by
 * its hash until {@code exp}, so a re-REGISTER with the same token costs no RS256 check; the claim
 * checks run on every call, and so does the scenario-3 check that the token's {@code impu_lease} was
 * not released (EPC-28, {@link ReleasedLeases}). The token text is never logged or kept.
 */
public final class AccessTokenValidator {

  private static final JOSEObjectType AT_JWT = new JOSEObjectType("at+jwt");
  /** Scenario 3: the id of the pool lease the token's IMPU comes from (issue 6 contract). */
  public static final String CLAIM_IMPU_LEASE = "impu_lease";

  private final EpCscfProperties.Token config;
  private final Clock clock;
  private final DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
  private final VerdictCache cache;
  private final ReleasedLeases released;
  private final EpCscfMetrics metrics;

  public AccessTokenValidator(EpCscfProperties.Token config, JWKSource<SecurityContext> keys, Clock clock) {
    this(config, keys, clock, new ReleasedLeases(0), EpCscfMetrics.unregistered());
  }

  /**
   * @param released the leases this eP-CSCF released: tokens carrying them are refused
   * @param metrics token checks by result and reason, signature checks (issue 16)
   */
  public AccessTokenValidator(EpCscfProperties.Token config, JWKSource<SecurityContext> keys, Clock clock,
      ReleasedLeases released, EpCscfMetrics metrics) {
    this.config = config;
    this.metrics = metrics;
    this.clock = clock;
    this.released = released;
    this.cache = new VerdictCache(config.verdictCacheSize());
    // alg is pinned to RS256: "none" never reaches here and HS* finds no key (RFC 8725 §3.1).
    processor.setJWSKeySelector(new JWSVerificationKeySelector<>(JWSAlgorithm.RS256, keys));
    processor.setJWSTypeVerifier(new DefaultJOSEObjectTypeVerifier<>(JOSEObjectType.JWT, AT_JWT, null));
    processor.setJWTClaimsSetVerifier(null);
  }

  /** Validates {@code token} on this thread, fetching the WAF's keys if it must; never throws. */
  public TokenVerdict validate(String token) {
    Prepared prepared = prepare(token);
    return prepared.verdict() != null ? prepared.verdict() : verify(prepared);
  }

  /** Counts a verdict: {@code cache_hit} when it came from the verdict cache (EPC-27), else {@code verified}. */
  private TokenVerdict counted(TokenVerdict verdict, boolean cached) {
    if (verdict.isValid()) {
      metrics.tokenChecked(cached ? "cache_hit" : "verified", "none");
    } else {
      metrics.tokenChecked("failed", verdict.failure().name().toLowerCase(Locale.ROOT));
    }
    return verdict;
  }

  /**
   * Issue 13: validates {@code token} without blocking the caller (a SIP event loop). What needs no key (a
   * malformed token, one whose signature verified before, EPC-27) is answered at once on this thread; a signature
   * check, which may fetch the JWKS from the WAF, runs on {@code offLoop} and {@code then} is called there. When
   * {@code offLoop} refuses the work (full, or stopping) the verdict is {@link TokenFailure#KEYS_UNAVAILABLE}.
   */
  public void validate(String token, Executor offLoop, Consumer<TokenVerdict> then) {
    Prepared prepared = prepare(token);
    if (prepared.verdict() != null) {
      then.accept(prepared.verdict());
      return;
    }
    try {
      offLoop.execute(() -> then.accept(verify(prepared)));
    } catch (RejectedExecutionException e) {
      then.accept(counted(TokenVerdict.invalid(TokenFailure.KEYS_UNAVAILABLE), false));
    }
  }

  /** A token parsed, with its verdict when no signature check is needed. */
  private record Prepared(SignedJWT signed, String cacheKey, TokenVerdict verdict) {
  }

  private Prepared prepare(String token) {
    JWT jwt;
    try {
      jwt = JWTParser.parse(token);
    } catch (ParseException e) {
      return new Prepared(null, null, counted(TokenVerdict.invalid(TokenFailure.MALFORMED), false));
    }
    if (!(jwt instanceof SignedJWT signed)) {
      return new Prepared(null, null, counted(TokenVerdict.invalid(TokenFailure.NOT_SIGNED), false));
    }
    if (!JWSAlgorithm.RS256.equals(signed.getHeader().getAlgorithm())) {
      return new Prepared(null, null, counted(TokenVerdict.invalid(TokenFailure.ALGORITHM_NOT_ALLOWED), false));
    }
    Instant now = clock.instant();
    String key = VerdictCache.key(token);
    VerdictCache.Verified verified = cache.get(key, now);
    return new Prepared(signed, key, verified == null ? null : counted(recheck(verified, now), true));
  }

  /** The RS256 check (the key source may fetch the JWKS), then the claims. */
  private TokenVerdict verify(Prepared prepared) {
    return counted(verifySignatureAndClaims(prepared), false);
  }

  private TokenVerdict verifySignatureAndClaims(Prepared prepared) {
    JWTClaimsSet claims;
    try {
      metrics.signatureChecked();
      claims = processor.process(prepared.signed(), null);
    } catch (KeySourceException e) {
      return TokenVerdict.invalid(TokenFailure.KEYS_UNAVAILABLE);
    } catch (BadJOSEException | JOSEException e) {
      return TokenVerdict.invalid(TokenFailure.BAD_SIGNATURE);
    }
    Instant now = clock.instant();
    TokenVerdict verdict = check(claims, now);
    if (verdict.isValid()) {
      Date nbf = claims.getNotBeforeTime();
      cache.put(prepared.cacheKey(), new VerdictCache.Verified(verdict.token(), nbf == null ? null : nbf.toInstant(),
          verdict.token().expiresAt().plus(config.clockSkew())), now);
    }
    return verdict;
  }

  /**
   * A cached token's checks that depend on the time: {@code exp}, {@code nbf} and its lease's release. Issuer,
   * audience, scope and identity passed when it was verified and do not change.
   */
  private TokenVerdict recheck(VerdictCache.Verified verified, Instant now) {
    AccessToken token = verified.token();
    Duration skew = config.clockSkew();
    if (now.isAfter(token.expiresAt().plus(skew))) {
      return TokenVerdict.invalid(TokenFailure.EXPIRED);
    }
    if (verified.notBefore() != null && now.plus(skew).isBefore(verified.notBefore())) {
      return TokenVerdict.invalid(TokenFailure.NOT_YET_VALID);
    }
    if (released.isReleased(token.impuLease(), now)) {
      return TokenVerdict.invalid(TokenFailure.LEASE_RELEASED);
    }
    return TokenVerdict.valid(token);
  }

  private TokenVerdict check(JWTClaimsSet claims, Instant now) {
    if (!config.issuer().equals(claims.getIssuer())) {
      return TokenVerdict.invalid(TokenFailure.WRONG_ISSUER);
    }
    List<String> audience = claims.getAudience();
    if (audience == null || !audience.contains(config.audience())) {
      return TokenVerdict.invalid(TokenFailure.WRONG_AUDIENCE);
    }
    Duration skew = config.clockSkew();
    Date exp = claims.getExpirationTime();
    if (exp == null || now.isAfter(exp.toInstant().plus(skew))) {
      return TokenVerdict.invalid(TokenFailure.EXPIRED);
    }
    Date nbf = claims.getNotBeforeTime();
    if (nbf != null && now.plus(skew).isBefore(nbf.toInstant())) {
      return TokenVerdict.invalid(TokenFailure.NOT_YET_VALID);
    }
    if (!scopes(claims.getClaim("scope")).contains(config.requiredScope())) {
      return TokenVerdict.invalid(TokenFailure.MISSING_SCOPE);
    }
    Object impi = claims.getClaim("impi");
    List<String> impus = strings(claims.getClaim("impu"));
    if (!(impi instanceof String s) || s.isEmpty() || impus.isEmpty()) {
      return TokenVerdict.invalid(TokenFailure.MISSING_IDENTITY);
    }
    Object lease = claims.getClaim(CLAIM_IMPU_LEASE);
    String impuLease = lease instanceof String l && !l.isEmpty() ? l : null;
    if (released.isReleased(impuLease, now)) {
      return TokenVerdict.invalid(TokenFailure.LEASE_RELEASED);
    }
    return TokenVerdict.valid(new AccessToken(claims.getIssuer(), claims.getSubject(), s, impus, exp.toInstant(),
        impuLease));
  }

  /** Spring Authorization Server writes scope as a JSON array; RFC 9068 as a space-separated string. */
  private static List<String> scopes(Object claim) {
    if (claim instanceof String s) {
      List<String> out = new ArrayList<>();
      for (String part : s.trim().split(" +")) {
        if (!part.isEmpty()) {
          out.add(part);
        }
      }
      return out;
    }
    return strings(claim);
  }

  private static List<String> strings(Object claim) {
    List<String> out = new ArrayList<>();
    if (claim instanceof String s && !s.isEmpty()) {
      out.add(s);
    } else if (claim instanceof List<?> list) {
      for (Object o : list) {
        if (o instanceof String s && !s.isEmpty()) {
          out.add(s);
        }
      }
    }
    return out;
  }
}
