package org.webims.bench;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.webims.epcscf.config.EpCscfProperties;
import org.webims.epcscf.token.AccessTokenValidator;
import org.webims.epcscf.token.TokenVerdict;

/**
 * The eP-CSCF's access-token check (EPC-20..23) on a WAF-shaped RS256 token (RSA 2048, the claims the WAF's
 * customizer writes). {@link #reRegisterSameToken} is the path of every re-REGISTER: the verdict cache holds the
 * token's hash, so no RS256 verification runs. {@link #firstSightOfAToken} verifies the signature every time (no
 * verdict cache), as for the first REGISTER with a new token.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class TokenValidationBenchmark {

    static final String ISSUER = "https://localhost:8443";
    static final String AUDIENCE = "epcscf.ims.example.net";

    private AccessTokenValidator cached;
    private AccessTokenValidator uncached;
    private String token;

    @Setup
    public void setUp() throws JOSEException {
        RSAKey key = new RSAKeyGenerator(2048).keyID("k1").generate();
        ImmutableJWKSet<com.nimbusds.jose.proc.SecurityContext> keys =
                new ImmutableJWKSet<>(new JWKSet(key).toPublicJWKSet());
        cached = new AccessTokenValidator(config(10_000), keys, Clock.systemUTC());
        uncached = new AccessTokenValidator(config(0), keys, Clock.systemUTC());
        Instant now = Instant.now();
        JWTClaimsSet claims = new JWTClaimsSet.Builder().issuer(ISSUER).audience(List.of(AUDIENCE))
                .subject("alice").claim("impi", "alice_private@ims.example.net")
                .claim("impu", List.of("sip:alice@ims.example.net", "tel:+15551230001"))
                .claim("client_id", "wwsf").claim("scope", List.of("openid", "ims.register"))
                .issueTime(Date.from(now)).notBeforeTime(Date.from(now))
                .expirationTime(Date.from(now.plusSeconds(3600))).jwtID("3f1c1a8e-2b7d-4d0e-9a55-0c1d2e3f4a5b")
                .build();
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID("k1").build(), claims);
        jwt.sign(new RSASSASigner(key));
        token = jwt.serialize();
        if (!cached.validate(token).isValid() || !uncached.validate(token).isValid()) {
            throw new IllegalStateException("the benchmark token does not validate");
        }
    }

    private static EpCscfProperties.Token config(int verdictCacheSize) {
        return new EpCscfProperties.Token(ISSUER, AUDIENCE, URI.create(ISSUER + "/oauth2/jwks"), null,
                "ims.register", Duration.ofSeconds(30), Duration.ofSeconds(30), Duration.ofMinutes(5),
                Duration.ofSeconds(5), null, null, "PKCS12", verdictCacheSize);
    }

    @Benchmark
    public TokenVerdict reRegisterSameToken() {
        return cached.validate(token);
    }

    @Benchmark
    public TokenVerdict firstSightOfAToken() {
        return uncached.validate(token);
    }
}
