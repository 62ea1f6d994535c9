package org.webims.waf.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.webims.waf.testing.TestSeedFile;
import org.webims.waf.testing.WafTestServer;

/**
 * Issue 12 point 6: the WAF's database holds its private signing keys and live access and refresh tokens, and
 * its keystore the TLS private key. After every start, its data directory is 0700 and each file in it 0600
 * (POSIX), also when an earlier start left them readable by others; a keystore made with a generated password
 * serves HTTPS.
 */
class SecretsAtRestTest {

  @TempDir
  Path dir;

  private static String mode(Path path) throws IOException {
    return PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
  }

  private static String generatedPassword() {
    byte[] random = new byte[24];
    new SecureRandom().nextBytes(random);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(random);
  }

  @Test
  void theDataDirectoryIsOwnerOnlyAndEveryFileInItAfterEachStartWithAGeneratedKeystorePassword() throws Exception {
    Path data = Files.createDirectories(dir.resolve("data"));
    String password = generatedPassword();
    String[] args = {"--webims.tls.key-store-password=" + password};
    try (WafTestServer waf = WafTestServer.startHttps(data, TestSeedFile.standard(), args)) {
      assertThat(waf.tokenClient().accessToken(TestSeedFile.ALICE, TestSeedFile.ALICE_PASSWORD)).isNotBlank();
    }
    // An earlier version, a copy or a restore left everything readable by all.
    Files.setPosixFilePermissions(data, PosixFilePermissions.fromString("rwxr-xr-x"));
    try (Stream<Path> files = Files.list(data)) {
      for (Path file : files.toList()) {
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
      }
    }

    try (WafTestServer waf = WafTestServer.startHttps(data, TestSeedFile.standard(), args)) {
      assertThat(waf.tokenClient().accessToken(TestSeedFile.ALICE, TestSeedFile.ALICE_PASSWORD)).isNotBlank();

      assertThat(mode(data)).isEqualTo("rwx------");
      List<Path> files;
      try (Stream<Path> list = Files.list(data)) {
        files = list.toList();
      }
      assertThat(files).extracting(f -> f.getFileName().toString()).contains("waf.mv.db", "waf-tls.p12");
      for (Path file : files) {
        assertThat(mode(file)).as(file.getFileName().toString()).isEqualTo("rw-------");
      }
    }
  }
}
