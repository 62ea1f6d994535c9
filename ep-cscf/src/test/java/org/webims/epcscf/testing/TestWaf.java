package org.webims.epcscf.testing;

import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import java.io.IOException;
import java.time.Clock;
import org.webims.epcscf.metrics.EpCscfMetrics;
import org.webims.epcscf.token.AccessTokenValidator;

/**
 * A WAF for layer tests: its signing key ({@code kid} waf-1), the JWKS it publishes, and a
 * validator wired to that JWKS as the application wires it.
 */
public final class TestWaf implements AutoCloseable {

  public final RSAKey key = TestTokens.newKey("waf-1");
  public final JwksServer jwks;
  public final EpCscfMetrics metrics = EpCscfMetrics.unregistered();
  public final AccessTokenValidator validator;

  public TestWaf(Clock clock) throws IOException {
    jwks = new JwksServer(TestTokens.publicSet(key));
    validator = TestConfig.validator(jwks.uri(), clock, metrics);
  }

  public String sign(JWTClaimsSet claims) {
    return TestTokens.sign(key, claims);
  }

  @Override
  public void close() {
    jwks.close();
  }
}
