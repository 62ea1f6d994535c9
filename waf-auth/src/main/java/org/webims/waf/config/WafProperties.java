package org.webims.waf.config;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Configuration of the WAF, prefix {@code webims.waf}. Every property is listed in {@code docs/waf.md}.
 *
 * @param issuer the WAF's issuer URL, the {@code iss} of every token (WAF-04, WAF-08)
 * @param token the access token's audience and lifetime (WAF-05)
 * @param clients the registered OAuth clients
 * @param keys the signing key's rotation
 * @param seedFile a YAML or JSON file of web users and identity mappings upserted at start; none when null
 */
@Validated
@ConfigurationProperties("webims.waf")
public record WafProperties(
    @DefaultValue("https://localhost:8443") @NotBlank String issuer,
    @DefaultValue @Valid @NotNull Token token,
    @DefaultValue @Valid @NotNull Clients clients,
    @DefaultValue @Valid @NotNull Keys keys,
    Path seedFile) {

  /**
   * @param audience the {@code aud} of access tokens: the eP-CSCF
   * @param lifetime how long an access token is valid
   */
  public record Token(
      @DefaultValue("epcscf.ims.example.net") @NotBlank String audience,
      @DefaultValue("5m") @NotNull Duration lifetime) {
    public Token {
      if (lifetime != null && (lifetime.isNegative() || lifetime.isZero())) {
        throw new IllegalArgumentException("webims.waf.token.lifetime must be positive, was " + lifetime);
      }
    }
  }

  /** @param wwsf the WWSF, the one OAuth client of the WAF */
  public record Clients(@DefaultValue @Valid @NotNull Wwsf wwsf) {
  }

  /**
   * @param secret the client secret; no default outside the dev profile and tests
   * @param redirectUri the only redirect URI the client may use
   */
  public record Wwsf(
      @NotBlank(message = "set webims.waf.clients.wwsf.secret (the WWSF's client secret)") String secret,
      @DefaultValue("https://localhost:8443/login/oauth2/code/waf") @NotBlank String redirectUri) {
  }

  /**
   * @param rotate when true, a new signing key is made the current one at start
   * @param retentionMargin how long past the token lifetime a retired key stays published
   */
  public record Keys(
      @DefaultValue("false") boolean rotate,
      @DefaultValue("5m") @NotNull Duration retentionMargin) {
  }
}
