package org.webims.wwsf.session;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Instant;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.client.OAuth2AuthorizeRequest;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClient;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClientManager;
import org.springframework.security.oauth2.client.authentication.OAuth2AuthenticationToken;
import org.springframework.security.oauth2.core.OAuth2AccessToken;
import org.springframework.security.oauth2.core.OAuth2AuthorizationException;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.stereotype.Component;
import org.webims.waf.pool.ImpuLease;
import org.webims.waf.pool.ImpuLeaseService;
import org.webims.waf.token.ImsAccessTokenCustomizer;
import org.webims.wwsf.config.WwsfProperties;
import org.webims.wwsf.config.WwsfSecurityConfiguration;
import org.webims.wwsf.session.ImsTokenUserService.ImsToken;

/**
 * The WIC session of a signed-in user (WAF-01, WAF-02, WIC-30; issue 4 and 6 contracts): a currently valid access
 * token, renewed by refresh token when it expires within {@code webims.wwsf.token-refresh-margin}, and its IMS
 * identity. A pool user's token is handed out only while its lease is live (WAF-10, WAF-11): once the eP-CSCF or
 * an operator released it, or it lapsed, a fresh token is fetched at once, so the WAF leases an IMPU again. The WAF
 * runs in this process, so the lease is looked up in its service, not over HTTP.
 */
@Component
public class WicSessions {

  private final OAuth2AuthorizedClientManager authorizedClients;
  private final JwtDecoder decoder;
  private final WwsfProperties properties;
  private final ImpuLeaseService leases;

  public WicSessions(OAuth2AuthorizedClientManager authorizedClients, JwtDecoder decoder, WwsfProperties properties,
      ImpuLeaseService leases) {
    this.authorizedClients = authorizedClients;
    this.decoder = decoder;
    this.properties = properties;
    this.leases = leases;
  }

  /** Why there is no session: the HTTP status and a sentence for the user (a problem's {@code detail}). */
  public static final class Unavailable extends Exception {
    private final HttpStatus status;

    Unavailable(HttpStatus status, String detail) {
      super(detail, null, false, false);
      this.status = status;
    }

    public HttpStatus status() {
      return status;
    }
  }

  static final String NOT_SIGNED_IN = "Not signed in.";
  static final String SIGN_IN_EXPIRED = "The sign-in has expired: sign in again.";
  static final String TOKEN_INVALID = "The token is no longer valid: sign in again.";
  static final String NO_IMS_IDENTITY = "This web account has no IMS identity, so it cannot register.";
  /** WAF-10: every IMPU of the user's pool is leased to someone else. */
  public static final String POOL_EXHAUSTED = "Every public identity of your pool is in use. Try again later.";

  /** The session of {@code authentication}'s user, or why there is none. */
  public WicSession current(Authentication authentication, HttpServletRequest request, HttpServletResponse response)
      throws Unavailable {
    // Only a completed OAuth sign-in counts, not a web user half-way through the WAF's login form.
    if (!(authentication instanceof OAuth2AuthenticationToken)) {
      throw new Unavailable(HttpStatus.UNAUTHORIZED, NOT_SIGNED_IN);
    }
    OAuth2AuthorizedClient client = authorize(
        OAuth2AuthorizeRequest.withClientRegistrationId(WwsfSecurityConfiguration.WAF_REGISTRATION_ID),
        authentication, request, response);
    Jwt jwt = decode(client);
    ImpuLease lease = lease(jwt);
    if (jwt.hasClaim(ImsAccessTokenCustomizer.CLAIM_IMPU_LEASE) && lease == null) {
      // Released (deregistration, operator) or lapsed: a token naming it would be refused by the eP-CSCF.
      String stale = client.getAccessToken().getTokenValue();
      client = authorize(OAuth2AuthorizeRequest.withAuthorizedClient(expired(client)), authentication, request,
          response);
      if (stale.equals(client.getAccessToken().getTokenValue())) {
        throw new Unavailable(HttpStatus.UNAUTHORIZED, SIGN_IN_EXPIRED); // no refresh token
      }
      jwt = decode(client);
      lease = lease(jwt);
      if (lease == null) {
        throw new Unavailable(HttpStatus.SERVICE_UNAVAILABLE, POOL_EXHAUSTED);
      }
    }
    // An operator without IMS identity is signed in for the console only: nothing to register with.
    if (!jwt.hasClaim(ImsAccessTokenCustomizer.CLAIM_IMPI)) {
      throw new Unavailable(HttpStatus.FORBIDDEN, NO_IMS_IDENTITY);
    }
    ImsToken token;
    try {
      token = ImsToken.of(jwt);
    } catch (IllegalArgumentException e) {
      throw new Unavailable(HttpStatus.UNAUTHORIZED, TOKEN_INVALID);
    }
    return new WicSession(token.value(), token.impi(), token.impus(), properties.epcscfUrl(), properties.realm(),
        token.expiresAt().toString(), lease == null ? null
            : new WicSession.Lease(lease.id(), lease.pool(), lease.impu(), lease.expiresAt().toString()));
  }

  private OAuth2AuthorizedClient authorize(OAuth2AuthorizeRequest.Builder builder, Authentication authentication,
      HttpServletRequest request, HttpServletResponse response) throws Unavailable {
    OAuth2AuthorizedClient client;
    try {
      client = authorizedClients.authorize(builder.principal(authentication)
          .attribute(HttpServletRequest.class.getName(), request)
          .attribute(HttpServletResponse.class.getName(), response)
          .build());
    } catch (OAuth2AuthorizationException e) {
      if (OAuth2ErrorCodes.INVALID_GRANT.equals(e.getError().getErrorCode())
          && ImsAccessTokenCustomizer.POOL_EXHAUSTED.equals(e.getError().getDescription())) {
        throw new Unavailable(HttpStatus.SERVICE_UNAVAILABLE, POOL_EXHAUSTED);
      }
      throw new Unavailable(HttpStatus.UNAUTHORIZED, SIGN_IN_EXPIRED);
    }
    if (client == null) {
      throw new Unavailable(HttpStatus.UNAUTHORIZED, SIGN_IN_EXPIRED);
    }
    return client;
  }

  private Jwt decode(OAuth2AuthorizedClient client) throws Unavailable {
    try {
      return decoder.decode(client.getAccessToken().getTokenValue());
    } catch (JwtException e) {
      throw new Unavailable(HttpStatus.UNAUTHORIZED, TOKEN_INVALID);
    }
  }

  /** The token's pool lease while it is live, else null (also for a fixed mapping's token). */
  private ImpuLease lease(Jwt jwt) {
    String id = jwt.getClaimAsString(ImsAccessTokenCustomizer.CLAIM_IMPU_LEASE);
    return id == null ? null : leases.find(id).filter(ImpuLease::isLive).orElse(null);
  }

  /** {@code client} with its access token marked expired: authorizing it again uses the refresh token. */
  private static OAuth2AuthorizedClient expired(OAuth2AuthorizedClient client) {
    OAuth2AccessToken token = client.getAccessToken();
    OAuth2AccessToken stale = new OAuth2AccessToken(token.getTokenType(), token.getTokenValue(), Instant.EPOCH,
        Instant.EPOCH.plusSeconds(1), token.getScopes());
    return new OAuth2AuthorizedClient(client.getClientRegistration(), client.getPrincipalName(), stale,
        client.getRefreshToken());
  }
}
