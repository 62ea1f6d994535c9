package org.webims.waf.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.ServletServerHttpResponse;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.core.http.converter.OAuth2ErrorHttpMessageConverter;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;

/**
 * The error response of a failed OAuth client authentication, as the authorization server writes it (RFC 6749
 * §5.2: 401 for {@code invalid_client}, else 400), plus Retry-After when the client or source is locked out.
 */
final class ClientAuthenticationFailureHandler implements AuthenticationFailureHandler {

  private final OAuth2ErrorHttpMessageConverter converter = new OAuth2ErrorHttpMessageConverter();

  @Override
  public void onAuthenticationFailure(HttpServletRequest request, HttpServletResponse response,
      AuthenticationException exception) throws IOException {
    OAuth2Error error = exception instanceof OAuth2AuthenticationException oauth ? oauth.getError()
        : new OAuth2Error(OAuth2ErrorCodes.INVALID_CLIENT);
    ServletServerHttpResponse http = new ServletServerHttpResponse(response);
    http.setStatusCode(OAuth2ErrorCodes.INVALID_CLIENT.equals(error.getErrorCode())
        ? HttpStatus.UNAUTHORIZED : HttpStatus.BAD_REQUEST);
    if (exception instanceof ClientLockedException locked) {
      http.getHeaders().set("Retry-After", Long.toString(locked.retryAfter().toSeconds()));
    }
    converter.write(error, null, http);
  }
}
