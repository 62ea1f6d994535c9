package org.webims.wwsf.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.context.ConfigurableApplicationContext;
import org.webims.waf.testing.TestSeedFile;
import org.webims.wwsf.WwsfApplication;

/**
 * Starts a real WWSF (with its WAF) in-process over HTTPS on loopback for tests: H2 file database, seed file and
 * generated TLS keystore under a directory of the test, a free port (the WAF's issuer and the client's redirect
 * URI name it, so it is chosen before the start).
 *
 * <pre>{@code
 * try (WwsfTestServer wwsf = WwsfTestServer.start(tempDir, TestSeedFile.standard())) {
 *   WwsfBrowser browser = wwsf.browser();
 *   browser.signIn(TestSeedFile.ALICE, TestSeedFile.ALICE_PASSWORD);
 *   String json = browser.get("/wic/session").body();
 * }
 * }</pre>
 */
public final class WwsfTestServer implements AutoCloseable {

  /** The password of the generated TLS keystore (server-support's default). */
  public static final String KEY_STORE_PASSWORD = "webims-dev-only";

  private final ConfigurableApplicationContext context;
  private final URI baseUrl;
  private final Path keyStore;

  private WwsfTestServer(ConfigurableApplicationContext context, URI baseUrl, Path keyStore) {
    this.context = context;
    this.baseUrl = baseUrl;
    this.keyStore = keyStore;
  }

  /**
   * Starts a WWSF whose state lives in {@code dataDir}; {@code extraArguments} ({@code --name=value}) add to or
   * replace the defaults, e.g. {@code --webims.wwsf.epcscf-url=wss://localhost:7444}.
   */
  public static WwsfTestServer start(Path dataDir, TestSeedFile seed, String... extraArguments) {
    int port = freePort();
    URI baseUrl = URI.create("https://localhost:" + port);
    Path seedFile = seed.writeTo(dataDir.resolve("waf-seed.yml"));
    Path keyStore = dataDir.toAbsolutePath().resolve("wwsf-tls.p12");
    Map<String, String> args = new LinkedHashMap<>();
    args.put("server.port", String.valueOf(port));
    args.put("server.address", "127.0.0.1");
    args.put("spring.datasource.url", "jdbc:h2:file:" + dataDir.toAbsolutePath().resolve("wwsf"));
    args.put("webims.waf.issuer", baseUrl.toString());
    args.put("webims.waf.seed-file", seedFile.toAbsolutePath().toString());
    args.put("webims.tls.key-store", keyStore.toString());
    args.put("spring.main.banner-mode", "off");
    for (String argument : extraArguments) { // a repeated option would bind as "first,second": replace instead
      int eq = argument.indexOf('=');
      if (!argument.startsWith("--") || eq < 0) {
        throw new IllegalArgumentException("expected --name=value, got " + argument);
      }
      args.put(argument.substring(2, eq), argument.substring(eq + 1));
    }
    ConfigurableApplicationContext context = WwsfApplication.builder()
        .run(args.entrySet().stream().map(e -> "--" + e.getKey() + "=" + e.getValue()).toArray(String[]::new));
    return new WwsfTestServer(context, baseUrl, keyStore);
  }

  public URI baseUrl() {
    return baseUrl;
  }

  /** The PKCS#12 keystore of the HTTPS listener (self-signed, generated at the first start). */
  public Path tlsKeyStore() {
    return keyStore;
  }

  /** A new browser-like client (own cookie jar) that trusts exactly this server's certificate. */
  public WwsfBrowser browser() {
    return new WwsfBrowser(baseUrl, keyStore, KEY_STORE_PASSWORD.toCharArray());
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
