package org.webims.sip.server.transport;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.List;
import javax.net.ssl.KeyManagerFactory;
import org.webims.server.tls.SelfSignedKeystore;

/** A self-signed key and certificate for localhost and 127.0.0.1, for the TLS and WSS listeners under test. */
final class TestKeys {

  private TestKeys() {
  }

  static KeyManagerFactory selfSigned(Path dir) throws Exception {
    Path file = SelfSignedKeystore.ensure(dir.resolve("sip.p12"), "secret", "sip", List.of("localhost", "127.0.0.1"));
    KeyStore store = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(file)) {
      store.load(in, "secret".toCharArray());
    }
    KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    kmf.init(store, "secret".toCharArray());
    return kmf;
  }
}
