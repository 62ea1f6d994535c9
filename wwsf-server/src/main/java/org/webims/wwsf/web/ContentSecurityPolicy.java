package org.webims.wwsf.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * A Content-Security-Policy on every response of the WWSF (its pages, the WAF's sign-in form, error pages):
 * scripts, styles and everything else from this origin only, no plugins, no framing, forms posted here only,
 * and WebSocket connections to the configured eP-CSCF. The one inline script of a page (the WIC's start call with
 * the page's settings) runs by a fresh nonce per response, given to templates as {@value #NONCE_ATTRIBUTE}.
 */
public final class ContentSecurityPolicy extends HttpFilter {

  /** The request attribute (and so template variable) holding this response's script nonce. */
  public static final String NONCE_ATTRIBUTE = "cspNonce";

  private static final SecureRandom RANDOM = new SecureRandom();

  private final String connectSrc;
  private final String formAction;

  /**
   * @param epcscfUrl the eP-CSCF's WebSocket URL the WIC connects to
   * @param wafIssuer the WAF's issuer URL: the sign-in form's redirects go there, and browsers check a form's
   *     redirects against {@code form-action} too
   */
  public ContentSecurityPolicy(String epcscfUrl, String wafIssuer) {
    this.connectSrc = "'self' " + epcscfUrl;
    this.formAction = "'self' " + wafIssuer;
  }

  @Override
  protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws IOException, ServletException {
    String nonce = (String) request.getAttribute(NONCE_ATTRIBUTE);
    if (nonce == null) { // an error dispatch keeps the nonce of its request
      byte[] bytes = new byte[18];
      RANDOM.nextBytes(bytes);
      nonce = Base64.getEncoder().encodeToString(bytes);
      request.setAttribute(NONCE_ATTRIBUTE, nonce);
    }
    response.setHeader("Content-Security-Policy", "default-src 'self'; script-src 'self' 'nonce-" + nonce + "'; "
        + "style-src 'self'; img-src 'self' data:; connect-src " + connectSrc + "; object-src 'none'; "
        + "frame-ancestors 'none'; base-uri 'none'; form-action " + formAction);
    chain.doFilter(request, response);
  }
}
