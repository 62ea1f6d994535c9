package org.webims.wwsf.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * What a browser does on the WWSF, over real HTTPS with a cookie jar: follow redirects, fill the WAF's login form
 * with its CSRF token, post the sign-out form. Trusts exactly the server's own certificate.
 */
public final class WwsfBrowser {

  private static final Duration TIMEOUT = Duration.ofSeconds(20);

  private final URI baseUrl;
  private final HttpClient following;
  private final HttpClient notFollowing;

  /** A browser for the WWSF at {@code baseUrl} that trusts the certificates of a PKCS#12 key store. */
  public WwsfBrowser(URI baseUrl, Path keyStore, char[] password) {
    this.baseUrl = baseUrl;
    CookieManager cookies = new CookieManager(null, CookiePolicy.ACCEPT_ALL);
    SSLContext ssl = trusting(keyStore, password);
    this.following = HttpClient.newBuilder().cookieHandler(cookies).sslContext(ssl)
        .followRedirects(HttpClient.Redirect.NORMAL).connectTimeout(TIMEOUT).build();
    this.notFollowing = HttpClient.newBuilder().cookieHandler(cookies).sslContext(ssl)
        .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(TIMEOUT).build();
  }

  /** GETs a path (as a page: {@code Accept: text/html}) and follows redirects. */
  public HttpResponse<String> get(String path) {
    return send(following, HttpRequest.newBuilder(baseUrl.resolve(path)).header("Accept", "text/html").GET());
  }

  /** GETs a path as {@code fetch()} does for JSON and follows redirects. */
  public HttpResponse<String> getJson(String path) {
    return send(following,
        HttpRequest.newBuilder(baseUrl.resolve(path)).header("Accept", "application/json").GET());
  }

  /** GETs a path without following a redirect. */
  public HttpResponse<String> getOnce(String path) {
    return send(notFollowing, HttpRequest.newBuilder(baseUrl.resolve(path)).header("Accept", "text/html").GET());
  }

  /**
   * Clicks "Sign in" on the home page, fills the WAF's login form and follows the redirects back; returns the
   * last page (the client page, or the home page with a reason).
   */
  public HttpResponse<String> signIn(String username, String password) {
    HttpResponse<String> home = get("/");
    String signIn = attribute(home.body(), "id=\"signin\"", "href");
    HttpResponse<String> loginPage = get(signIn);
    if (!loginPage.uri().getPath().equals("/login")) {
      throw new IllegalStateException("expected the WAF's login form, got " + loginPage.uri());
    }
    Map<String, String> form = new LinkedHashMap<>();
    form.put("username", username);
    form.put("password", password);
    form.put("_csrf", attribute(loginPage.body(), "name=\"_csrf\"", "value"));
    return post("/login", form);
  }

  /**
   * Fills the WAF's login form opened directly, not through "Sign in": the web user is signed in to the WAF's
   * form login but has no OAuth sign-in (no token) on the WWSF. Returns the page it ends on.
   */
  public HttpResponse<String> signInToTheWafLoginFormOnly(String username, String password) {
    HttpResponse<String> loginPage = get("/login");
    Map<String, String> form = new LinkedHashMap<>();
    form.put("username", username);
    form.put("password", password);
    form.put("_csrf", attribute(loginPage.body(), "name=\"_csrf\"", "value"));
    return post("/login", form);
  }

  /** Submits the client page's {@code #signout} form (with its CSRF token); returns the page it ends on. */
  public HttpResponse<String> signOut() {
    HttpResponse<String> page = get("/");
    int form = page.body().indexOf("id=\"signout\"");
    if (form < 0) {
      throw new IllegalStateException("no #signout form on " + page.uri());
    }
    String csrf = attribute(page.body().substring(form), "name=\"_csrf\"", "value");
    return post("/logout", Map.of("_csrf", csrf));
  }

