package org.webims.server.tls;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SelfSignedKeystoreTest {

  @Test
  void generatesOnceAPkcs12WithTheNamesAsSubjectAltNames(@TempDir Path dir) throws Exception {
    Path path = dir.resolve("sub/epcscf-tls.p12");
    SelfSignedKeystore.ensure(path, "secret-pw", "webims", List.of("localhost", "127.0.0.1"));
    KeyStore ks = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(path)) {
      ks.load(in, "secret-pw".toCharArray());
    }
    X509Certificate cert = (X509Certificate) ks.getCertificate("webims");
    assertThat(cert.getSubjectX500Principal().getName()).contains("CN=localhost");
    assertThat(cert.getSubjectAlternativeNames().stream().map(san -> String.valueOf(san.get(1))).toList())
        .containsExactlyInAnyOrder("localhost", "127.0.0.1");
    assertThat(ks.isKeyEntry("webims")).isTrue();

    byte[] first = Files.readAllBytes(path);
    SelfSignedKeystore.ensure(path, "secret-pw", "webims", List.of("other"));
    assertThat(Files.readAllBytes(path)).isEqualTo(first);
  }
}
