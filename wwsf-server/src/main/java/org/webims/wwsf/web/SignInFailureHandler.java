package org.webims.wwsf.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;
import org.springframework.security.web.authentication.logout.SecurityContextLogoutHandler;
import org.webims.waf.token.ImsAccessTokenCustomizer;

/**
 * A sign-in that did not end with a token: back to the signed-out home page with a reason it shows in words. The
 * web user the WAF's login form signed in is signed out again, so nothing of the attempt stays in the session.
 */
public class SignInFailureHandler implements AuthenticationFailureHandler {

  /** The query parameter of the home page that names why sign-in failed. */
  public static final String PARAMETER = "signin";
  public static final String NO_IMS_IDENTITY = "no-ims-identity";
  /** Every IMPU of the user's pool is leased (issue 6): try again later. */
  public static final String POOL_EXHAUSTED = "pool-exhausted";
  public static final String FAILED = "failed";

  @Override
  public void onAuthenticationFailure(HttpServletRequest request, HttpServletResponse response,
      AuthenticationException exception) throws IOException {
    new SecurityContextLogoutHandler().logout(request, response, null);
    response.sendRedirect(request.getContextPath() + "/?" + PARAMETER + "=" + reason(exception));
  }

  static String reason(AuthenticationException exception) {
    if (exception instanceof OAuth2AuthenticationException oauth
        && OAuth2ErrorCodes.INVALID_GRANT.equals(oauth.getError().getErrorCode())) {
      String description = oauth.getError().getDescription();
      if (ImsAccessTokenCustomizer.NO_IMS_IDENTITY.equals(description)) {
        return NO_IMS_IDENTITY;
      }
      if (ImsAccessTokenCustomizer.POOL_EXHAUSTED.equals(description)) {
        return POOL_EXHAUSTED;
      }
    }
    return FAILED;
  }
}
