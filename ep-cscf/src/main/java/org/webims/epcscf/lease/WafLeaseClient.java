package org.webims.epcscf.lease;

import com.nimbusds.jose.util.JSONObjectUtils;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import javax.net.ssl.SSLContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.webims.epcscf.config.EpCscfProperties;

/**
 * EPC-28, WAF-11: one call of the WAF's lease release endpoint (issue 6 contract), {@code POST
 * {waf}/api/v1/leases/{id}/release}, or of its lease endpoint, {@code GET {waf}/api/v1/leases/{id}},
 * with a Bearer token of the OAuth 2.0 client-credentials grant (RFC 6749 §4.4,
 * {@code client_secret_basic}). The token is fetched on first use and kept until
 * shortly before it expires. Blocking: never call it on the SIP event loop. Thread-safe. Neither the
 * token nor the client secret is ever logged.
 */
public final class WafLeaseClient {

  private static final Logger log = LoggerFactory.getLogger(WafLeaseClient.class);
  /** Response bodies read at most (a token response is a few kB). */
  private static final int MAX_BODY = 64 * 1024;

  /** What to do after a call. */
  public enum Outcome {
    /** 2xx: released now, or already released or expired (the endpoint is idempotent). */
    RELEASED,
    /** 4xx (unknown lease, refused client): calling again would not help. */
    REFUSED,
    /** A network error or 5xx: worth another call later. */
    RETRY
  }

  /** A lease's state as the WAF tells it (EPC-28). */
  public enum LeaseStatus {
    LIVE,
    /** Released, lapsed, or unknown to the WAF: its tokens no longer grant the IMPU. */
    ENDED,
    /** The WAF could not be asked or gave no usable answer. */
    UNAVAILABLE
  }

  private final EpCscfProperties.LeaseRelease config;
  private final HttpClient http;
  private final Clock clock;
  private final URI tokenUri;
  private final String leasesBase;
  private final String basicAuthorization;
  private volatile CachedToken cached;

  private record CachedToken(String value, Instant renewAt) {
  }

  /** @param ssl trust toward the WAF, or null for the JDK's default */
  public WafLeaseClient(EpCscfProperties.LeaseRelease config, String issuer, SSLContext ssl, Clock clock) {
    this.config = config;
    this.clock = clock;
    String base = config.wafBase(issuer);
    this.tokenUri = URI.create(base + "/oauth2/token");
    this.leasesBase = base + "/api/v1/leases/";
    // RFC 6749 §2.3.1: id and secret are form-encoded before Basic encoding.
    String pair = form(config.clientId()) + ":" + form(config.clientSecret());
    this.basicAuthorization = "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8));
    HttpClient.Builder b = HttpClient.newBuilder().connectTimeout(config.timeout())
        .followRedirects(HttpClient.Redirect.NEVER);
    if (ssl != null) {
      b.sslContext(ssl);
    }
    this.http = b.build();
  }

