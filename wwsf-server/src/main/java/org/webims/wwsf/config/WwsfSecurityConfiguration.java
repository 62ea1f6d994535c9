package org.webims.wwsf.config;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServletResponse;
import java.net.http.HttpClient;
import java.time.Duration;
import javax.net.ssl.SSLContext;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.core.env.Environment;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.http.converter.FormHttpMessageConverter;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClientManager;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClientProviderBuilder;
import org.springframework.security.oauth2.client.authentication.OAuth2AuthenticationToken;
import org.springframework.security.oauth2.client.endpoint.RestClientAuthorizationCodeTokenResponseClient;
import org.springframework.security.oauth2.client.endpoint.RestClientRefreshTokenTokenResponseClient;
import org.springframework.security.oauth2.client.http.OAuth2ErrorResponseErrorHandler;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.client.registration.InMemoryClientRegistrationRepository;
import org.springframework.security.oauth2.client.web.DefaultOAuth2AuthorizedClientManager;
import org.springframework.security.oauth2.client.web.HttpSessionOAuth2AuthorizedClientRepository;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizedClientRepository;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.core.http.converter.OAuth2AccessTokenResponseHttpMessageConverter;
import org.springframework.security.oauth2.server.authorization.settings.AuthorizationServerSettings;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.savedrequest.NullRequestCache;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.AnyRequestMatcher;
import org.springframework.web.client.RestClient;
import org.webims.server.tls.TlsConfiguration;
import org.webims.server.tls.TlsProperties;
import org.webims.waf.config.WafProperties;
import org.webims.waf.token.ImsAccessTokenCustomizer;
import org.webims.waf.web.WafSecurityConfiguration;
import org.webims.wwsf.session.ImsTokenUserService;
import org.webims.wwsf.web.ConsoleController;
import org.webims.wwsf.web.ContentSecurityPolicy;
import org.webims.wwsf.web.ImsSignInController;
import org.webims.wwsf.web.SignInFailureHandler;

