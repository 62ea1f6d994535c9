package org.webims.epcscf.testing;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.List;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import org.webims.server.tls.SelfSignedKeystore;

/** TLS for the HTTPS servers at the edge of the tests (a WAF with a self-signed certificate). */
public final class TestHttps {

  private TestHttps() {
  }

  /**
   * A server-side TLS context with a self-signed certificate for localhost, kept in {@code keyStore}
   * (PKCS12, {@code password}), which also serves the client as its trust store.
   */
  public static SSLContext serverContext(Path keyStore, String password) throws Exception {
    SelfSignedKeystore.ensure(keyStore, password, "waf", List.of("localhost", "127.0.0.1"));
    KeyStore ks = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(keyStore)) {
      ks.load(in, password.toCharArray());
    }
    KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    kmf.init(ks, password.toCharArray());
    SSLContext ssl = SSLContext.getInstance("TLS");
    ssl.init(kmf.getKeyManagers(), null, null);
    return ssl;
  }
}
