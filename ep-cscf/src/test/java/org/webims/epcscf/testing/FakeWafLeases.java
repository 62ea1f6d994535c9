package org.webims.epcscf.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Queue;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.webims.epcscf.config.EpCscfProperties;
import org.webims.epcscf.lease.WafLeaseClient;
import org.webims.epcscf.token.WafJwks;

/**
 * The WAF at the edge of the eP-CSCF's tests (issue 6 contract, EPC-28): over HTTPS with a
 * self-signed certificate, a client-credentials token endpoint that accepts only {@link #CLIENT_ID}
 * / {@link #SECRET} with scope {@code waf.lease.release} (and {@code waf.lease.read}), the lease
 * release endpoint, which needs a token it issued, releases idempotently (204 again for a released
 * lease, 404 for an unknown one) and answers a scripted status when a test gives one, and the lease
 * endpoint ({@code GET /api/v1/leases/{id}}, scope {@code waf.lease.read}), which names a lease
 * {@code live} until it is released here. Records every call. Serves a test class as a static
 * {@code @RegisterExtension} field: up from the field's creation, down after the class.
 */
public final class FakeWafLeases implements AfterAllCallback, AutoCloseable {

  public static final String CLIENT_ID = "ep-cscf";
  public static final String SECRET = "s3cret:with/odd chars";
  private static final String PASSWORD = "secret";
  private static final String RELEASE_PREFIX = "/api/v1/leases/";

  /** One call of the release endpoint; {@code nanos} from {@link System#nanoTime()}. */
  public record Call(String leaseId, String body, int status, long nanos) {
  }

  private final HttpsServer server;
  private final Path dir;
  private final Path trustStore;
  private final Set<String> tokens = ConcurrentHashMap.newKeySet();
  /** Tokens issued with the read scope. */
  private final Set<String> readers = ConcurrentHashMap.newKeySet();
  private final Queue<Integer> stateScript = new ConcurrentLinkedQueue<>();
  private final List<String> stateCalls = new ArrayList<>();
  private final Set<String> released = ConcurrentHashMap.newKeySet();
  private final Set<String> unknown = ConcurrentHashMap.newKeySet();
  private final Queue<Integer> releaseScript = new ConcurrentLinkedQueue<>();
  private final Queue<Integer> tokenScript = new ConcurrentLinkedQueue<>();
  private final List<Call> calls = new ArrayList<>();
  private final AtomicInteger tokenRequests = new AtomicInteger();
  private volatile long tokenLifetimeSeconds = 300;

  public FakeWafLeases() {
    try {
      dir = Files.createTempDirectory("fake-waf");
      trustStore = dir.resolve("fake-waf.p12");
      server = HttpsServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
      server.setHttpsConfigurator(new HttpsConfigurator(TestHttps.serverContext(trustStore, PASSWORD)));
    } catch (Exception e) {
      throw new IllegalStateException("fake WAF not started", e);
    }
    server.createContext("/oauth2/token", this::token);
    server.createContext(RELEASE_PREFIX, this::release);
    server.start();
  }

  /** The WAF's base URL ({@code webims.epcscf.lease-release.waf-uri}). */
  public String uri() {
    return "https://localhost:" + server.getAddress().getPort();
  }

  /** The properties that point the eP-CSCF here and trust this server's certificate. */
  public List<String> properties() {
    return List.of("--webims.epcscf.lease-release.client-secret=" + SECRET,
        "--webims.epcscf.lease-release.waf-uri=" + uri(),
        "--webims.epcscf.token.trust-store=" + trustStore,
        "--webims.epcscf.token.trust-store-password=" + PASSWORD);
  }

  /** Lease release toward this server: backoff {@code base} doubling to {@code cap}, {@code maxAttempts} calls. */
  public EpCscfProperties.LeaseRelease config(Duration base, Duration cap, int maxAttempts) {
    return config(SECRET, uri(), base, cap, maxAttempts);
  }

  /** As {@link #config(Duration, Duration, int)} with another client secret or WAF URL. */
  public static EpCscfProperties.LeaseRelease config(String secret, String wafUri, Duration base, Duration cap,
      int maxAttempts) {
    return new EpCscfProperties.LeaseRelease(CLIENT_ID, secret, "waf.lease.release waf.lease.read", wafUri, base,
        cap, maxAttempts, Duration.ofSeconds(5), 2, Duration.ofHours(1), 1000, Duration.ofSeconds(10));
  }

  /** A client of this server's release endpoint, trusting its certificate. */
  public WafLeaseClient client(EpCscfProperties.LeaseRelease config, Clock clock) {
    return new WafLeaseClient(config, TestTokens.ISSUER,
        WafJwks.sslContext(trusting(TestConfig.token(URI.create("https://localhost/oauth2/jwks")))), clock);
  }

  /** The token layer's configuration with this server's trust store. */
  public EpCscfProperties.Token trusting(EpCscfProperties.Token plain) {
    return TestConfig.trusting(plain, trustStore, PASSWORD);
  }

  /** The next release calls answer these statuses in turn (the lease is released all the same). */
  public void scriptRelease(Integer... statuses) {
    releaseScript.addAll(List.of(statuses));
  }

