package org.webims.server.web;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Base64;
import org.webims.server.abuse.FailureLockout;
import org.webims.server.abuse.RateLimitedLog;

/**
 * HTTP Basic (RFC 7617) for one configured user, the same on a servlet ({@link BasicAuthFilter}) and a reactive
 * server ({@code ManagementWebFilter}): compares SHA-256 digests in constant time; wrong credentials count against
 * the source address and the user name given ({@link FailureLockout}), and a locked source or user is refused
 * without the credentials being checked. Neither the password nor the received credentials are kept or logged.
 */
public final class BasicAuthGuard {

  /** What a request gets: through, a 401 challenge, or a 429 for {@code retryAfter}. */
  public record Verdict(boolean allowed, Duration retryAfter) {

    static final Verdict ALLOWED = new Verdict(true, Duration.ZERO);
    static final Verdict CHALLENGE = new Verdict(false, Duration.ZERO);

    public boolean locked() {
      return !retryAfter.isZero();
    }
  }

  private final String realm;
  private final String what;
  private final byte[] expected;
  private final FailureLockout lockout;
  private final RateLimitedLog refusals;

  /**
   * @param realm the challenge's realm
   * @param what what is protected, for the refusal log and the 401's detail ("admin API", "management port")
   */
  public BasicAuthGuard(String realm, String what, String username, String password, FailureLockout lockout,
      RateLimitedLog refusals) {
    this.realm = realm;
    this.what = what;
    this.expected = sha256(username + ":" + password);
    this.lockout = lockout;
    this.refusals = refusals;
  }

  /** Checks the {@code Authorization} header (may be null) of a request from {@code source}. */
  public Verdict check(String source, String method, String path, String authorization, long nowMillis) {
    String credentials = decode(authorization);
    String userKey = credentials == null ? null : "user:" + user(credentials);
    Duration locked = lockout.lockedFor(nowMillis, "source:" + source, userKey);
    if (!locked.isZero()) {
      refusals.refused(source, nowMillis, what + ": " + method + " from " + source
          + " refused: too many failed sign-ins");
      return new Verdict(false, locked);
    }
    if (credentials != null && MessageDigest.isEqual(expected, sha256(credentials))) {
      lockout.succeeded(userKey);
      return Verdict.ALLOWED;
    }
    if (authorization != null) {
      // No header is a client's first step before the challenge; wrong or unreadable credentials count.
      lockout.failed(nowMillis, "source:" + source, userKey);
    }
    refusals.refused(source, nowMillis, what + ": unauthenticated " + method + " " + path + " from " + source);
    return Verdict.CHALLENGE;
  }

  /** The {@code WWW-Authenticate} header of a 401. */
  public String challenge() {
    return "Basic realm=\"" + realm + "\", charset=\"UTF-8\"";
  }

  /** The RFC 9457 body of a refusal (401 or 429). */
  public byte[] problem(Verdict verdict) {
    String body = verdict.locked()
        ? problem("Too Many Requests", 429, "Too many failed sign-ins. Try again in "
            + FailureLockout.inWords(verdict.retryAfter()) + ".")
        : problem("Unauthorized", 401, "HTTP Basic credentials of the " + what + " are required");
    return body.getBytes(StandardCharsets.UTF_8);
  }

  private static String problem(String title, int status, String detail) {
    return "{\"type\":\"about:blank\",\"title\":\"" + title + "\",\"status\":" + status + ",\"detail\":\"" + detail
        + "\"}";
  }

  /** "user:password" of a Basic header, or null when there is none or it does not decode. */
  private static String decode(String authorization) {
    if (authorization == null || !authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
      return null;
    }
    try {
      return new String(Base64.getDecoder().decode(authorization.substring(6).trim()), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  private static String user(String credentials) {
    int colon = credentials.indexOf(':');
    return colon < 0 ? credentials : credentials.substring(0, colon);
  }

  private static byte[] sha256(String text) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
