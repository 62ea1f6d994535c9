package org.webims.wwsf.session;

import java.time.Instant;
import java.util.ArrayList;
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
import org.webims.waf.token.ImsAccessTokenCustomizer;

/**
 * The signed-in user from the WAF's access token itself (WAF-02): {@code sub} the web identity, {@code impi} and
 * {@code impu} the IMS identity. The token is verified with the WAF's keys in this process, so sign-in needs no
 * user-info call.
 */
@Component
public class ImsTokenUserService implements OAuth2UserService<OAuth2UserRequest, OAuth2User> {

  public static final String ATTRIBUTE_SUB = "sub";
  public static final String ATTRIBUTE_IMPI = ImsAccessTokenCustomizer.CLAIM_IMPI;
  public static final String ATTRIBUTE_IMPUS = "impus";

  private final JwtDecoder decoder;

  public ImsTokenUserService(JwtDecoder decoder) {
    this.decoder = decoder;
  }

  @Override
  public OAuth2User loadUser(OAuth2UserRequest request) {
    ImsToken token;
    try {
      token = ImsToken.of(decoder.decode(request.getAccessToken().getTokenValue()));
    } catch (JwtException | IllegalArgumentException e) {
      throw new OAuth2AuthenticationException(new OAuth2Error("invalid_token",
          "the WAF's access token does not carry an IMS identity", null), e);
    }
    // ArrayList, not List.copyOf: when this user signs in again, the WAF stores it as the authorization's
    // principal and reads it back only with collection types Spring Security's Jackson allow-list knows.
    return new DefaultOAuth2User(AuthorityUtils.createAuthorityList("ROLE_WEB_USER"),
        Map.of(ATTRIBUTE_SUB, token.webIdentity(), ATTRIBUTE_IMPI, token.impi(),
            ATTRIBUTE_IMPUS, new ArrayList<>(token.impus())),
        ATTRIBUTE_SUB);
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
