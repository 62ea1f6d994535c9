package org.webims.waf.config;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;
import org.webims.server.abuse.FailureLockout;
import org.webims.waf.provisioning.PageRequest;

/**
 * Configuration of the WAF, prefix {@code webims.waf}. Every property is listed in {@code docs/waf.md}.
 *
 * @param issuer the WAF's issuer URL, the {@code iss} of every token (WAF-04, WAF-08)
 * @param token the access token's audience and lifetime (WAF-05)
 * @param clients the registered OAuth clients
 * @param keys the signing key's rotation
 * @param seedFile a YAML or JSON file of web users, identity mappings and pools upserted at start; none when null
 * @param pools IMPU pools and their leases (issue 6)
 * @param provisioning the console's and REST API's lists
 * @param abuse throttling of web sign-in and OAuth client authentication
 */
@Validated
@ConfigurationProperties("webims.waf")
public record WafProperties(
    @DefaultValue("https://localhost:8443") @NotBlank String issuer,
    @DefaultValue @Valid @NotNull Token token,
    @DefaultValue @Valid @NotNull Clients clients,
    @DefaultValue @Valid @NotNull Keys keys,
    Path seedFile,
    @DefaultValue @Valid @NotNull Pools pools,
    @DefaultValue @Valid @NotNull Provisioning provisioning,
    @DefaultValue @Valid @NotNull Abuse abuse) {

  /**
   * Abuse resistance (WAF-02): wrong passwords at the sign-in form, and wrong client secrets at the token,
   * introspection and revocation endpoints, per account (user name, client id) and per source address; each
   * lockout's limits are {@code max-failures}, {@code window}, {@code capacity}.
   *
   * @param signInLockout the web sign-in form's lockout
   * @param clientLockout OAuth client authentication's lockout; how often refusals are logged is the event log's
   *     {@code webims.events.*} (issue 16)
   */
  public record Abuse(
      @DefaultValue @NotNull FailureLockout.Limits signInLockout,
      @DefaultValue @NotNull FailureLockout.Limits clientLockout) {
  }

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

  /**
   * @param wwsf the WWSF, the WAF's client for web users
   * @param epCscf the eP-CSCF's client for lease releases (EPC-28): registered only when its secret is set
   * @param automation the client of automation using the REST API {@code /api/v1}: registered only when its
   *     secret is set
   */
  public record Clients(
      @DefaultValue @Valid @NotNull Wwsf wwsf,
      @DefaultValue @Valid @NotNull ServiceClient epCscf,
      @DefaultValue @Valid @NotNull ServiceClient automation) {

    public static final String EP_CSCF_CLIENT_ID = "ep-cscf";
    public static final String AUTOMATION_CLIENT_ID = "automation";

    public Clients {
      epCscf = epCscf == null ? null : epCscf.withDefaultId(EP_CSCF_CLIENT_ID);
      automation = automation == null ? null : automation.withDefaultId(AUTOMATION_CLIENT_ID);
    }
  }

  /**
   * A client of the client credentials grant (a server, not a web user).
   *
   * @param clientId its client id; {@code ep-cscf} and {@code automation} by default
   * @param secret its secret; the client does not exist while this is empty
   */
  public record ServiceClient(String clientId, @DefaultValue("") String secret) {

    public boolean enabled() {
      return secret != null && !secret.isBlank();
    }

    ServiceClient withDefaultId(String defaultId) {
      return clientId == null || clientId.isBlank() ? new ServiceClient(defaultId, secret) : this;
    }

    @Override
    public String toString() { // never the secret
      return "ServiceClient[clientId=" + clientId + ", enabled=" + enabled() + "]";
    }
  }

  /**
   * @param leaseDuration how long a pool IMPU's lease lives after each token issued to its holder; longer than
   *     the WIC's registration expiry, so that no registered IMPU lapses
   * @param maxRangeSize the most IMPUs one numbered range may add
   * @param activeLeasesCache how long the gauge {@code webims.waf.leases.active} keeps its count before it asks
   *     the database again (issue 16): scrapes do not each cost a query
   */
  public record Pools(
      @DefaultValue("2h") @NotNull Duration leaseDuration,
      @DefaultValue("1000") @Min(1) @Max(100000) int maxRangeSize,
      @DefaultValue("5s") @NotNull Duration activeLeasesCache) {
    public Pools {
      if (leaseDuration != null && (leaseDuration.isNegative() || leaseDuration.isZero())) {
        throw new IllegalArgumentException("webims.waf.pools.lease-duration must be positive, was " + leaseDuration);
      }
      if (activeLeasesCache != null && activeLeasesCache.isNegative()) {
        throw new IllegalArgumentException("webims.waf.pools.active-leases-cache must not be negative, was "
            + activeLeasesCache);
      }
    }
  }

  /**
   * @param defaultPageSize list entries per page when the request names no size
   * @param maxPageSize the most entries a page may have, whatever the request asks
   */
  public record Provisioning(
      @DefaultValue("20") @Min(1) int defaultPageSize,
      @DefaultValue("100") @Min(1) @Max(10000) int maxPageSize) {

    /** The page a request asks for ({@code page}, {@code size} may be null), checked and capped by these limits. */
    public PageRequest page(Integer page, Integer size) {
      return PageRequest.of(page, size, defaultPageSize, maxPageSize);
    }
  }

  /**
   * @param secret the client secret; no default outside the dev profile and tests
   * @param redirectUri the only redirect URI the client may use
   */
  public record Wwsf(
      @NotBlank(message = "set webims.waf.clients.wwsf.secret (the WWSF's client secret)") String secret,
      @DefaultValue("https://localhost:8443/login/oauth2/code/waf") @NotBlank String redirectUri) {

    @Override
    public String toString() { // never the secret
      return "Wwsf[redirectUri=" + redirectUri + "]";
    }
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
