package org.webims.wwsf.session;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.client.OAuth2AuthorizeRequest;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClient;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClientManager;
import org.springframework.security.oauth2.client.authentication.OAuth2AuthenticationToken;
import org.springframework.security.oauth2.core.OAuth2AuthorizationException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.webims.waf.token.ImsAccessTokenCustomizer;
import org.webims.wwsf.config.WwsfProperties;
import org.webims.wwsf.config.WwsfSecurityConfiguration;
import org.webims.wwsf.session.ImsTokenUserService.ImsToken;

/**
 * {@code GET /wic/session}: hands the WIC of the signed-in user its access token and IMS identity over HTTPS
 * (WAF-01, WAF-02, WIC-30; issue 4 contract). The token is renewed by refresh token when it expires within
 * {@code webims.wwsf.token-refresh-margin}. Never cached; 401 with a problem body when there is no usable sign-in.
 */
@RestController
public class WicSessionController {

  public static final String PATH = "/wic/session";

  private final OAuth2AuthorizedClientManager authorizedClients;
  private final JwtDecoder decoder;
  private final WwsfProperties properties;

  public WicSessionController(OAuth2AuthorizedClientManager authorizedClients, JwtDecoder decoder,
      WwsfProperties properties) {
    this.authorizedClients = authorizedClients;
    this.decoder = decoder;
    this.properties = properties;
  }

  @GetMapping(PATH)
  public ResponseEntity<?> session(Authentication authentication, HttpServletRequest request,
      HttpServletResponse response) {
    // Only a completed OAuth sign-in counts, not a web user half-way through the WAF's login form.
    if (!(authentication instanceof OAuth2AuthenticationToken)) {
      return unauthorized("Not signed in.");
    }
    OAuth2AuthorizedClient client;
    try {
      client = authorizedClients.authorize(
          OAuth2AuthorizeRequest.withClientRegistrationId(WwsfSecurityConfiguration.WAF_REGISTRATION_ID)
              .principal(authentication)
              .attribute(HttpServletRequest.class.getName(), request)
              .attribute(HttpServletResponse.class.getName(), response)
              .build());
    } catch (OAuth2AuthorizationException e) {
      return unauthorized("The sign-in has expired: sign in again.");
    }
    if (client == null) {
      return unauthorized("The sign-in has expired: sign in again.");
    }
    Jwt jwt;
    ImsToken token;
    try {
      jwt = decoder.decode(client.getAccessToken().getTokenValue());
    } catch (JwtException e) {
      return unauthorized("The token is no longer valid: sign in again.");
    }
    // An operator without IMS identity is signed in for the console only: nothing to register with.
    if (!jwt.hasClaim(ImsAccessTokenCustomizer.CLAIM_IMPI)) {
      ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.FORBIDDEN,
          "This web account has no IMS identity, so it cannot register.");
      return ResponseEntity.status(HttpStatus.FORBIDDEN).cacheControl(CacheControl.noStore()).body(problem);
    }
    try {
      token = ImsToken.of(jwt);
    } catch (IllegalArgumentException e) {
      return unauthorized("The token is no longer valid: sign in again.");
    }
    return ResponseEntity.ok().cacheControl(CacheControl.noStore()).body(new WicSession(token.value(),
        token.impi(), token.impus(), properties.epcscfUrl(), properties.realm(), token.expiresAt().toString()));
  }

  private static ResponseEntity<ProblemDetail> unauthorized(String detail) {
    ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.UNAUTHORIZED, detail);
    return ResponseEntity.status(HttpStatus.UNAUTHORIZED).cacheControl(CacheControl.noStore()).body(problem);
  }
}
