package org.webims.waf.web;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;
import org.springframework.security.web.authentication.SimpleUrlAuthenticationFailureHandler;
import org.springframework.web.util.HtmlUtils;

/**
 * The sign-in form's failure handling (WAF-02): a locked-out sign-in gets 429 with Retry-After and a page that
 * says how long to wait (the form is of no use until then); any other failure goes back to the form with
 * {@code ?error} as before.
 */
final class SignInLockedPage implements AuthenticationFailureHandler {

  private final SimpleUrlAuthenticationFailureHandler form;

  SignInLockedPage(String loginPath) {
    this.form = new SimpleUrlAuthenticationFailureHandler(loginPath + "?error");
  }

  @Override
  public void onAuthenticationFailure(HttpServletRequest request, HttpServletResponse response,
      AuthenticationException exception) throws IOException, ServletException {
    if (!(exception instanceof SignInLockedException locked)) {
      form.onAuthenticationFailure(request, response, exception);
      return;
    }
    String message = HtmlUtils.htmlEscape(locked.getMessage());
    response.setStatus(429);
    response.setHeader("Retry-After", Long.toString(locked.retryAfter().toSeconds()));
    response.setContentType("text/html;charset=UTF-8");
    response.getOutputStream().write(("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
        + "<title>Sign-in paused</title></head><body><main><h1>Sign-in paused</h1><p role=\"alert\">" + message
        + "</p><p><a href=\"" + request.getContextPath() + WafSecurityConfiguration.LOGIN_PATH
        + "\">Back to sign-in</a></p></main></body></html>\n").getBytes(StandardCharsets.UTF_8));
  }
}
