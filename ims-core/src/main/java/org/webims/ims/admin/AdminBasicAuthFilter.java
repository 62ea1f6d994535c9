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
import java.util.Base64;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * HTTP Basic (RFC 7617) in front of every path of the admin server: the one configured user.
 * Compares SHA-256 digests in constant time; a failure gets 401 with a challenge and a
 * problem+json body (RFC 9457). Neither the password nor the received credentials are logged.
 */
public final class AdminBasicAuthFilter extends HttpFilter {

  static final String REALM = "webims-ims-admin";
  private static final Logger log = LoggerFactory.getLogger(AdminBasicAuthFilter.class);

  private final byte[] expected;

  public AdminBasicAuthFilter(String username, String password) {
    this.expected = sha256(username + ":" + password);
  }

  @Override
  protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws IOException, ServletException {
    if (authenticated(request.getHeader("Authorization"))) {
      chain.doFilter(request, response);
      return;
    }
    log.info("admin API: unauthenticated {} {} from {}", request.getMethod(), request.getRequestURI(),
        request.getRemoteAddr());
    response.setStatus(HttpServletResponse.SC_UNAUTHORIZED);
    response.setHeader("WWW-Authenticate", "Basic realm=\"" + REALM + "\", charset=\"UTF-8\"");
    response.setContentType("application/problem+json");
    response.getOutputStream().write(("{\"type\":\"about:blank\",\"title\":\"Unauthorized\",\"status\":401,"
        + "\"detail\":\"HTTP Basic credentials of the admin user are required\"}").getBytes(StandardCharsets.UTF_8));
  }

  private boolean authenticated(String authorization) {
    if (authorization == null || !authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
      return false;
    }
    String decoded;
    try {
      decoded = new String(Base64.getDecoder().decode(authorization.substring(6).trim()), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return false;
    }
    return MessageDigest.isEqual(expected, sha256(decoded));
  }

  private static byte[] sha256(String text) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