  /** POSTs an empty form without a CSRF token, as a cross-site page would; does not follow a redirect. */
  public HttpResponse<String> postWithoutCsrf(String path) {
    return send(notFollowing, HttpRequest.newBuilder(baseUrl.resolve(path))
        .header("Accept", "text/html")
        .header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.noBody()));
  }

  /**
   * Opens {@code pagePath} and submits its form {@code <form id="formId">} as a browser would: to the form's
   * {@code action}, with the form's own CSRF token and {@code fields} (the caller names every other field, hidden
   * ones included); follows the redirect and returns the page it ends on.
   */
  public HttpResponse<String> submit(String pagePath, String formId, Map<String, String> fields) {
    String page = get(pagePath).body();
    int at = page.indexOf("id=\"" + formId + "\"");
    if (at < 0) {
      throw new IllegalStateException("no form #" + formId + " on " + pagePath);
    }
    String form = page.substring(page.lastIndexOf('<', at), page.indexOf("</form>", at));
    Map<String, String> body = new LinkedHashMap<>(fields);
    body.put("_csrf", attribute(form, "name=\"_csrf\"", "value"));
    return post(attribute(form, "<form", "action"), body);
  }

  /**
   * Answers a console confirmation page (issue 12 item 9) with its {@code #confirm-form} as the operator's click on
   * the confirm button does: every hidden field as the page wrote it. Returns the page it ends on.
   */
  public HttpResponse<String> confirm(HttpResponse<String> confirmationPage) {
    String page = confirmationPage.body();
    int at = page.indexOf("id=\"confirm-form\"");
    if (at < 0) {
      throw new IllegalStateException("no #confirm-form on " + confirmationPage.uri());
    }
    String form = page.substring(page.lastIndexOf('<', at), page.indexOf("</form>", at));
    Map<String, String> body = new LinkedHashMap<>();
    for (int input = form.indexOf("<input type=\"hidden\""); input >= 0;
        input = form.indexOf("<input type=\"hidden\"", input + 1)) {
      String tag = form.substring(input);
      body.put(unescape(attribute(tag, "<input", "name")), unescape(attribute(tag, "<input", "value")));
    }
    return post(attribute(form, "<form", "action"), body);
  }

  private static String unescape(String html) {
    return html.replace("&quot;", "\"").replace("&#39;", "'").replace("&lt;", "<").replace("&gt;", ">")
        .replace("&amp;", "&");
  }

  /** POSTs {@code form} (URL-encoded, the caller adds {@code _csrf}), following the redirect. */
  public HttpResponse<String> postForm(String path, Map<String, String> form) {
    return post(path, form);
  }

  private HttpResponse<String> post(String path, Map<String, String> form) {
    return send(following, HttpRequest.newBuilder(baseUrl.resolve(path))
        .header("Accept", "text/html")
        .header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString(form.entrySet().stream()
            .map(e -> encode(e.getKey()) + "=" + encode(e.getValue())).collect(Collectors.joining("&")))));
  }

  private static HttpResponse<String> send(HttpClient client, HttpRequest.Builder request) {
    try {
      return client.send(request.timeout(TIMEOUT).build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }

  /** The value of {@code attribute} in the first tag of {@code html} that contains {@code marker}. */
  public static String attribute(String html, String marker, String attribute) {
    int at = html.indexOf(marker);
    if (at < 0) {
      throw new IllegalStateException("no tag with " + marker);
    }
    String tag = html.substring(html.lastIndexOf('<', at), html.indexOf('>', at));
    int value = tag.indexOf(attribute + "=\"");
    if (value < 0) {
      throw new IllegalStateException("no " + attribute + " in " + tag);
    }
    int start = value + attribute.length() + 2;
    return tag.substring(start, tag.indexOf('"', start)).replace("&amp;", "&");
  }

  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }

  private static SSLContext trusting(Path keyStore, char[] password) {
    try (InputStream in = Files.newInputStream(keyStore)) {
      KeyStore store = KeyStore.getInstance("PKCS12");
      store.load(in, password);
      TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      factory.init(store);
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(null, factory.getTrustManagers(), null);
      return context;
    } catch (IOException | GeneralSecurityException e) {
      throw new IllegalStateException("cannot trust " + keyStore, e);
    }
  }
}