/**
 * The WWSF's sign-in as the WAF's OAuth client (WAF-02): authorization code with PKCE, the WAF's endpoints on this
 * origin, the token call over HTTPS to this server itself. Its chain comes after the WAF's two (authorization
 * server, login form) and owns every other path.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(WwsfProperties.class)
public class WwsfSecurityConfiguration {

  /** The registration id of the WAF: the callback is {@code /login/oauth2/code/waf}. */
  public static final String WAF_REGISTRATION_ID = "waf";
  /** Where the "Sign in" button goes: Spring's redirect to the WAF's authorization endpoint. */
  public static final String SIGN_IN_PATH = "/oauth2/authorization/" + WAF_REGISTRATION_ID;

  /**
   * Issue 16: Spring Security's chains also run on the management port (Spring Boot applies them to its child
   * context); there the management user's HTTP Basic of server-support guards every path, so no chain here
   * asks for a sign-in. Matches only requests to that port, never the public listener.
   */
  @Bean
  @Order(-1)
  SecurityFilterChain wwsfManagementChain(HttpSecurity http, Environment environment) throws Exception {
    http.securityMatcher(request -> Integer.toString(request.getLocalPort())
            .equals(environment.getProperty("local.management.port")))
        .authorizeHttpRequests(requests -> requests.anyRequest().permitAll())
        .csrf(csrf -> csrf.disable())
        .sessionManagement(sessions -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
        .requestCache(cache -> cache.requestCache(new NullRequestCache()));
    return http.build();
  }

  @Bean
  @Order(3)
  SecurityFilterChain wwsfChain(HttpSecurity http, ImsTokenUserService userService, RestClient wafTokenRestClient)
      throws Exception {
    RestClientAuthorizationCodeTokenResponseClient tokens = new RestClientAuthorizationCodeTokenResponseClient();
    tokens.setRestClient(wafTokenRestClient);
    http.authorizeHttpRequests(requests -> requests
            // /wic/session answers 401 itself (JSON, never a redirect); /wic/** is otherwise wic.js.
            // /ims: scenario 1, IMS credentials typed into the page, no web sign-in.
            .requestMatchers("/", "/error", "/css/**", "/js/**", "/favicon.svg", "/wic/**",
                ImsSignInController.PATH).permitAll()
            // Only a completed OAuth sign-in of an operator: not a web user half-way through the WAF's login
            // form, whose session holds the same roles but no token yet.
            .requestMatchers(ConsoleController.PATH, ConsoleController.PATH + "/**").access(
                (authentication, request) -> new AuthorizationDecision(
                    authentication.get() instanceof OAuth2AuthenticationToken signedIn
                        && signedIn.getAuthorities().stream().anyMatch(
                            authority -> ImsTokenUserService.OPERATOR_AUTHORITY.equals(authority.getAuthority()))))
            .anyRequest().authenticated())
        .oauth2Login(login -> login.loginPage("/")
            .tokenEndpoint(token -> token.accessTokenResponseClient(tokens))
            .userInfoEndpoint(userInfo -> userInfo.userService(userService))
            .defaultSuccessUrl("/", true)
            .failureHandler(new SignInFailureHandler()))
        .logout(logout -> logout.logoutSuccessUrl("/"))
        // Issue 12 item 9: signed out, only the console leads to sign-in; any other URL that needs a signed-in
        // user is one this server does not serve to anybody signed out, so it is "Page not found", not a
        // redirect home. Nothing is saved for after sign-in: sign-in always lands on "/", and a saved request
        // here would overwrite the WAF's pending authorization request in the same session.
        .exceptionHandling(exceptions -> exceptions
            .defaultAuthenticationEntryPointFor(new LoginUrlAuthenticationEntryPoint("/"),
                PathPatternRequestMatcher.withDefaults().matcher(ConsoleController.PATH + "/**"))
            .defaultAuthenticationEntryPointFor(
                (request, response, refused) -> response.sendError(HttpServletResponse.SC_NOT_FOUND),
                AnyRequestMatcher.INSTANCE))
        .requestCache(cache -> cache.requestCache(new NullRequestCache()));
    return http.build();
  }

  /** The WAF as seen by its {@code wwsf} client; PKCE although the client is confidential (WAF requires it). */
  @Bean
  ClientRegistrationRepository wwsfClientRegistrations(WafProperties waf, AuthorizationServerSettings server) {
    String issuer = stripTrailingSlash(waf.issuer());
    ClientRegistration registration = ClientRegistration.withRegistrationId(WAF_REGISTRATION_ID)
        .clientName("WAF")
        .clientId(WafSecurityConfiguration.WWSF_CLIENT_ID)
        .clientSecret(waf.clients().wwsf().secret())
        .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
        .authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
        .redirectUri(waf.clients().wwsf().redirectUri())
        .scope(ImsAccessTokenCustomizer.SCOPE_IMS_REGISTER)
        .authorizationUri(issuer + server.getAuthorizationEndpoint())
        .tokenUri(issuer + server.getTokenEndpoint())
        .clientSettings(ClientRegistration.ClientSettings.builder().requireProofKey(true).build())
        .build();
    return new InMemoryClientRegistrationRepository(registration);
  }

  /**
   * Authorized clients (the tokens) live in the HTTP session: sign-out drops them with it. The session lives in the
   * database (issue 16), so any node of a cluster hands them out and refreshes them.
   */
  @Bean
  OAuth2AuthorizedClientRepository wwsfAuthorizedClients() {
    return new HttpSessionOAuth2AuthorizedClientRepository();
  }

  /** Renews an access token by refresh token when it expires within {@code webims.wwsf.token-refresh-margin}. */
  @Bean
  OAuth2AuthorizedClientManager wwsfAuthorizedClientManager(ClientRegistrationRepository registrations,
      OAuth2AuthorizedClientRepository authorizedClients, RestClient wafTokenRestClient,
      WwsfProperties properties) {
    RestClientRefreshTokenTokenResponseClient refresh = new RestClientRefreshTokenTokenResponseClient();
    refresh.setRestClient(wafTokenRestClient);
    DefaultOAuth2AuthorizedClientManager manager =
        new DefaultOAuth2AuthorizedClientManager(registrations, authorizedClients);
    manager.setAuthorizedClientProvider(OAuth2AuthorizedClientProviderBuilder.builder()
        .refreshToken(grant -> grant.accessTokenResponseClient(refresh)
            .clockSkew(properties.tokenRefreshMargin()))
        .build());
    return manager;
  }

  /**
   * The HTTP client of the token endpoint calls: Spring's OAuth converters and error handler, over a JDK client
   * that trusts this server's own certificate besides the usual authorities; a call whose connection fails before
   * any answer is sent once more ({@link TokenRequestRetry}).
   */
  @Bean
  RestClient wafTokenRestClient(TlsProperties tls,
      @Value("${spring.application.name:webims}") String applicationName) {
    return tokenRestClient(SelfTrustingTrustManager.sslContext(
        TlsConfiguration.keyStorePath(tls, applicationName), tls.keyStorePassword().toCharArray()));
  }

  /** {@link #wafTokenRestClient} trusting {@code sslContext}'s authorities. */
  static RestClient tokenRestClient(SSLContext sslContext) {
    HttpClient http = HttpClient.newBuilder()
        .connectTimeout(Duration.ofSeconds(10))
        .sslContext(sslContext)
        .build();
    return RestClient.builder()
        .requestFactory(new JdkClientHttpRequestFactory(http))
        .requestInterceptor(new TokenRequestRetry())
        .configureMessageConverters(converters -> converters
            .addCustomConverter(new FormHttpMessageConverter())
            .addCustomConverter(new OAuth2AccessTokenResponseHttpMessageConverter()))
        .defaultStatusHandler(new OAuth2ErrorResponseErrorHandler())
        .build();
  }

  /** A Content-Security-Policy on every response, error pages included (WAF-02 abuse resistance). */
  @Bean
  FilterRegistrationBean<ContentSecurityPolicy> wwsfContentSecurityPolicy(WwsfProperties properties,
      WafProperties waf) {
    FilterRegistrationBean<ContentSecurityPolicy> registration = new FilterRegistrationBean<>(
        new ContentSecurityPolicy(properties.epcscfUrl(), stripTrailingSlash(waf.issuer())));
    registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
    registration.setDispatcherTypes(DispatcherType.REQUEST, DispatcherType.ERROR);
    return registration;
  }

  private static String stripTrailingSlash(String url) {
    return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
  }
}