  /** The next lease state requests answer these statuses in turn (a WAF in trouble). */
  public void scriptState(Integer... statuses) {
    stateScript.addAll(List.of(statuses));
  }

  /** Marks a lease released here, as another eP-CSCF node's release or an operator's would. */
  public void released(String leaseId) {
    released.add(leaseId);
  }

  /** The lease state requests ({@code GET /api/v1/leases/{id}}) for {@code leaseId} so far. */
  public synchronized long stateCalls(String leaseId) {
    return stateCalls.stream().filter(leaseId::equals).count();
  }

  /** The next token requests answer these statuses in turn. */
  public void scriptToken(Integer... statuses) {
    tokenScript.addAll(List.of(statuses));
  }

  public void tokenLifetime(long seconds) {
    tokenLifetimeSeconds = seconds;
  }

  /** Forgets every token issued so far (a restarted WAF, revoked tokens): they get 401. */
  public void revokeTokens() {
    tokens.clear();
  }

  public void unknownLease(String leaseId) {
    unknown.add(leaseId);
  }

  public boolean isReleased(String leaseId) {
    return released.contains(leaseId);
  }

  public int tokenRequests() {
    return tokenRequests.get();
  }

  public synchronized List<Call> calls() {
    return List.copyOf(calls);
  }

  public List<Call> calls(String leaseId) {
    return calls().stream().filter(c -> c.leaseId().equals(leaseId)).toList();
  }

  private void token(HttpExchange exchange) throws IOException {
    tokenRequests.incrementAndGet();
    String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
    Integer scripted = tokenScript.poll();
    if (scripted != null) {
      send(exchange, scripted, "{\"error\":\"server_error\"}");
      return;
    }
    String expected = "Basic " + Base64.getEncoder().encodeToString((form(CLIENT_ID) + ":" + form(SECRET))
        .getBytes(StandardCharsets.UTF_8));
    if (!expected.equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
      send(exchange, 401, "{\"error\":\"invalid_client\"}");
      return;
    }
    if (!body.contains("grant_type=client_credentials") || !body.contains("scope=waf.lease.release")) {
      send(exchange, 400, "{\"error\":\"invalid_request\"}");
      return;
    }
    String token = UUID.randomUUID().toString();
    tokens.add(token);
    boolean reader = body.contains("waf.lease.read");
    if (reader) {
      readers.add(token);
    }
    send(exchange, 200, "{\"access_token\":\"" + token + "\",\"token_type\":\"Bearer\",\"expires_in\":"
        + tokenLifetimeSeconds + ",\"scope\":\"waf.lease.release" + (reader ? " waf.lease.read" : "") + "\"}");
  }

  private void release(HttpExchange exchange) throws IOException {
    if ("GET".equals(exchange.getRequestMethod())) {
      state(exchange);
      return;
    }
    String path = exchange.getRequestURI().getPath();
    String leaseId = path.substring(RELEASE_PREFIX.length(), Math.max(RELEASE_PREFIX.length(), path.lastIndexOf('/')));
    String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
    String authorization = exchange.getRequestHeaders().getFirst("Authorization");
    int status;
    if (!"POST".equals(exchange.getRequestMethod()) || !path.endsWith("/release")) {
      status = 405;
    } else if (authorization == null || !authorization.startsWith("Bearer ")
        || !tokens.contains(authorization.substring(7))) {
      status = 401;
    } else if (unknown.contains(leaseId)) {
      status = 404;
    } else {
      released.add(leaseId);
      Integer scripted = releaseScript.poll();
      status = scripted != null ? scripted : 204;
    }
    synchronized (this) {
      calls.add(new Call(leaseId, body, status, System.nanoTime()));
    }
    if (status == 204) {
      exchange.sendResponseHeaders(204, -1);
      exchange.close();
    } else {
      send(exchange, status, "{\"status\":" + status + "}");
    }
  }

  /** {@code GET /api/v1/leases/{id}}: the lease in the WAF's JSON, its state live until released. */
  private void state(HttpExchange exchange) throws IOException {
    String leaseId = exchange.getRequestURI().getPath().substring(RELEASE_PREFIX.length());
    String authorization = exchange.getRequestHeaders().getFirst("Authorization");
    synchronized (this) {
      stateCalls.add(leaseId);
    }
    Integer scripted = stateScript.poll();
    if (scripted != null) {
      send(exchange, scripted, "{\"status\":" + scripted + "}");
    } else if (authorization == null || !authorization.startsWith("Bearer ")
        || !tokens.contains(authorization.substring(7))) {
      send(exchange, 401, "{\"status\":401}");
    } else if (!readers.contains(authorization.substring(7))) {
      send(exchange, 403, "{\"status\":403}");
    } else if (unknown.contains(leaseId)) {
      send(exchange, 404, "{\"status\":404}");
    } else {
      send(exchange, 200, "{\"id\":\"" + leaseId + "\",\"pool\":\"guests\",\"state\":\""
          + (released.contains(leaseId) ? "released" : "live") + "\"}");
    }
  }

  private static void send(HttpExchange exchange, int status, String json) throws IOException {
    byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().add("Content-Type", "application/json");
    exchange.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  private static String form(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }

  @Override
  public void afterAll(ExtensionContext context) throws IOException {
    close();
    Files.deleteIfExists(trustStore);
    Files.deleteIfExists(dir);
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
