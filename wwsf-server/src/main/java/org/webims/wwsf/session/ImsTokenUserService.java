package org.webims.wwsf.session;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.oauth2.client.userinfo.OAuth2UserRequest;
import org.springframework.security.oauth2.client.userinfo.OAuth2UserService;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.user.DefaultOAuth2User;
import org.springframework.security.oauth2.core.user.OAuth2User;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.stereotype.Component;
import org.webims.waf.identity.WebUserRole;
import org.webims.waf.token.ImsAccessTokenCustomizer;

/**
 * The signed-in user from the WAF's access token itself (WAF-02): {@code sub} the web identity, {@code impi} and
 * {@code impu} the IMS identity, {@code roles} the roles beyond web user. The token is verified with the WAF's keys
 * in this process, so sign-in needs no user-info call. An operator's token may carry no IMS identity (the WAF
 * issues it only to operators): such a user gets no {@code impi}/{@code impus} attributes. A pool user (issue 6)
 * also gets {@code impu_pool}: its IMPU may change with its lease, so pages ask {@link WicSessions} for it.
 */
@Component
public class ImsTokenUserService implements OAuth2UserService<OAuth2UserRequest, OAuth2User> {

  public static final String ATTRIBUTE_SUB = "sub";
  public static final String ATTRIBUTE_IMPI = ImsAccessTokenCustomizer.CLAIM_IMPI;
  public static final String ATTRIBUTE_IMPUS = "impus";
  public static final String ATTRIBUTE_ROLES = ImsAccessTokenCustomizer.CLAIM_ROLES;
  /** The IMPU pool of a user served from one (issue 6); absent for a fixed mapping. */
  public static final String ATTRIBUTE_POOL = ImsAccessTokenCustomizer.CLAIM_IMPU_POOL;
  /** The authority of an operator: may open the console. */
  public static final String OPERATOR_AUTHORITY = WebUserRole.OPERATOR.authority();

  private final JwtDecoder decoder;

  public ImsTokenUserService(JwtDecoder decoder) {
    this.decoder = decoder;
  }

  @Override
  public OAuth2User loadUser(OAuth2UserRequest request) {
    Jwt jwt;
    try {
      jwt = decoder.decode(request.getAccessToken().getTokenValue());
    } catch (JwtException e) {
      throw invalidToken(e);
    }
    List<String> roles = jwt.hasClaim(ATTRIBUTE_ROLES) ? jwt.getClaimAsStringList(ATTRIBUTE_ROLES) : List.of();
    boolean operator = roles.contains(WebUserRole.OPERATOR.roleName());
    // ArrayList and HashMap, not List.copyOf or Map.of: when this user signs in again, the WAF stores it as the
    // authorization's principal and reads it back only with types Spring Security's Jackson allow-list knows.
    Map<String, Object> attributes = new HashMap<>();
    List<String> authorities = new ArrayList<>(List.of(WebUserRole.WEB_USER_AUTHORITY));
    if (operator) {
      authorities.add(OPERATOR_AUTHORITY);
      attributes.put(ATTRIBUTE_ROLES, new ArrayList<>(roles));
    }
    if (operator && !jwt.hasClaim(ImsAccessTokenCustomizer.CLAIM_IMPI)) {
      if (jwt.getSubject() == null) {
        throw invalidToken(null);
      }
      attributes.put(ATTRIBUTE_SUB, jwt.getSubject());
    } else {
      ImsToken token;
      try {
        token = ImsToken.of(jwt);
      } catch (IllegalArgumentException e) {
        throw invalidToken(e);
      }
      attributes.put(ATTRIBUTE_SUB, token.webIdentity());
      attributes.put(ATTRIBUTE_IMPI, token.impi());
      attributes.put(ATTRIBUTE_IMPUS, new ArrayList<>(token.impus()));
      if (jwt.hasClaim(ATTRIBUTE_POOL)) {
        attributes.put(ATTRIBUTE_POOL, jwt.getClaimAsString(ATTRIBUTE_POOL));
      }
    }
    return new DefaultOAuth2User(AuthorityUtils.createAuthorityList(authorities), attributes, ATTRIBUTE_SUB);
  }

  private static OAuth2AuthenticationException invalidToken(Exception cause) {
    return new OAuth2AuthenticationException(new OAuth2Error("invalid_token",
        "the WAF's access token does not carry an IMS identity", null), cause);
  }

  /** The IMS identity a verified access token carries. */
  record ImsToken(String value, String webIdentity, String impi, List<String> impus, Instant expiresAt) {

    static ImsToken of(Jwt jwt) {
      String impi = jwt.getClaimAsString(ImsAccessTokenCustomizer.CLAIM_IMPI);
      List<String> impus = jwt.getClaimAsStringList(ImsAccessTokenCustomizer.CLAIM_IMPU);
      if (jwt.getSubject() == null || impi == null || impus == null || impus.isEmpty()
          || jwt.getExpiresAt() == null) {
        throw new IllegalArgumentException("the token lacks sub, impi, impu or exp");
      }
      return new ImsToken(jwt.getTokenValue(), jwt.getSubject(), impi, List.copyOf(impus), jwt.getExpiresAt());
    }
  }
}
