package org.webims.waf.token;

import java.util.ArrayList;
import java.util.List;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;
import org.springframework.security.oauth2.server.authorization.token.JwtEncodingContext;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenCustomizer;
import org.webims.waf.identity.IdentityMappingRepository;
import org.webims.waf.identity.ImsIdentity;

/**
 * The one place where the WAF's tokens get their IMS claims (WAF-02..05, contract "The access token"): {@code aud}
 * the eP-CSCF, {@code impi}, {@code impu} (default IMPU first), {@code client_id}; and every JWT names its signing
 * key in {@code kid}. A web identity with no IMS identity gets no token (WAF-03).
 */
public class ImsAccessTokenCustomizer implements OAuth2TokenCustomizer<JwtEncodingContext> {

  /** The scope that lets a WIC register in the IMS (contract, EPC-20). */
  public static final String SCOPE_IMS_REGISTER = "ims.register";
  public static final String CLAIM_IMPI = "impi";
  public static final String CLAIM_IMPU = "impu";
  public static final String CLAIM_CLIENT_ID = "client_id";
  /** The {@code error_description} of the {@code invalid_grant} for a web identity without IMS identity (WAF-03). */
  public static final String NO_IMS_IDENTITY = "No IMS identity is provisioned for this web identity";

  private final IdentityMappingRepository mappings;
  private final SigningKeyService keys;
  private final String audience;

  public ImsAccessTokenCustomizer(IdentityMappingRepository mappings, SigningKeyService keys, String audience) {
    this.mappings = mappings;
    this.keys = keys;
    this.audience = audience;
  }

  @Override
  public void customize(JwtEncodingContext context) {
    context.getJwsHeader().keyId(keys.currentKey().kid());
    if (!OAuth2TokenType.ACCESS_TOKEN.equals(context.getTokenType())) {
      return;
    }
    String webIdentity = context.getPrincipal().getName();
    ImsIdentity identity = mappings.findByWebIdentity(webIdentity)
        .orElseThrow(ImsAccessTokenCustomizer::noImsIdentity);
    // ArrayList, not List.of: the authorization service stores the claims as JSON and reads them back only
    // with collection types Spring Security's Jackson allow-list knows (introspection, revocation).
    context.getClaims()
        .audience(new ArrayList<>(List.of(audience)))
        .claim(CLAIM_IMPI, identity.impi())
        .claim(CLAIM_IMPU, new ArrayList<>(identity.impus()))
        .claim(CLAIM_CLIENT_ID, context.getRegisteredClient().getClientId());
  }

  // The description names no user: it must stay within RFC 6749's error_description characters.
  private static OAuth2AuthenticationException noImsIdentity() {
    return new OAuth2AuthenticationException(new OAuth2Error(OAuth2ErrorCodes.INVALID_GRANT, NO_IMS_IDENTITY,
        null));
  }
}
