package org.webims.waf.api;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.security.oauth2.server.resource.web.BearerTokenAuthenticationEntryPoint;
import org.springframework.security.oauth2.server.resource.web.access.BearerTokenAccessDeniedHandler;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.webims.server.web.Rfc9457Problem;

/**
 * The REST API's refusals before a controller runs (no or bad token, missing scope): Spring's RFC 6750
 * {@code WWW-Authenticate} challenge plus an RFC 9457 problem body, like every other API error.
 */
public final class ApiProblems {

  private ApiProblems() {
  }

  /** 401: no token, or one that does not verify (signature, issuer, expiry). */
  public static AuthenticationEntryPoint authenticationEntryPoint() {
    BearerTokenAuthenticationEntryPoint challenge = new BearerTokenAuthenticationEntryPoint();
    return (request, response, exception) -> {
      challenge.commence(request, response, exception);
      write(response, "Unauthorized",
          "A valid Bearer token of the client credentials grant is required (see docs/rest-api.md).");
    };
  }

  /** 403: a valid token without the scope this operation needs. */
  public static AccessDeniedHandler accessDeniedHandler() {
    BearerTokenAccessDeniedHandler challenge = new BearerTokenAccessDeniedHandler();
    return (request, response, exception) -> {
      challenge.handle(request, response, exception);
      write(response, "Forbidden", "The token lacks the scope this operation needs.");
    };
  }

  private static void write(HttpServletResponse response, String title, String detail) throws IOException {
    Rfc9457Problem.write(response, response.getStatus(), title, detail, null);
  }
}
