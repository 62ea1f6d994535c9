package org.webims.epcscf.config;

import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.webims.epcscf.media.AnchoringPolicy;
import org.webims.server.abuse.FailureLockout;

/**
 * Every {@code webims.epcscf.*} property, one immutable record per layer of the eP-CSCF (handshake
 * and framing, token validation, Trusted Node rewrite, scenario 1, core side, lease release, media gateway). Values are checked when bound,
 * so a bad configuration stops the start instead of failing a REGISTER later.
 */
@ConfigurationProperties("webims.epcscf")
public record EpCscfProperties(
    @DefaultValue("ims.example.net") String homeDomain,
    @DefaultValue("ims.example.net") String visitedNetworkId,
    @DefaultValue WebSocket websocket,
    @DefaultValue Token token,
    @DefaultValue Tna tna,
    @DefaultValue Digest digest,
    @DefaultValue Core core,
    @DefaultValue RegEvent regEvent,
    @DefaultValue LeaseRelease leaseRelease,
    @DefaultValue Abuse abuse,
    @DefaultValue Offload offload,
    @DefaultValue Calls calls,
    @DefaultValue Media media,
    @DefaultValue Drain drain) {

  public EpCscfProperties {
    requireText(homeDomain, "webims.epcscf.home-domain");
    requireText(visitedNetworkId, "webims.epcscf.visited-network-id");
  }

  /**
   * The W2 edge: handshake (EPC-02, EPC-03), message limits and the development switch.
   *
   * @param maxHeaderFields a request from a WIC with more header fields (a Via value counts as one) is
   *     refused with 513 before it is forwarded (issue 12)
   * @param proxyProtocol {@code on} behind HAProxy in TCP mode with {@code send-proxy-v2} (issue 16): every
   *     connection must start with a PROXY protocol v1 or v2 header, and the client's address in it is the one
   *     every per-address limit and refusal log uses; a connection without one is closed. Only for a port that
   *     nothing but the balancer can reach: whoever reaches it directly can claim any address
   */
  public record WebSocket(
      @DefaultValue("/") String path,
      @DefaultValue("https://localhost:8443") List<String> allowedOrigins,
      @DefaultValue("false") boolean allowPlain,
      @DefaultValue("65535") int maxMessageSize,
      @DefaultValue("10s") Duration sendTimeLimit,
      @DefaultValue("524288") int sendBufferSizeLimit,
      @DefaultValue("120s") Duration idleTimeout,
      @DefaultValue("64") int maxHeaderFields,
      @DefaultValue("10s") Duration handshakeTimeout,
      @DefaultValue("off") boolean proxyProtocol) {

    public WebSocket {
      requireText(path, "webims.epcscf.websocket.path");
      if (allowedOrigins == null || allowedOrigins.isEmpty()) {
        throw new IllegalArgumentException("webims.epcscf.websocket.allowed-origins must name at least one origin");
      }
      allowedOrigins = List.copyOf(allowedOrigins);
      requireRange(maxMessageSize, 1024, 1_048_576, "webims.epcscf.websocket.max-message-size");
      requirePositive(sendTimeLimit, "webims.epcscf.websocket.send-time-limit");
      if (sendBufferSizeLimit < maxMessageSize) {
        throw new IllegalArgumentException("webims.epcscf.websocket.send-buffer-size-limit must be >= max-message-size");
      }
      if (idleTimeout == null || idleTimeout.isNegative()) {
        throw new IllegalArgumentException("webims.epcscf.websocket.idle-timeout must be 0 (off) or positive");
      }
      // Issue 12: the core's answer repeats the Vias and adds its own lines, and must still fit the core side's
      // parser (200 header lines), so a request is refused well below that.
      requireRange(maxHeaderFields, 16, 150, "webims.epcscf.websocket.max-header-fields");
      if (handshakeTimeout == null || handshakeTimeout.isNegative()) {
        throw new IllegalArgumentException("webims.epcscf.websocket.handshake-timeout must be 0 (off) or positive");
      }
    }
  }

  /** Access-token checks (EPC-20..23, 26, 27) against the WAF. */
  public record Token(
      @DefaultValue("https://localhost:8443") String issuer,
      @DefaultValue("epcscf.ims.example.net") String audience,
      @DefaultValue("https://localhost:8443/oauth2/jwks") URI jwksUri,
      String authzServer,
      @DefaultValue("ims.register") String requiredScope,
      @DefaultValue("30s") Duration clockSkew,
      @DefaultValue("30s") Duration jwksMinRefreshInterval,
      @DefaultValue("5m") Duration jwksCacheTtl,
      @DefaultValue("5s") Duration jwksTimeout,
      String trustStore,
      String trustStorePassword,
      @DefaultValue("PKCS12") String trustStoreType,
      @DefaultValue("10000") int verdictCacheSize) {

    public Token {
      requireText(issuer, "webims.epcscf.token.issuer");
      requireText(audience, "webims.epcscf.token.audience");
      if (jwksUri == null || !jwksUri.isAbsolute()) {
        throw new IllegalArgumentException("webims.epcscf.token.jwks-uri must be an absolute URL");
      }
      if (authzServer == null || authzServer.isBlank()) {
        authzServer = issuer;
      }
      requireText(requiredScope, "webims.epcscf.token.required-scope");
      if (clockSkew == null || clockSkew.isNegative() || clockSkew.compareTo(Duration.ofMinutes(5)) > 0) {
        throw new IllegalArgumentException("webims.epcscf.token.clock-skew must be 0..5m");
      }
      requirePositive(jwksMinRefreshInterval, "webims.epcscf.token.jwks-min-refresh-interval");
      requirePositive(jwksCacheTtl, "webims.epcscf.token.jwks-cache-ttl");
      requirePositive(jwksTimeout, "webims.epcscf.token.jwks-timeout");
      if (verdictCacheSize < 0) {
        throw new IllegalArgumentException("webims.epcscf.token.verdict-cache-size must not be negative");
      }
    }
  }

  /**
   * The eP-CSCF's reg-event subscription (EPC-32): on or off, and how far its {@code Expires} goes
   * beyond the registration's granted expiry.
   *
   * @param closeDelay EPC-42, issue 12: how long after a reg NOTIFY ended every registration of a flow its
   *     WebSocket is closed (1000, "network deregistration"), so that a NOTIFY of the client's own subscription,
   *     sent by the core at the same moment, is relayed before the close; 0 closes at once
   */
  public record RegEvent(
      @DefaultValue("true") boolean enabled,
      @DefaultValue("600s") Duration extraExpiry,
      @DefaultValue("1s") Duration closeDelay) {

    public RegEvent {
      requirePositive(extraExpiry, "webims.epcscf.reg-event.extra-expiry");
      if (closeDelay == null || closeDelay.isNegative() || closeDelay.compareTo(Duration.ofSeconds(30)) > 0) {
        throw new IllegalArgumentException("webims.epcscf.reg-event.close-delay must be 0..30s");
      }
    }
  }

  /**
   * EPC-28, WAF-11: telling the WAF that a scenario-3 pool IMPU can be leased again, with an OAuth
   * 2.0 client-credentials token ({@code client_secret_basic}) at {@code POST
   * {waf-uri}/api/v1/leases/{id}/release}. Off while {@code client-secret} is unset. Failed calls
   * (network, 5xx) are retried {@code backoff-base}, twice that, ... up to {@code backoff-cap}
   * apart, {@code max-attempts} calls in all. A released lease is refused at REGISTER for
   * {@code remember-released} past the later of the release and its token's expiry (at least the
   * WAF's token lifetime plus the clock skew), for at most {@code remembered-max} leases. The first
   * REGISTER with a token of a lease this node has not seen live asks the WAF for the lease's state
   * ({@code GET {waf-uri}/api/v1/leases/{id}}, scope {@code waf.lease.read}); when the WAF cannot say,
   * the REGISTER gets 503 with {@code Retry-After: check-retry-after}.
   *
   * @param wafUri the WAF's base URL; default the token issuer
   */
  public record LeaseRelease(
      @DefaultValue("ep-cscf") String clientId,
      String clientSecret,
      @DefaultValue("waf.lease.release waf.lease.read") String scope,
      String wafUri,
      @DefaultValue("1s") Duration backoffBase,
      @DefaultValue("2m") Duration backoffCap,
      @DefaultValue("10") int maxAttempts,
      @DefaultValue("10s") Duration timeout,
      @DefaultValue("2") int threads,
      @DefaultValue("1h") Duration rememberReleased,
      @DefaultValue("100000") int rememberedMax,
      @DefaultValue("10s") Duration checkRetryAfter) {

    public LeaseRelease {
      requireText(clientId, "webims.epcscf.lease-release.client-id");
      requireText(scope, "webims.epcscf.lease-release.scope");
      if (wafUri != null && !wafUri.isBlank() && !URI.create(wafUri).isAbsolute()) {
        throw new IllegalArgumentException("webims.epcscf.lease-release.waf-uri must be an absolute URL");
      }
      requirePositive(backoffBase, "webims.epcscf.lease-release.backoff-base");
      requirePositive(backoffCap, "webims.epcscf.lease-release.backoff-cap");
      if (backoffCap.compareTo(backoffBase) < 0) {
        throw new IllegalArgumentException("webims.epcscf.lease-release.backoff-cap must be >= backoff-base");
      }
      requireRange(maxAttempts, 1, 100, "webims.epcscf.lease-release.max-attempts");
      requirePositive(timeout, "webims.epcscf.lease-release.timeout");
      requireRange(threads, 1, 64, "webims.epcscf.lease-release.threads");
      requirePositive(rememberReleased, "webims.epcscf.lease-release.remember-released");
      requireRange(rememberedMax, 1, 10_000_000, "webims.epcscf.lease-release.remembered-max");
      requirePositive(checkRetryAfter, "webims.epcscf.lease-release.check-retry-after");
    }

    /** On only with a client secret: the WAF registers the {@code ep-cscf} client only with one. */
    public boolean enabled() {
      return clientSecret != null && !clientSecret.isBlank();
    }

    /** The WAF's base URL without a trailing slash: {@code wafUri}, else {@code issuer}. */
    public String wafBase(String issuer) {
      String base = wafUri == null || wafUri.isBlank() ? issuer : wafUri;
      return base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
    }

    /** The pause after the {@code failed}-th failed call: base * 2^(failed-1), at most the cap. */
    public Duration backoff(int failed) {
      Duration d = backoffBase;
      for (int i = 1; i < failed && d.compareTo(backoffCap) < 0; i++) {
        d = d.multipliedBy(2);
      }
      return d.compareTo(backoffCap) > 0 ? backoffCap : d;
    }

    /** Never shows the secret (properties end up in logs and failure reports). */
    @Override
    public String toString() {
      return "LeaseRelease[clientId=" + clientId + ", clientSecret=" + (enabled() ? "(set)" : "(unset)")
          + ", scope=" + scope + ", wafUri=" + wafUri + ", backoffBase=" + backoffBase + ", backoffCap="
          + backoffCap + ", maxAttempts=" + maxAttempts + ", timeout=" + timeout + ", threads=" + threads
          + ", rememberReleased=" + rememberReleased + ", rememberedMax=" + rememberedMax + ", checkRetryAfter="
          + checkRetryAfter + "]";
    }
  }

  /**
   * The Trusted Node REGISTER (EPC-24, EPC-25).
   *
   * @param sendWafIdentity EPC-25, seed 003 A.3.2 step 5: {@code authorization-entity="<host of the token's
   *     iss>"} in the forwarded Authorization; on by default, since the IMS core refuses a subscriber that
   *     lists its allowed WAFs without it (SCS-06a). Off only toward a core that rejects the parameter.
   */
  public record Tna(@DefaultValue("true") boolean sendWafIdentity) {
  }

  /**
   * Scenario 1, SIP digest with TLS (EPC-09..18, EPC-22). On: Digest REGISTERs pass through to the
   * S-CSCF, and so does a REGISTER without credentials, whose 401 then carries the S-CSCF's Digest
   * challenges and the Bearer one. Off: a token-only W2 endpoint, where every REGISTER without a
   * Bearer token gets the Bearer challenge alone and nothing is forwarded.
   */
  public record Digest(@DefaultValue("true") boolean enabled) {
  }

  /**
   * Draining on SIGTERM (issue 16, docs/operations.md): readiness false and new handshakes refused at once, every
   * WIC flow closed with 1001 after {@code delay} (time for a load balancer to see readiness fall), the whole stop
   * within {@code timeout}.
   */
  public record Drain(
      @DefaultValue("5s") Duration delay,
      @DefaultValue("15s") Duration timeout) {

    public Drain {
      if (delay == null || delay.isNegative() || delay.compareTo(Duration.ofMinutes(5)) > 0) {
        throw new IllegalArgumentException("webims.epcscf.drain.delay must be 0..5m");
      }
      if (timeout == null || timeout.compareTo(delay) <= 0 || timeout.compareTo(Duration.ofMinutes(10)) > 0) {
        throw new IllegalArgumentException("webims.epcscf.drain.timeout must be more than drain.delay, at most 10m");
      }
    }
  }

  /** The Mw side toward the S-CSCF (EPC-01, EPC-06). */
  public record Core(
      @DefaultValue("sip:127.0.0.1:5060;transport=tcp") String uri,
      @DefaultValue("127.0.0.1") String bindAddress,
      @DefaultValue("5062") int port,
      String host,
      @DefaultValue("500ms") Duration t1,
      @DefaultValue("1") int eventLoops,
      @DefaultValue("10m") Duration idleTimeout,
      @DefaultValue("5s") Duration connectTimeout,
      @DefaultValue("10000") int maxConnections) {

    public Core {
      requireText(uri, "webims.epcscf.core.uri");
      requireText(bindAddress, "webims.epcscf.core.bind-address");
      if (port < 0 || port > 65535) {
        throw new IllegalArgumentException("webims.epcscf.core.port must be 0..65535");
      }
      if (host == null || host.isBlank()) {
        host = bindAddress;
      }
      requirePositive(t1, "webims.epcscf.core.t1");
      if (eventLoops < 0) {
        throw new IllegalArgumentException("webims.epcscf.core.event-loops must be 0 (one per core) or more");
      }
      requirePositive(connectTimeout, "webims.epcscf.core.connect-timeout");
      if (idleTimeout == null || idleTimeout.isNegative()) {
        throw new IllegalArgumentException("webims.epcscf.core.idle-timeout must be 0 (never) or more");
      }
      if (maxConnections < 1) {
        throw new IllegalArgumentException("webims.epcscf.core.max-connections must be positive");
      }
    }
  }

  /**
   * Abuse resistance (EPC-21): failed token validations per source address that lock it out (then
   * REGISTERs from it get 403 with Retry-After, unvalidated). How often refusals are logged is the event log's
   * {@code webims.events.*} (issue 16).
   */
  public record Abuse(@DefaultValue FailureLockout.Limits badTokenLockout) {
  }

  /**
   * Issue 13: work on a WIC's message that may block (a token's signature check, which may fetch the WAF's JWKS)
   * runs on these threads, never on the event loop that reads the WIC's WebSocket; a REGISTER whose check finds
   * the queue full is answered as if the keys were unavailable (401).
   *
   * @param threads threads for such work (1..64)
   * @param queueCapacity checks waiting for a thread at most (1..1000000)
   */
  public record Offload(
      @DefaultValue("2") int threads,
      @DefaultValue("10000") int queueCapacity) {

    public Offload {
      requireRange(threads, 1, 64, "webims.epcscf.offload.threads");
      requireRange(queueCapacity, 1, 1_000_000, "webims.epcscf.offload.queue-capacity");
    }
  }

  /**
   * Sessions through the eP-CSCF (issue 14).
   *
   * @param maxDialogsPerFlow the confirmed dialogs (and INVITEs from the core awaiting the WIC's answer)
   *     remembered per WIC flow, so that the flow's loss ends them with a BYE toward the core (EPC-66);
   *     further ones are carried but not ended by the eP-CSCF (1..1000)
   */
  public record Calls(@DefaultValue("16") int maxDialogsPerFlow) {

    public Calls {
      requireRange(maxDialogsPerFlow, 1, 1000, "webims.epcscf.calls.max-dialogs-per-flow");
    }
  }

  /**
   * The eIMS-AGW (EPC-80..82): rtpengine's ng control address, empty for none (media then always flows end
   * to end); how long one ng attempt waits and how often it is repeated; which sessions are anchored
   * ({@code non-webrtc} or {@code always}); the start of this eP-CSCF's gateway call ids (empty: derived
   * from the core side's host and port, so that eP-CSCFs sharing a gateway differ); how often the gateway's
   * calls are reconciled with this eP-CSCF's sessions (0 off) and how many are listed at a time; how many
   * messages of one call wait while a gateway command for it is under way.
   */
  public record Media(
      String ngAddress,
      @DefaultValue("1s") Duration timeout,
      @DefaultValue("2") int retries,
      @DefaultValue("non-webrtc") String anchor,
      String callIdPrefix,
      @DefaultValue("60s") Duration reconcileInterval,
      @DefaultValue("256") int reconcileLimit,
      @DefaultValue("32") int maxQueuedPerCall) {

    public Media {
      if (ngAddress != null && !ngAddress.isBlank()) {
        int colon = ngAddress.lastIndexOf(':');
        int port = -1;
        try {
          port = colon > 0 ? Integer.parseInt(ngAddress.substring(colon + 1)) : -1;
        } catch (NumberFormatException e) {
          port = -1;
        }
        if (port < 1 || port > 65535) {
          throw new IllegalArgumentException("webims.epcscf.media.ng-address must be host:port: " + ngAddress);
        }
      }
      requirePositive(timeout, "webims.epcscf.media.timeout");
      if (timeout.compareTo(Duration.ofSeconds(30)) > 0) {
        throw new IllegalArgumentException("webims.epcscf.media.timeout must be at most 30s");
      }
      requireRange(retries, 0, 10, "webims.epcscf.media.retries");
      AnchoringPolicy.Mode.of(anchor);
      if (reconcileInterval == null || reconcileInterval.isNegative()
          || (!reconcileInterval.isZero() && reconcileInterval.compareTo(Duration.ofSeconds(1)) < 0)) {
        throw new IllegalArgumentException("webims.epcscf.media.reconcile-interval must be 0 (off) or at least 1s");
      }
      requireRange(reconcileLimit, 1, 1000, "webims.epcscf.media.reconcile-limit");
      requireRange(maxQueuedPerCall, 1, 1000, "webims.epcscf.media.max-queued-per-call");
    }

    /** Whether a gateway is configured. */
    public boolean enabled() {
      return ngAddress != null && !ngAddress.isBlank();
    }

    /** The ng address, resolved. */
    public InetSocketAddress ng() {
      int colon = ngAddress.lastIndexOf(':');
      String host = ngAddress.substring(0, colon);
      if (host.startsWith("[") && host.endsWith("]")) {
        host = host.substring(1, host.length() - 1);
      }
      return new InetSocketAddress(host, Integer.parseInt(ngAddress.substring(colon + 1)));
    }
  }

  private static void requireText(String value, String name) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException(name + " must not be empty");
    }
  }

  private static void requireRange(int value, int min, int max, String name) {
    if (value < min || value > max) {
      throw new IllegalArgumentException(name + " must be " + min + ".." + max);
    }
  }

  private static void requirePositive(Duration value, String name) {
    if (value == null || value.isNegative() || value.isZero()) {
      throw new IllegalArgumentException(name + " must be positive");
    }
  }
}
