package org.webims.waf.testing;

import java.io.IOException;
import java.io.InputStream;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

/**
 * Gets real access tokens from a running WAF the way the WWSF does (contract "OAuth client for tests"): form login
 * with the CSRF token of the login page, then the authorization code flow with PKCE S256, then the token endpoint
 * with client_secret_basic. Plain {@link HttpClient} with a cookie jar; trusts a given certificate, or every
 * certificate for loopback tests.
 *
 * <pre>{@code
 * String token = WafTokenClient.builder(URI.create("https://localhost:8443"))
 *         .clientSecret("wwsf-secret").trustAllCertificates().build()
 *         .accessToken("alice", "alice-password");
 * }</pre>
 */
public final class WafTokenClient {

  private static final SecureRandom RANDOM = new SecureRandom();
  private static final int MAX_REDIRECTS = 5;
  private static final Duration TIMEOUT = Duration.ofSeconds(20);

  private final URI baseUrl;
  private final String clientId;
  private final String clientSecret;
  private final String redirectUri;
  private final String scope;
  private final SSLContext sslContext;

  private WafTokenClient(Builder builder) {
    this.baseUrl = builder.baseUrl;
    this.clientId = builder.clientId;
    this.clientSecret = Objects.requireNonNull(builder.clientSecret, "clientSecret");
    this.redirectUri = builder.redirectUri;
    this.scope = builder.scope;
    this.sslContext = builder.sslContext;
  }

  public static Builder builder(URI baseUrl) {
    return new Builder(baseUrl);
  }

  /** Signs in as {@code username} and runs authorization code + PKCE; returns the access token (a JWT). */
  public String accessToken(String username, String password) throws WafTokenException {
    return exchange(authorize(username, password));
  }

  /**
   * An authorization code of a signed-in user with its PKCE verifier, not yet exchanged: lets a test send many
   * token requests at the same moment ({@link #exchange}).
   */
  public record AuthorizationCode(String code, String verifier) {
  }

  /** Signs in as {@code username} and runs the authorization request with PKCE S256; returns the code. */
  public AuthorizationCode authorize(String username, String password) throws WafTokenException {
    String verifier = randomToken();
    Map<String, String> params = authorizationParameters();
    params.put("code_challenge", s256(verifier));
    params.put("code_challenge_method", "S256");
    Map<String, String> redirect = new Session().authorize(username, password, params);
    if (redirect.containsKey("error")) {
      throw new WafTokenException(redirect.get("error"), redirect.get("error_description"));
    }
    return new AuthorizationCode(redirect.get("code"), verifier);
  }

  /** The token request of the authorization code grant; returns the access token, or the WAF's OAuth error. */
  public String exchange(AuthorizationCode code) throws WafTokenException {
    Map<String, String> form = new LinkedHashMap<>();
    form.put("grant_type", "authorization_code");
    form.put("code", code.code());
    form.put("redirect_uri", redirectUri);
    form.put("code_verifier", code.verifier());
    HttpResponse<String> response = new Session().send(clientRequest("/oauth2/token", form));
    Optional<String> token = jsonString(response.body(), "access_token");
    if (response.statusCode() != 200 || token.isEmpty()) {
      throw new WafTokenException(jsonString(response.body(), "error").orElse("http_" + response.statusCode()),
          jsonString(response.body(), "error_description").orElse(null));
    }
    return token.get();
  }

  /**
   * Signs in and sends an authorization request with exactly {@code extraParameters} added to
   * response_type, client_id, redirect_uri, scope and state (no PKCE unless given); returns the query
   * parameters of the redirect back to the client ({@code code} or {@code error}).
   */
  public Map<String, String> authorizationResponse(String username, String password,
      Map<String, String> extraParameters) throws WafTokenException {
    Map<String, String> params = authorizationParameters();
    params.putAll(extraParameters);
    return new Session().authorize(username, password, params);
  }

  /**
   * A token of the client credentials grant (RFC 6749 4.4) for this client and its scope, as the eP-CSCF and
   * automation clients get theirs (client_secret_basic).
   */
  public String clientCredentialsToken() throws WafTokenException {
    String body = postAsClient("/oauth2/token", Map.of("grant_type", "client_credentials", "scope", scope));
    return jsonString(body, "access_token")
        .orElseThrow(() -> new WafTokenException("no_access_token", "the token response has no access_token"));
  }

  /** Sends a request to the WAF with this client's TLS trust, no cookies kept, no redirect followed. */
  public HttpResponse<String> send(HttpRequest.Builder request) throws WafTokenException {
    return new Session().send(request);
  }

  /** RFC 7662 introspection as this client; returns the JSON answer ({@code "active":true} with claims, or false). */
  public String introspect(String token) throws WafTokenException {
    return postAsClient("/oauth2/introspect", Map.of("token", token));
  }

