package org.webims.ims.admin;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.InstantSource;
import java.util.Base64;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.webims.server.abuse.FailureLockout;
import org.webims.server.abuse.RateLimitedLog;

/**
 * HTTP Basic (RFC 7617) in front of every path of the admin server: the one configured user.
 * Compares SHA-256 digests in constant time; a failure gets 401 with a challenge and a
 * problem+json body (RFC 9457). Wrong credentials count against the source address and the user
 * name given ({@link FailureLockout}); a locked source or user gets 429 with Retry-After, without the
 * credentials being checked (SCS-12). Neither the password nor the received credentials are logged.
 */
public final class AdminBasicAuthFilter extends HttpFilter {

  static final String REALM = "webims-ims-admin";
  private static final Logger log = LoggerFactory.getLogger(AdminBasicAuthFilter.class);

  private final byte[] expected;
  private final FailureLockout lockout;
  private final RateLimitedLog refusals;
  private final InstantSource clock;

  public AdminBasicAuthFilter(String username, String password, FailureLockout lockout, RateLimitedLog refusals,
      InstantSource clock) {
    this.expected = sha256(username + ":" + password);
    this.lockout = lockout;
    this.refusals = refusals;
    this.clock = clock;
  }

  /** A refusal log of admin sign-ins at INFO, one line per source per {@code interval}. */
  public static RateLimitedLog refusalLog(Duration interval, int capacity) {
    return new RateLimitedLog("refused admin API requests", interval, capacity, RateLimitedLog.toInfo(log));
  }

  @Override
  protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws IOException, ServletException {
    long now = clock.millis();
    String source = request.getRemoteAddr();
    String authorization = request.getHeader("Authorization");
    String credentials = decode(authorization);
    String userKey = credentials == null ? null : "user:" + user(credentials);
    Duration locked = lockout.lockedFor(now, "source:" + source, userKey);
    if (!locked.isZero()) {
      refusals.refused(source, now, "admin API: " + request.getMethod() + " from " + source
          + " refused: too many failed sign-ins");
      response.setStatus(429);
      response.setHeader("Retry-After", Long.toString(locked.toSeconds()));
      problem(response, "Too Many Requests", 429, "Too many failed sign-ins. Try again in "
          + FailureLockout.inWords(locked) + ".");
      return;
    }
    if (credentials != null && MessageDigest.isEqual(expected, sha256(credentials))) {
      lockout.succeeded(userKey);
      chain.doFilter(request, response);
      return;
    }
    if (authorization != null) {
      // No header is a client's first step before the challenge; wrong or unreadable credentials count.
      lockout.failed(now, "source:" + source, userKey);
    }
    refusals.refused(source, now, "admin API: unauthenticated " + request.getMethod() + " "
        + request.getRequestURI() + " from " + source);
    response.setStatus(HttpServletResponse.SC_UNAUTHORIZED);
    response.setHeader("WWW-Authenticate", "Basic realm=\"" + REALM + "\", charset=\"UTF-8\"");
    problem(response, "Unauthorized", 401, "HTTP Basic credentials of the admin user are required");
  }

  private static void problem(HttpServletResponse response, String title, int status, String detail)
      throws IOException {
    response.setContentType("application/problem+json");
    response.getOutputStream().write(("{\"type\":\"about:blank\",\"title\":\"" + title + "\",\"status\":" + status
        + ",\"detail\":\"" + detail + "\"}").getBytes(StandardCharsets.UTF_8));
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