  /**
   * Tells the WAF that the IMPU of {@code leaseId} can be leased again.
   *
   * @param reason {@code deregistered}, {@code network-deregistered} or {@code flow-lost-expired}
   */
  public Outcome release(String leaseId, String reason) {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(leasesBase + form(leaseId) + "/release"))
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString("{\"reason\":\"" + reason + "\"}"));
    int status;
    try {
      status = send(request).statusCode();
    } catch (TokenUnavailable e) {
      return e.outcome;
    } catch (IOException e) {
      log.info("lease {} release: WAF not reachable ({})", leaseId, e.getClass().getSimpleName());
      return Outcome.RETRY;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Outcome.REFUSED;
    }
    if (status / 100 == 2) {
      return Outcome.RELEASED;
    }
    if (status >= 500) {
      log.info("lease {} release: WAF answered {}", leaseId, status);
      return Outcome.RETRY;
    }
    log.warn("lease {} release refused by the WAF: {}", leaseId, status);
    return Outcome.REFUSED;
  }

  /**
   * What the WAF says of {@code leaseId} ({@code GET {waf}/api/v1/leases/{id}}, scope
   * {@code waf.lease.read}): {@link LeaseStatus#LIVE}, {@link LeaseStatus#ENDED} (released, lapsed,
   * or unknown to the WAF), or {@link LeaseStatus#UNAVAILABLE} when it could not be asked.
   */
  public LeaseStatus state(String leaseId) {
    HttpResponse<byte[]> response;
    try {
      response = send(HttpRequest.newBuilder(URI.create(leasesBase + form(leaseId))).GET());
    } catch (TokenUnavailable e) {
      return LeaseStatus.UNAVAILABLE;
    } catch (IOException e) {
      log.info("lease {} state: WAF not reachable ({})", leaseId, e.getClass().getSimpleName());
      return LeaseStatus.UNAVAILABLE;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return LeaseStatus.UNAVAILABLE;
    }
    int status = response.statusCode();
    if (status == 404) {
      return LeaseStatus.ENDED;
    }
    if (status != 200) {
      // A 403 means the client lacks waf.lease.read (configuration); 5xx a WAF in trouble.
      log.warn("lease {} state: WAF answered {}", leaseId, status);
      return LeaseStatus.UNAVAILABLE;
    }
    try {
      String state = JSONObjectUtils.getString(JSONObjectUtils.parse(body(response.body())), "state");
      if ("live".equals(state)) {
        return LeaseStatus.LIVE;
      }
      if ("released".equals(state) || "expired".equals(state)) {
        return LeaseStatus.ENDED;
      }
      throw new ParseException("no known state", 0);
    } catch (ParseException e) {
      log.warn("lease {} state: WAF response not understood: {}", leaseId, e.getMessage());
      return LeaseStatus.UNAVAILABLE;
    }
  }

  /**
   * Sends {@code request} with the kept token; after a 401 once more with a fresh one (the WAF may
   * have restarted or the token been revoked).
   */
  private HttpResponse<byte[]> send(HttpRequest.Builder request)
      throws TokenUnavailable, IOException, InterruptedException {
    request.timeout(config.timeout()).header("Accept", "application/json, application/problem+json");
    HttpResponse<byte[]> response = http.send(request.copy().header("Authorization", "Bearer " + token()).build(),
        HttpResponse.BodyHandlers.ofByteArray());
    if (response.statusCode() == 401) {
      cached = null;
      response = http.send(request.header("Authorization", "Bearer " + token()).build(),
          HttpResponse.BodyHandlers.ofByteArray());
    }
    return response;
  }

  private String token() throws TokenUnavailable {
    CachedToken t = cached;
    if (t != null && clock.instant().isBefore(t.renewAt())) {
      return t.value();
    }
    synchronized (this) {
      t = cached;
      if (t != null && clock.instant().isBefore(t.renewAt())) {
        return t.value();
      }
      t = fetchToken();
      cached = t;
      return t.value();
    }
  }

  /** RFC 6749 §4.4.2: the client-credentials token request. */
  private CachedToken fetchToken() throws TokenUnavailable {
    HttpRequest request = HttpRequest.newBuilder(tokenUri)
        .timeout(config.timeout())
        .header("Authorization", basicAuthorization)
        .header("Content-Type", "application/x-www-form-urlencoded")
        .header("Accept", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials&scope=" + form(config.scope())))
        .build();
    HttpResponse<byte[]> response;
    try {
      response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
    } catch (IOException e) {
      log.info("WAF token endpoint not reachable ({})", e.getClass().getSimpleName());
      throw new TokenUnavailable(Outcome.RETRY);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new TokenUnavailable(Outcome.REFUSED);
    }
    int status = response.statusCode();
    if (status != 200) {
      if (status >= 500) {
        log.info("WAF token endpoint answered {}", status);
        throw new TokenUnavailable(Outcome.RETRY);
      }
      // RFC 6749 §5.2: the error code names the problem (invalid_client, invalid_scope) and holds no secret.
      log.warn("WAF token endpoint refused client {}: {} {}", config.clientId(), status, errorCode(response.body()));
      throw new TokenUnavailable(Outcome.REFUSED);
    }
    try {
      Map<String, Object> json = JSONObjectUtils.parse(body(response.body()));
      String value = JSONObjectUtils.getString(json, "access_token");
      Number expiresIn = json.get("expires_in") instanceof Number n ? n : 60;
      if (value == null || value.isEmpty()) {
        throw new ParseException("no access_token", 0);
      }
      long seconds = expiresIn.longValue();
      // Renewed before it runs out: a minute early, or at half its life when it is short.
      long early = Math.min(60, seconds / 2);
      return new CachedToken(value, clock.instant().plus(Duration.ofSeconds(seconds - early)));
    } catch (ParseException e) {
      // Not the parser's message: it may quote the body, which holds the access token.
      log.warn("WAF token response not understood (no JSON object with an access_token)");
      throw new TokenUnavailable(Outcome.RETRY);
    }
  }

  private static String errorCode(byte[] body) {
    try {
      Object error = JSONObjectUtils.parse(body(body)).get("error");
      return error instanceof String s && s.length() <= 64 ? s : "";
    } catch (ParseException e) {
      return "";
    }
  }

  private static String body(byte[] bytes) throws ParseException {
    if (bytes.length > MAX_BODY) {
      throw new ParseException("response larger than " + MAX_BODY + " bytes", 0);
    }
    return new String(bytes, StandardCharsets.UTF_8);
  }

  private static String form(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }

  /** No token to call with; {@code outcome} says whether a later call may get one. */
  private static final class TokenUnavailable extends Exception {
    private final transient Outcome outcome;

    TokenUnavailable(Outcome outcome) {
      super(null, null, false, false);
      this.outcome = outcome;
    }
  }
}
