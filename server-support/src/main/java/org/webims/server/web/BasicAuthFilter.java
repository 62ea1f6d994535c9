package org.webims.server.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.InstantSource;

/**
 * {@link BasicAuthGuard} in front of every path of a servlet server (the IMS core's admin API, SCS-12; the
 * management port, issue 16): a failure gets 401 with a challenge, a locked source or user 429 with Retry-After,
 * both with a problem+json body (RFC 9457).
 */
public final class BasicAuthFilter extends HttpFilter {

  private final BasicAuthGuard guard;
  private final InstantSource clock;

  public BasicAuthFilter(BasicAuthGuard guard, InstantSource clock) {
    this.guard = guard;
    this.clock = clock;
  }

  @Override
  protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws IOException, ServletException {
    BasicAuthGuard.Verdict verdict = guard.check(request.getRemoteAddr(), request.getMethod(),
        request.getRequestURI(), request.getHeader("Authorization"), clock.millis());
    if (verdict.allowed()) {
      chain.doFilter(request, response);
      return;
    }
    if (verdict.locked()) {
      response.setStatus(429);
      response.setHeader("Retry-After", Long.toString(verdict.retryAfter().toSeconds()));
    } else {
      response.setStatus(HttpServletResponse.SC_UNAUTHORIZED);
      response.setHeader("WWW-Authenticate", guard.challenge());
    }
    response.setContentType("application/problem+json");
    response.getOutputStream().write(guard.problem(verdict));
  }
}
