package org.webims.waf.web;

import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.OAuth2AuthorizationServerConfiguration;
import org.springframework.security.config.annotation.web.configurers.oauth2.server.authorization.OAuth2AuthorizationServerConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.core.oidc.OidcScopes;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
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
import org.webims.server.abuse.FailureLockout;
import org.webims.server.events.EventLog;
import org.webims.waf.api.ApiPaths;
import org.webims.waf.api.ApiProblems;
import org.webims.waf.config.WafProperties;
import org.webims.waf.metrics.WafMetrics;
import org.webims.waf.config.WafSchema;
import org.webims.waf.identity.IdentityMappingRepository;
import org.webims.waf.pool.ImpuLeaseService;
import org.webims.waf.token.DatabaseJwkSource;
import org.webims.waf.token.ImsAccessTokenCustomizer;
import org.webims.waf.token.SigningKeyService;

/**
 * The WAF's HTTP side: Spring Security 7's authorization server (authorization code + PKCE, client credentials,
 * JWKS, metadata, OIDC) in one chain, form login for web users in another (WAF-02, WAF-07, WAF-08), and the REST
 * API as a resource server in a third. Declaring these chains
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
  /** The scope of the eP-CSCF's client: release pool IMPU leases (EPC-28, WAF-11). */
  public static final String SCOPE_LEASE_RELEASE = "waf.lease.release";
  /**
   * The eP-CSCF client's second scope: read a lease's state ({@code GET /api/v1/leases/{id}}), so a token of a
   * released lease is refused on every eP-CSCF node, a restarted one too (EPC-28).
   */
  public static final String SCOPE_LEASE_READ = "waf.lease.read";
  /** The scope of the automation client: the whole provisioning REST API. */
  public static final String SCOPE_ADMIN = "waf.admin";

  /**
   * The WAF's REST API ({@link ApiPaths#BASE}): Bearer tokens of the client credentials grant, checked against
   * the WAF's own signing keys and issuer; no session, no CSRF (no cookie authenticates here). Scope
   * {@link #SCOPE_ADMIN} for everything, {@link #SCOPE_LEASE_RELEASE} also for the release of a lease,
   * {@link #SCOPE_LEASE_READ} also for reading one; the
   * OpenAPI document is public. Refusals are RFC 9457 problems with the RFC 6750 challenge.
   */
  @Bean
  @Order(0)
  SecurityFilterChain wafApiChain(HttpSecurity http, JWKSource<SecurityContext> jwkSource,
      WafProperties properties) throws Exception {
    NimbusJwtDecoder decoder = (NimbusJwtDecoder) OAuth2AuthorizationServerConfiguration.jwtDecoder(jwkSource);
    decoder.setJwtValidator(JwtValidators.createDefaultWithIssuer(properties.issuer()));
    http.securityMatcher(ApiPaths.BASE + "/**")
        .authorizeHttpRequests(requests -> requests
            .requestMatchers(HttpMethod.GET, ApiPaths.BASE + ApiPaths.OPENAPI).permitAll()
            .requestMatchers(HttpMethod.POST, ApiPaths.BASE + ApiPaths.LEASE_RELEASE)
            .hasAnyAuthority("SCOPE_" + SCOPE_ADMIN, "SCOPE_" + SCOPE_LEASE_RELEASE)
            .requestMatchers(HttpMethod.GET, ApiPaths.BASE + ApiPaths.LEASE)
            .hasAnyAuthority("SCOPE_" + SCOPE_ADMIN, "SCOPE_" + SCOPE_LEASE_READ)
            .anyRequest().hasAuthority("SCOPE_" + SCOPE_ADMIN))
        .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
        .csrf(csrf -> csrf.disable())
        .requestCache(cache -> cache.disable())
        .exceptionHandling(exceptions -> exceptions
            .authenticationEntryPoint(ApiProblems.authenticationEntryPoint())
            .accessDeniedHandler(ApiProblems.accessDeniedHandler()))
        .oauth2ResourceServer(resourceServer -> resourceServer
            .jwt(jwt -> jwt.decoder(decoder))
            .authenticationEntryPoint(ApiProblems.authenticationEntryPoint())
            .accessDeniedHandler(ApiProblems.accessDeniedHandler()));
    return http.build();
  }

  /** WAF-02: client authentication (token, introspection, revocation) throttled per client id and source. */
  @Bean
  @Order(1)
  SecurityFilterChain wafAuthorizationServerChain(HttpSecurity http, WafProperties properties, WafMetrics metrics,
      EventLog wafEvents) throws Exception {
    OAuth2AuthorizationServerConfigurer authorizationServer = new OAuth2AuthorizationServerConfigurer();
    WafProperties.Abuse abuse = properties.abuse();
    FailureLockout lockout = new FailureLockout(abuse.clientLockout());
    http.securityMatcher(authorizationServer.getEndpointsMatcher())
        .with(authorizationServer, server -> server.oidc(Customizer.withDefaults())
            .clientAuthentication(clients -> clients
                .authenticationProviders(providers -> providers.replaceAll(provider -> new ThrottledAuthentication(
                    provider, lockout, wafEvents, InstantSource.system(),
                    ClientLockedException::new, metrics, "client")))
                .errorResponseHandler(new ClientAuthenticationFailureHandler())))
        .authorizeHttpRequests(requests -> requests.anyRequest().authenticated())
        .exceptionHandling(exceptions -> exceptions.defaultAuthenticationEntryPointFor(
            new LoginUrlAuthenticationEntryPoint(LOGIN_PATH),
            new MediaTypeRequestMatcher(MediaType.TEXT_HTML)))
        .oauth2ResourceServer(resourceServer -> resourceServer.jwt(Customizer.withDefaults()));
    return http.build();
  }

  /**
   * The form login of web users, on {@link #LOGIN_PATH} only: an application importing the WAF (the WWSF) keeps
   * every other path for its own chain, and renders the page itself when it declares a {@link WafLoginPage}. The
   * standalone {@code WafApplication} adds a catch-all chain after it.
   */
  @Bean
  @Order(2)
  SecurityFilterChain wafLoginChain(HttpSecurity http, ObjectProvider<WafLoginPage> ownPage, UserDetailsService users,
      PasswordEncoder passwordEncoder, WafProperties properties, WafMetrics metrics, EventLog wafEvents)
      throws Exception {
    // WAF-02: the form's passwords are checked behind the lockout, per user name and per source address.
    DaoAuthenticationProvider passwords = new DaoAuthenticationProvider(users);
    passwords.setPasswordEncoder(passwordEncoder);
    WafProperties.Abuse abuse = properties.abuse();
    // The generated login page's style sheet belongs to this chain too: were another chain to demand
    // authentication for it, its entry point would save that request over the pending authorization request.
    http.securityMatcher(LOGIN_PATH, LOGIN_STYLE_SHEET)
        .authorizeHttpRequests(requests -> requests.anyRequest().permitAll())
        .authenticationManager(new ProviderManager(new ThrottledAuthentication(passwords,
            new FailureLockout(abuse.signInLockout()), wafEvents, InstantSource.system(), SignInLockedException::new,
            metrics, "web")));
    SignInLockedPage failures = new SignInLockedPage(LOGIN_PATH);
    if (ownPage.getIfAvailable() != null) {
      http.formLogin(form -> form.loginPage(LOGIN_PATH).failureHandler(failures)); // the application's page at /login
    } else {
      http.formLogin(form -> form.failureHandler(failures)); // Spring's generated page at /login
    }
    return http.build();
  }

  /**
   * The WWSF client of the contract (confidential, authorization code with PKCE required, no consent), and the
   * client credentials clients whose secrets are configured: the eP-CSCF (scopes {@link #SCOPE_LEASE_RELEASE} and
   * {@link #SCOPE_LEASE_READ}) and
   * automation (scope {@link #SCOPE_ADMIN}).
   */
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
    List<RegisteredClient> clients = new ArrayList<>(List.of(client));
    serviceClient(properties.clients().epCscf(), "eP-CSCF", List.of(SCOPE_LEASE_RELEASE, SCOPE_LEASE_READ),
        properties, passwordEncoder).ifPresent(clients::add);
    serviceClient(properties.clients().automation(), "Automation", List.of(SCOPE_ADMIN), properties,
        passwordEncoder)
        .ifPresent(clients::add);
    return new InMemoryRegisteredClientRepository(clients);
  }

  private static Optional<RegisteredClient> serviceClient(WafProperties.ServiceClient configured, String name,
      List<String> scopes, WafProperties properties, PasswordEncoder passwordEncoder) {
    if (!configured.enabled()) {
      return Optional.empty();
    }
    return Optional.of(RegisteredClient.withId(configured.clientId())
        .clientId(configured.clientId())
        .clientName(name)
        .clientSecret(passwordEncoder.encode(configured.secret()))
        .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
        .authorizationGrantType(AuthorizationGrantType.CLIENT_CREDENTIALS)
        .scopes(s -> s.addAll(scopes))
        .tokenSettings(TokenSettings.builder().accessTokenTimeToLive(properties.token().lifetime()).build())
        .build());
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
