package org.webims.waf.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.webims.waf.WafApplication;

/**
 * Starts a real WAF in-process on loopback for tests of this and other modules: its H2 file database, seed file
 * and TLS keystore under a directory of the test, a free port, the contract's dev client secrets (the WWSF, and
 * the client credentials clients {@code ep-cscf} and {@code automation}).
 *
 * <pre>{@code
 * try (WafTestServer waf = WafTestServer.startHttps(tempDir, TestSeedFile.standard())) {
 *   String token = waf.tokenClient().accessToken(TestSeedFile.ALICE, TestSeedFile.ALICE_PASSWORD);
 *   // waf.issuer(), waf.jwksUri() for the eP-CSCF's webims.epcscf.token.* properties
 * }
 * }</pre>
 */
public final class WafTestServer implements AutoCloseable {

  public static final String CLIENT_SECRET = "wwsf-secret";
  /** The secret of the eP-CSCF's client {@code ep-cscf} (scope {@code waf.lease.release}). */
  public static final String EPCSCF_CLIENT_SECRET = "ep-cscf-secret";
  /** Both scopes of the eP-CSCF's client: release leases and read their state (EPC-28). */
  public static final String EPCSCF_SCOPES = "waf.lease.release waf.lease.read";
  /** The secret of the automation client {@code automation} (scope {@code waf.admin}). */
  public static final String AUTOMATION_CLIENT_SECRET = "automation-secret";
  /** The password of the generated TLS keystore (server-support's default). */
  public static final String KEY_STORE_PASSWORD = "webims-dev-only";

  private final ConfigurableApplicationContext context;
  private final URI baseUrl;
  private final Path keyStore;
  private final String keyStorePassword;

  private WafTestServer(ConfigurableApplicationContext context, URI baseUrl, Path keyStore, String keyStorePassword) {
    this.context = context;
    this.baseUrl = baseUrl;
    this.keyStore = keyStore;
    this.keyStorePassword = keyStorePassword;
  }

  /**
   * Starts a WAF over plain HTTP whose state lives in {@code dataDir} (start again on the same directory to
   * restart it). {@code extraArguments} ({@code --name=value}) add to or replace the defaults, e.g.
   * {@code --webims.waf.keys.rotate=true} or {@code --spring.datasource.url=jdbc:postgresql://...}.
   */
  public static WafTestServer start(Path dataDir, TestSeedFile seed, String... extraArguments) {
    return start(WafApplication::builder, "waf", dataDir, seed, false, extraArguments);
  }

  /**
   * As {@link #start}, over HTTPS with a self-signed certificate (SAN localhost, 127.0.0.1) generated on first
   * start into {@code dataDir/waf-tls.p12}; {@link #tokenClient()} trusts it.
   */
  public static WafTestServer startHttps(Path dataDir, TestSeedFile seed, String... extraArguments) {
    return start(WafApplication::builder, "waf", dataDir, seed, true, extraArguments);
  }

  /**
   * Starts any application that contains the WAF ({@code WafApplication}, or the WWSF that imports it) the same
   * way: database {@code dataDir/<name>}, keystore {@code dataDir/<name>-tls.p12}, the port in the issuer.
   */
  public static WafTestServer start(Supplier<SpringApplicationBuilder> application, String name, Path dataDir,
      TestSeedFile seed, boolean https, String... extraArguments) {
    int port = freePort();
    URI baseUrl = URI.create((https ? "https" : "http") + "://localhost:" + port);
    Path seedFile = seed.writeTo(dataDir.resolve(name + "-seed.yml"));
    Path keyStore = dataDir.toAbsolutePath().resolve(name + "-tls.p12");
    Map<String, String> args = new LinkedHashMap<>();
    args.put("server.port", String.valueOf(port));
    args.put("server.address", "127.0.0.1");
    args.put("spring.datasource.url", "jdbc:h2:file:" + dataDir.toAbsolutePath().resolve(name));
    args.put("webims.waf.issuer", baseUrl.toString());
    args.put("webims.waf.seed-file", seedFile.toAbsolutePath().toString());
    args.put("webims.waf.clients.wwsf.secret", CLIENT_SECRET);
    args.put("webims.waf.clients.ep-cscf.secret", EPCSCF_CLIENT_SECRET);
    args.put("webims.waf.clients.automation.secret", AUTOMATION_CLIENT_SECRET);
    args.put("webims.tls.enabled", String.valueOf(https));
    args.put("webims.tls.key-store", keyStore.toString());
    args.put("spring.main.banner-mode", "off");
    for (String argument : extraArguments) { // a repeated option would bind as "first,second": replace instead
      int eq = argument.indexOf('=');
      if (!argument.startsWith("--") || eq < 0) {
        throw new IllegalArgumentException("expected --name=value, got " + argument);
      }
      args.put(argument.substring(2, eq), argument.substring(eq + 1));
    }
    ConfigurableApplicationContext context = application.get()
        .run(args.entrySet().stream().map(e -> "--" + e.getKey() + "=" + e.getValue()).toArray(String[]::new));
    return new WafTestServer(context, baseUrl, https ? keyStore : null,
        args.getOrDefault("webims.tls.key-store-password", KEY_STORE_PASSWORD));
  }

  public URI baseUrl() {
    return baseUrl;
  }

  /** The issuer ({@code iss}) of this WAF's tokens. */
  public String issuer() {
    return baseUrl.toString();
  }

  public URI jwksUri() {
    return baseUrl.resolve("/oauth2/jwks");
  }

  /** The PKCS#12 keystore of the HTTPS listener, or null over plain HTTP. */
  public Path tlsKeyStore() {
    return keyStore;
  }

  /** A token client for the {@code wwsf} client; over HTTPS it trusts exactly this WAF's certificate. */
  public WafTokenClient tokenClient() {
    return client("wwsf", CLIENT_SECRET, "ims.register");
  }

  /** The eP-CSCF's client credentials client ({@code ep-cscf}, scope {@code waf.lease.release}). */
  public WafTokenClient epCscfClient() {
    return epCscfClient("waf.lease.release");
  }

  /** The eP-CSCF's client asking for {@code scope}, e.g. {@link #EPCSCF_SCOPES}. */
  public WafTokenClient epCscfClient(String scope) {
    return client("ep-cscf", EPCSCF_CLIENT_SECRET, scope);
  }

  /** The automation client credentials client ({@code automation}, scope {@code waf.admin}). */
  public WafTokenClient automationClient() {
    return client("automation", AUTOMATION_CLIENT_SECRET, "waf.admin");
  }

  private WafTokenClient client(String clientId, String secret, String scope) {
    WafTokenClient.Builder builder = WafTokenClient.builder(baseUrl).clientId(clientId).clientSecret(secret)
        .scope(scope);
    if (keyStore != null) {
      builder.trustKeyStore(keyStore, keyStorePassword.toCharArray());
    }
    return builder.build();
  }

  public ConfigurableApplicationContext context() {
    return context;
  }

  @Override
  public void close() {
    context.close();
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