  /** RFC 7009 revocation of {@code token} as this client. */
  public void revoke(String token) throws WafTokenException {
    postAsClient("/oauth2/revoke", Map.of("token", token));
  }

  private String postAsClient(String path, Map<String, String> form) throws WafTokenException {
    HttpResponse<String> response = new Session().send(clientRequest(path, form));
    if (response.statusCode() != 200) {
      throw new WafTokenException(jsonString(response.body(), "error").orElse("http_" + response.statusCode()),
          jsonString(response.body(), "error_description").orElse(null));
    }
    return response.body();
  }

  /** A form POST to an endpoint of the WAF authenticated with client_secret_basic. */
  private HttpRequest.Builder clientRequest(String path, Map<String, String> form) {
    return HttpRequest.newBuilder(baseUrl.resolve(path))
        .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
            (urlEncode(clientId) + ":" + urlEncode(clientSecret)).getBytes(StandardCharsets.UTF_8)))
        .header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString(formEncode(form)));
  }

  /** GETs a path of the WAF, for example {@code /oauth2/jwks}; returns the body. */
  public String get(String path) throws WafTokenException {
    HttpResponse<String> response = new Session().send(HttpRequest.newBuilder(baseUrl.resolve(path)).GET());
    if (response.statusCode() != 200) {
      throw new WafTokenException("http_" + response.statusCode(), path);
    }
    return response.body();
  }

  private Map<String, String> authorizationParameters() {
    Map<String, String> params = new LinkedHashMap<>();
    params.put("response_type", "code");
    params.put("client_id", clientId);
    params.put("redirect_uri", redirectUri);
    params.put("scope", scope);
    params.put("state", randomToken());
    return params;
  }

  /** One browser-like session: its own cookie jar, redirects followed by hand. */
  private final class Session {

    private final HttpClient http;

    Session() {
      HttpClient.Builder builder = HttpClient.newBuilder()
          .cookieHandler(new CookieManager(null, CookiePolicy.ACCEPT_ALL))
          .followRedirects(HttpClient.Redirect.NEVER)
          .connectTimeout(TIMEOUT);
      if (sslContext != null) {
        builder.sslContext(sslContext);
      }
      http = builder.build();
    }

    Map<String, String> authorize(String username, String password, Map<String, String> params)
        throws WafTokenException {
      URI authorize = URI.create(baseUrl.resolve("/oauth2/authorize") + "?" + formEncode(params));
      HttpResponse<String> first = send(page(authorize));
      if (isRedirectToClient(first)) {
        return queryOf(location(first)); // refused before sign-in
      }
      if (first.statusCode() / 100 != 3) { // e.g. 400 for an unknown client or redirect URI: no redirect allowed
        throw new WafTokenException("http_" + first.statusCode(), "the authorization request was refused");
      }
      HttpResponse<String> loginPage = send(page(baseUrl.resolve("/login")));
      String csrf = hiddenInput(loginPage.body(), "_csrf")
          .orElseThrow(() -> new WafTokenException("no_csrf", "the login page has no _csrf input"));
      Map<String, String> form = new LinkedHashMap<>();
      form.put("username", username);
      form.put("password", password);
      form.put("_csrf", csrf);
      HttpResponse<String> login = send(HttpRequest.newBuilder(baseUrl.resolve("/login"))
          .header("Accept", "text/html")
          .header("Content-Type", "application/x-www-form-urlencoded")
          .POST(HttpRequest.BodyPublishers.ofString(formEncode(form))));
      HttpResponse<String> response = login;
      for (int hop = 0; hop < MAX_REDIRECTS; hop++) {
        if (response.statusCode() / 100 != 3) {
          throw new WafTokenException("http_" + response.statusCode(),
              "no redirect to the client from " + response.uri().getPath());
        }
        URI next = location(response);
        if (next.toString().startsWith(redirectUri)) {
          return queryOf(next);
        }
        if (next.getPath() != null && next.getPath().equals("/login") && next.getQuery() != null
            && next.getQuery().contains("error")) {
          throw new WafTokenException("login_failed", "the WAF refused the web credentials");
        }
        response = send(page(next));
      }
      throw new WafTokenException("too_many_redirects", null);
    }

    private boolean isRedirectToClient(HttpResponse<String> response) {
      return response.statusCode() / 100 == 3 && location(response).toString().startsWith(redirectUri);
    }

    private URI location(HttpResponse<String> response) {
      String location = response.headers().firstValue("Location").orElse("");
      return response.uri().resolve(location);
    }

    private HttpRequest.Builder page(URI uri) {
      return HttpRequest.newBuilder(uri).header("Accept", "text/html").GET();
    }

    HttpResponse<String> send(HttpRequest.Builder request) throws WafTokenException {
      try {
        return http.send(request.timeout(TIMEOUT).build(), HttpResponse.BodyHandlers.ofString());
      } catch (IOException e) {
        throw new WafTokenException("io_error", e.getMessage());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new WafTokenException("interrupted", null);
      }
    }
  }

  public static Optional<String> hiddenInput(String html, String name) {
    int at = html.indexOf("name=\"" + name + "\"");
    if (at < 0) {
      return Optional.empty();
    }
    int tagStart = html.lastIndexOf('<', at);
    int tagEnd = html.indexOf('>', at);
    String tag = html.substring(tagStart, tagEnd);
    int value = tag.indexOf("value=\"");
    if (value < 0) {
      return Optional.empty();
    }
    int start = value + "value=\"".length();
    return Optional.of(tag.substring(start, tag.indexOf('"', start)));
  }

  /** The string value of a top-level member of a flat JSON object; enough for OAuth token responses. */
  static Optional<String> jsonString(String json, String member) {
    int at = json.indexOf("\"" + member + "\"");
    if (at < 0) {
      return Optional.empty();
    }
    int colon = json.indexOf(':', at);
    int open = json.indexOf('"', colon + 1);
    if (colon < 0 || open < 0) {
      return Optional.empty();
    }
    StringBuilder value = new StringBuilder();
    for (int i = open + 1; i < json.length(); i++) {
      char c = json.charAt(i);
      if (c == '\\' && i + 1 < json.length()) {
        value.append(json.charAt(++i));
      } else if (c == '"') {
        return Optional.of(value.toString());
      } else {
        value.append(c);
      }
    }
    return Optional.empty();
  }

  static Map<String, String> queryOf(URI uri) {
    Map<String, String> result = new LinkedHashMap<>();
    String query = uri.getRawQuery();
    if (query == null) {
      return result;
    }
    for (String pair : query.split("&")) {
      int eq = pair.indexOf('=');
      String key = eq < 0 ? pair : pair.substring(0, eq);
      String value = eq < 0 ? "" : pair.substring(eq + 1);
      result.put(URLDecoder.decode(key, StandardCharsets.UTF_8), URLDecoder.decode(value, StandardCharsets.UTF_8));
    }
    return result;
  }

  private static String formEncode(Map<String, String> form) {
    return form.entrySet().stream().map(e -> urlEncode(e.getKey()) + "=" + urlEncode(e.getValue()))
        .collect(Collectors.joining("&"));
  }

  private static String urlEncode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }

  private static String randomToken() {
    byte[] bytes = new byte[32];
    RANDOM.nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  /** RFC 7636 §4.2: BASE64URL(SHA256(ASCII(code_verifier))). */
  static String s256(String verifier) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
      return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /** An SSL context that trusts every server certificate: only for tests against servers on loopback. */
  public static SSLContext trustAllSslContext() {
    try {
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(null, new TrustManager[] {new TrustAll()}, new SecureRandom());
      return context;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  public static final class Builder {

    private final URI baseUrl;
    private String clientId = "wwsf";
    private String clientSecret;
    private String redirectUri = "https://localhost:8443/login/oauth2/code/waf";
    private String scope = "ims.register";
    private SSLContext sslContext;

    private Builder(URI baseUrl) {
      this.baseUrl = Objects.requireNonNull(baseUrl, "baseUrl");
    }

    public Builder clientId(String clientId) {
      this.clientId = clientId;
      return this;
    }

    public Builder clientSecret(String clientSecret) {
      this.clientSecret = clientSecret;
      return this;
    }

    public Builder redirectUri(String redirectUri) {
      this.redirectUri = redirectUri;
      return this;
    }

    public Builder scope(String scope) {
      this.scope = scope;
      return this;
    }

    /** Trusts exactly this (self-signed) certificate. */
    public Builder trustCertificate(X509Certificate certificate) {
      try {
        KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
        store.load(null, null);
        store.setCertificateEntry("waf", certificate);
        return trustStore(store);
      } catch (GeneralSecurityException | IOException e) {
        throw new IllegalArgumentException("cannot trust the certificate", e);
      }
    }

    /** Trusts the certificates of a PKCS#12 key store, for example the WAF's own generated one. */
    public Builder trustKeyStore(Path pkcs12, char[] password) {
      try (InputStream in = Files.newInputStream(pkcs12)) {
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(in, password);
        return trustStore(store);
      } catch (GeneralSecurityException | IOException e) {
        throw new IllegalArgumentException("cannot read key store " + pkcs12, e);
      }
    }

    /** Trusts every certificate: only for tests against a server on loopback. */
    public Builder trustAllCertificates() {
      this.sslContext = trustAllSslContext();
      return this;
    }

    private Builder trustStore(KeyStore store) throws GeneralSecurityException {
      TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      factory.init(store);
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(null, factory.getTrustManagers(), new SecureRandom());
      this.sslContext = context;
      return this;
    }

    public WafTokenClient build() {
      return new WafTokenClient(this);
    }
  }

  private static final class TrustAll implements X509TrustManager {
    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) {
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) {
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
      return new X509Certificate[0];
    }
  }
}
