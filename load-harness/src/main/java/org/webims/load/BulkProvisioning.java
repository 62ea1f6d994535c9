package org.webims.load;

import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.springframework.context.ApplicationContext;
import org.springframework.core.ResolvableType;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.context.AuthorizationServerContext;
import org.springframework.security.oauth2.server.authorization.settings.AuthorizationServerSettings;
import org.springframework.security.oauth2.server.authorization.token.DefaultOAuth2TokenContext;
import org.springframework.security.oauth2.server.authorization.token.JwtEncodingContext;
import org.springframework.security.oauth2.server.authorization.token.JwtGenerator;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenCustomizer;
import org.webims.ims.hss.Subscriber;
import org.webims.ims.hss.SubscriberRepository;
import org.webims.waf.identity.IdentityMappingRepository;
import org.webims.waf.identity.ImsIdentity;
import org.webims.waf.identity.WebUser;
import org.webims.waf.identity.WebUserRepository;
import org.webims.waf.token.ImsAccessTokenCustomizer;
import org.webims.waf.web.WafSecurityConfiguration;

/**
 * Provisions a run's subscribers through the normal stores: web users and their IMS identities in the WAF's
 * repositories, subscribers in the IMS core's HSS repository; and mints each web user's access token with the
 * WAF's own signer (its JWK source and its token customizer, as the token endpoint does), skipping only the
 * browser sign-in, which is not what this harness measures.
 */
final class BulkProvisioning {

  private BulkProvisioning() {
  }

  /** Web users {@code load<i>} with one IMPU each, in the WAF (null: Digest mode, no WAF) and the HSS. */
  static List<Identity> provision(int count, String domain, ApplicationContext waf, ApplicationContext ims) {
    SubscriberRepository hss = ims.getBean(SubscriberRepository.class);
    WebUserRepository users = waf == null ? null : waf.getBean(WebUserRepository.class);
    IdentityMappingRepository mappings = waf == null ? null : waf.getBean(IdentityMappingRepository.class);
    // One hash for every user: the web password is never used here, and bcrypt costs ~0.1 s per call.
    String passwordHash = waf == null ? null : waf.getBean(PasswordEncoder.class).encode("load-web-password");
    List<Identity> identities = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      Identity id = Identity.of(i, domain);
      hss.save(Subscriber.withPassword(id.impi(), domain, List.of(id.impu()), WssFlow.DIGEST_PASSWORD, List.of()));
      if (users != null) {
        users.save(new WebUser(id.webUser(), passwordHash, true, Set.of()));
        mappings.save(id.webUser(), new ImsIdentity(id.impi(), List.of(id.impu())));
      }
      identities.add(id);
    }
    return identities;
  }

  /** Each identity with an access token for the WWSF client, scope {@code openid ims.register}. */
  @SuppressWarnings("unchecked")
  static List<Identity> mintTokens(List<Identity> identities, ApplicationContext waf) {
    JWKSource<SecurityContext> keys = (JWKSource<SecurityContext>) waf.getBeanProvider(
        ResolvableType.forClassWithGenerics(JWKSource.class, SecurityContext.class)).getObject();
    OAuth2TokenCustomizer<JwtEncodingContext> customizer = (OAuth2TokenCustomizer<JwtEncodingContext>) waf
        .getBeanProvider(ResolvableType.forClassWithGenerics(OAuth2TokenCustomizer.class, JwtEncodingContext.class))
        .getObject();
    JwtGenerator generator = new JwtGenerator(new NimbusJwtEncoder(keys));
    generator.setJwtCustomizer(customizer);
    RegisteredClient client = waf.getBean(RegisteredClientRepository.class)
        .findByClientId(WafSecurityConfiguration.WWSF_CLIENT_ID);
    AuthorizationServerSettings settings = waf.getBean(AuthorizationServerSettings.class);
    AuthorizationServerContext server = new AuthorizationServerContext() {
      @Override
      public String getIssuer() {
        return settings.getIssuer();
      }

      @Override
      public AuthorizationServerSettings getAuthorizationServerSettings() {
        return settings;
      }
    };
    List<Identity> withTokens = new ArrayList<>(identities.size());
    for (Identity id : identities) {
      var principal = UsernamePasswordAuthenticationToken.authenticated(id.webUser(), null, List.of());
      var context = DefaultOAuth2TokenContext.builder().registeredClient(client).principal(principal)
          .authorizationServerContext(server).tokenType(OAuth2TokenType.ACCESS_TOKEN)
          .authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
          .authorizedScopes(Set.of("openid", ImsAccessTokenCustomizer.SCOPE_IMS_REGISTER)).build();
      withTokens.add(id.withToken(generator.generate(context).getTokenValue()));
    }
    return withTokens;
  }
}
