package org.webims.waf.web;

import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.MediaType;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.OAuth2AuthorizationServerConfiguration;
import org.springframework.security.config.annotation.web.configurers.oauth2.server.authorization.OAuth2AuthorizationServerConfigurer;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.core.oidc.OidcScopes;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.server.authorization.JdbcOAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.client.InMemoryRegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.settings.AuthorizationServerSettings;
import org.springframework.security.oauth2.server.authorization.settings.ClientSettings;
import org.springframework.security.oauth2.server.authorization.settings.TokenSettings;
import org.springframework.security.oauth2.server.authorization.token.JwtEncodingContext;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenCustomizer;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.util.matcher.MediaTypeRequestMatcher;
import org.webims.waf.config.WafProperties;
import org.webims.waf.config.WafSchema;
import org.webims.waf.identity.IdentityMappingRepository;
import org.webims.waf.pool.ImpuLeaseService;
import org.webims.waf.token.DatabaseJwkSource;
import org.webims.waf.token.ImsAccessTokenCustomizer;
import org.webims.waf.token.SigningKeyService;

/**
 * The WAF's HTTP side: Spring Security 7's authorization server (authorization code + PKCE, JWKS, metadata,
 * OIDC) in one chain, form login for web users in another (WAF-02, WAF-07, WAF-08). Declaring these chains
 * switches off Boot's own, so every authorization server bean is declared here.
 */
@Configuration(proxyBeanMethods = false)
public class WafSecurityConfiguration {

  /** The registered client id of the WWSF, also its stable database id. */
  public static final String WWSF_CLIENT_ID = "wwsf";
  /** The form login page of web users (GET shows it, POST signs in). */
  public static final String LOGIN_PATH = "/login";
  /** The style sheet of Spring Security's generated login page. */
  public static final String LOGIN_STYLE_SHEET = "/default-ui.css";

  @Bean
  @Order(1)
  SecurityFilterChain wafAuthorizationServerChain(HttpSecurity http) throws Exception {
    OAuth2AuthorizationServerConfigurer authorizationServer = new OAuth2AuthorizationServerConfigurer();
    http.securityMatcher(authorizationServer.getEndpointsMatcher())
        .with(authorizationServer, server -> server.oidc(Customizer.withDefaults()))
        .authorizeHttpRequests(requests -> requests.anyRequest().authenticated())
        .exceptionHandling(exceptions -> exceptions.defaultAuthenticationEntryPointFor(
            new LoginUrlAuthenticationEntryPoint(LOGIN_PATH),
            new MediaTypeRequestMatcher(MediaType.TEXT_HTML)))
        .oauth2ResourceServer(resourceServer -> resourceServer.jwt(Customizer.withDefaults()));
    return http.build();
  }

  /**
   * The form login of web users, on {@link #LOGIN_PATH} only: an application importing the WAF (the WWSF) keeps
   * every other path for its own chain. The standalone {@code WafApplication} adds a catch-all chain after it.
   */
  @Bean
  @Order(2)
  SecurityFilterChain wafLoginChain(HttpSecurity http) throws Exception {
    // The generated login page's style sheet belongs to this chain too: were another chain to demand
    // authentication for it, its entry point would save that request over the pending authorization request.
    http.securityMatcher(LOGIN_PATH, LOGIN_STYLE_SHEET)
        .authorizeHttpRequests(requests -> requests.anyRequest().permitAll())
        .formLogin(Customizer.withDefaults()); // Spring's generated page at /login
    return http.build();
  }

  /** The WWSF client of the contract: confidential, authorization code with PKCE required, no consent. */
  @Bean
  RegisteredClientRepository wafRegisteredClientRepository(WafProperties properties,
      PasswordEncoder passwordEncoder) {
    WafProperties.Wwsf wwsf = properties.clients().wwsf();
    RegisteredClient client = RegisteredClient.withId(WWSF_CLIENT_ID)
        .clientId(WWSF_CLIENT_ID)
        .clientName("WWSF")
        .clientSecret(passwordEncoder.encode(wwsf.secret()))
        .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
        .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_POST)
        .authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
        // The WWSF renews the WIC's short-lived token without sending the user through the login again.
        .authorizationGrantType(AuthorizationGrantType.REFRESH_TOKEN)
        .redirectUri(wwsf.redirectUri())
        .scope(OidcScopes.OPENID)
        .scope(ImsAccessTokenCustomizer.SCOPE_IMS_REGISTER)
        .clientSettings(ClientSettings.builder().requireProofKey(true).requireAuthorizationConsent(false)
            .build())
        .tokenSettings(TokenSettings.builder().accessTokenTimeToLive(properties.token().lifetime()).build())
        .build();
    return new InMemoryRegisteredClientRepository(client);
  }

  @Bean
  OAuth2AuthorizationService wafAuthorizationService(WafSchema schema,
      RegisteredClientRepository clients) {
    return new JdbcOAuth2AuthorizationService(schema.jdbc(), clients);
  }

  @Bean
  AuthorizationServerSettings wafAuthorizationServerSettings(WafProperties properties) {
    return AuthorizationServerSettings.builder().issuer(properties.issuer()).build();
  }

  @Bean
  JWKSource<SecurityContext> wafJwkSource(SigningKeyService keys) {
    return new DatabaseJwkSource(keys);
  }

  @Bean
  JwtDecoder wafJwtDecoder(JWKSource<SecurityContext> jwkSource) {
    return OAuth2AuthorizationServerConfiguration.jwtDecoder(jwkSource);
  }

  @Bean
  OAuth2TokenCustomizer<JwtEncodingContext> wafTokenCustomizer(IdentityMappingRepository mappings,
      ImpuLeaseService leases, SigningKeyService keys, WafProperties properties) {
    return new ImsAccessTokenCustomizer(mappings, leases, keys, properties.token().audience());
  }
}
