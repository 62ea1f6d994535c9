package org.webims.wwsf.testing;

import java.net.URI;
import java.nio.file.Path;
import org.springframework.context.ConfigurableApplicationContext;
import org.webims.waf.testing.TestSeedFile;
import org.webims.waf.testing.WafTestServer;
import org.webims.wwsf.WwsfApplication;

/**
 * Starts a real WWSF (with its WAF) in-process over HTTPS on loopback for tests, the way {@link WafTestServer}
 * starts a WAF: H2 file database, seed file and generated TLS keystore under a directory of the test, a free port
 * (the WAF's issuer and the client's redirect URI name it, so it is chosen before the start).
 *
 * <pre>{@code
 * try (WwsfTestServer wwsf = WwsfTestServer.start(tempDir, TestSeedFile.standard())) {
 *   WwsfBrowser browser = wwsf.browser();        // wwsf.baseUrl() is https://localhost:<port>
 *   browser.signIn(TestSeedFile.ALICE, TestSeedFile.ALICE_PASSWORD);
 *   String json = browser.getJson("/wic/session").body();
 * }
 * }</pre>
 */
public final class WwsfTestServer implements AutoCloseable {

  private final WafTestServer server;

  private WwsfTestServer(WafTestServer server) {
    this.server = server;
  }

  /**
   * Starts a WWSF whose state lives in {@code dataDir}; {@code extraArguments} ({@code --name=value}) add to or
   * replace the defaults, e.g. {@code --webims.wwsf.epcscf-url=wss://localhost:7444}.
   */
  public static WwsfTestServer start(Path dataDir, TestSeedFile seed, String... extraArguments) {
    return new WwsfTestServer(
        WafTestServer.start(WwsfApplication::builder, "wwsf", dataDir, seed, true, extraArguments));
  }

  /** {@code https://localhost:<port>}: the WWSF's pages and the WAF's issuer. */
  public URI baseUrl() {
    return server.baseUrl();
  }

  /** The PKCS#12 keystore of the HTTPS listener (self-signed, generated at the first start). */
  public Path tlsKeyStore() {
    return server.tlsKeyStore();
  }

  /** The WAF inside, e.g. for {@code waf().tokenClient()} or {@code waf().jwksUri()}. */
  public WafTestServer waf() {
    return server;
  }

  /** A new browser-like client (own cookie jar) that trusts exactly this server's certificate. */
  public WwsfBrowser browser() {
    return new WwsfBrowser(baseUrl(), tlsKeyStore(), WafTestServer.KEY_STORE_PASSWORD.toCharArray());
  }

  /** A new browser already signed in as {@code username} (the client page reached). */
  public WwsfBrowser signedInBrowser(String username, String password) {
    WwsfBrowser browser = browser();
    browser.signIn(username, password);
    return browser;
  }

  public ConfigurableApplicationContext context() {
    return server.context();
  }

  @Override
  public void close() {
    server.close();
  }
}
