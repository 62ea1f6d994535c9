package org.webims.ims.config;

import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;
import org.webims.server.abuse.FailureLockout;
import org.webims.sip.digest.DigestAlgorithm;

/**
 * Configuration of the IMS core ({@code webims.ims.*}); every property and its default is listed in
 * {@code docs/ims-core.md}.
 *
 * @param homeDomain the home network domain, also the Digest realm of the stored H(A1) values
 * @param trustedNodes source IP addresses whose {@code integrity-protected="auth-done"} is believed
 *     (SCS-05): the eP-CSCFs
 * @param subscribersFile a YAML or JSON file of subscribers upserted into the HSS at start; none when blank
 * @param digest the SIP Digest challenge (SCS-01..04)
 * @param regEvent the reg event notifier (SCS-10..14)
 * @param admin the authenticated admin HTTP API (network-initiated deregistration, SCS-12)
 */
@Validated
@ConfigurationProperties("webims.ims")
public record ImsProperties(
    @DefaultValue("ims.example.net") @NotBlank String homeDomain,
    @DefaultValue("127.0.0.1") @NotEmpty List<@NotBlank String> trustedNodes,
    String subscribersFile,
    @DefaultValue @Valid Sip sip,
    @DefaultValue @Valid Registrar registrar,
    @DefaultValue @Valid Digest digest,
    @DefaultValue @Valid RegEvent regEvent,
    @DefaultValue @Valid Admin admin) {

  /**
   * The admin HTTP API over HTTPS ({@code webims.tls.*}), HTTP Basic protected.
   *
   * @param enabled start the web server and the API; off by default, so an embedded IMS core opens no port
   * @param bindAddress the listening address; keep it on loopback or an operator network
   * @param port the HTTPS port; 0 picks a free one
   * @param username the admin user
   * @param password the admin password; required when enabled, never logged
   * @param lockout wrong passwords per source address and per user name that lock them out (429)
   * @param refusalLogInterval one log line per source per interval for refused requests, then a count
   */
  public record Admin(
      @DefaultValue("false") boolean enabled,
      @DefaultValue("127.0.0.1") @NotBlank String bindAddress,
      @DefaultValue("8090") @Min(0) @Max(65535) int port,
      @DefaultValue("admin") @NotBlank String username,
      String password,
      @DefaultValue FailureLockout.Limits lockout,
      @DefaultValue("10s") Duration refusalLogInterval) {

    @AssertTrue(message = "webims.ims.admin.password is required when the admin API is enabled "
        + "(or set webims.ims.admin.enabled=false)")
    public boolean isPasswordSetWhenEnabled() {
      return !enabled || password != null && !password.isBlank();
    }

    @Override
    public String toString() {
      return "Admin[enabled=" + enabled + ", bindAddress=" + bindAddress + ", port=" + port + ", username=" + username
          + ", password=" + (password == null ? "none" : "***") + ", lockout=" + lockout
          + ", refusalLogInterval=" + refusalLogInterval + "]";
    }
  }

  /**
   * The reg event notifier (RFC 3680, TS 24.229 §5.4.2.1).
   *
   * @param maxExpires the longest reg subscription granted, seconds; also the grant when the
   *     SUBSCRIBE names no Expires
   */
  public record RegEvent(@DefaultValue("600000") @Min(1) long maxExpires) {
  }

  /**
   * The S-CSCF's SIP listener: one port for UDP and TCP.
   *
   * @param bindAddress the local address of both sockets
   * @param port the UDP and TCP port; 0 picks a free one, the same for both
   * @param eventLoops SIP event loop threads (sip-server); 0 is one per core
   * @param hssThreads threads that run HSS (JDBC) lookups, so that no event loop waits on the database
   * @param hssQueue REGISTERs that may wait for an HSS thread; one more gets 503 with Retry-After
   * @param idleTimeout a TCP connection without traffic for this long is closed; 0 never
   * @param connectTimeout how long a connect to an eP-CSCF (for a NOTIFY) may take
   * @param maxConnections TCP connections open at once, both directions; more are closed at once
   */
  public record Sip(
      @DefaultValue("127.0.0.1") @NotBlank String bindAddress,
      @DefaultValue("5060") @Min(0) @Max(65535) int port,
      @DefaultValue("0") @Min(0) int eventLoops,
      @DefaultValue("8") @Min(1) int hssThreads,
      @DefaultValue("10000") @Min(1) int hssQueue,
      @DefaultValue("10m") Duration idleTimeout,
      @DefaultValue("5s") Duration connectTimeout,
      @DefaultValue("10000") @Min(1) int maxConnections) {
  }

  /**
   * The registrar (RFC 3261 §10.3, TS 24.229 §5.4.1).
   *
   * @param maxExpires the longest registration granted, in seconds (SCS-08)
   * @param minExpires shorter non-zero requests get 423 with this Min-Expires (SCS-08)
   * @param defaultExpires the expiry used when the REGISTER names none
   * @param serviceRoute the Service-Route URI returned in the 200 OK (RFC 3608, SCS-07)
   * @param chargingFunctionAddresses the P-Charging-Function-Addresses value (RFC 7315 §4.5); none when blank
   * @param maxBindingsPerImpu the most contacts one public identity may have bound; a REGISTER that would add
   *     more is refused with 403 (a refresh, or an RFC 5626 instance and reg-id replacing its binding, is not)
   */
  public record Registrar(
      @DefaultValue("3600") @Min(1) long maxExpires,
      @DefaultValue("60") @Min(1) long minExpires,
      @DefaultValue("3600") @Min(1) long defaultExpires,
      @DefaultValue("sip:orig@scscf.ims.example.net;lr") @NotBlank String serviceRoute,
      @DefaultValue("ccf=192.0.2.10") String chargingFunctionAddresses,
      @DefaultValue("10") @Min(1) @Max(1000) int maxBindingsPerImpu) {

    @AssertTrue(message = "min-expires must not exceed max-expires, and default-expires must lie between them")
    public boolean isExpiryRangeConsistent() {
      return minExpires <= maxExpires && defaultExpires >= minExpires && defaultExpires <= maxExpires;
    }
  }

  /**
   * The S-CSCF's SIP Digest authentication (TS 24.229 §5.4.1.2, RFC 7616, RFC 8760; SCS-01..04).
   *
   * @param algorithms the challenges of a 401, in preference order, one per algorithm token (SCS-02)
   * @param nonceLifetime how long a nonce stays valid from its issue; an older one gets {@code stale=true}
   * @param maxNonces how many issued nonces are kept; the oldest is forgotten first
   * @param maxFailures failed authentications per IMPI or per client address that lock it out
   * @param failureWindow the period over which failures are counted, and so how long a lockout lasts
   */
  public record Digest(
      @DefaultValue({"SHA-512-256", "SHA-256", "MD5"}) @NotEmpty List<@NotBlank String> algorithms,
      @DefaultValue("5m") Duration nonceLifetime,
      @DefaultValue("100000") @Min(1) int maxNonces,
      @DefaultValue("5") @Min(1) int maxFailures,
      @DefaultValue("5m") Duration failureWindow) {

    /** The configured algorithms, in order. */
    public List<DigestAlgorithm> digestAlgorithms() {
      return algorithms.stream().map(a -> DigestAlgorithm.fromToken(a.trim())).toList();
    }

    @AssertTrue(message = "algorithms must be distinct RFC 7616/8760 tokens (MD5, SHA-256, SHA-512-256, or -sess)")
    public boolean isAlgorithmListValid() {
      List<DigestAlgorithm> list = algorithms == null ? List.of() : digestAlgorithms();
      return !list.contains(null) && list.stream().distinct().count() == list.size();
    }

    @AssertTrue(message = "nonce-lifetime and failure-window must be positive")
    public boolean isPeriodsPositive() {
      return isPositive(nonceLifetime) && isPositive(failureWindow);
    }

    private static boolean isPositive(Duration d) {
      return d != null && !d.isNegative() && !d.isZero();
    }
  }
}
