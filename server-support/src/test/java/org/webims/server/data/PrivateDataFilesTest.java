package org.webims.server.data;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.webims.server.tls.SelfSignedKeystore;

/**
 * Issue 12 point 6, secrets at rest: whoever starts a WebIMS server, its data directory ends up 0700 and the files
 * in it (database, keystore, logs, secrets) 0600 (POSIX), also when an earlier start or another tool left them
 * readable by others.
 */
class PrivateDataFilesTest {

  @TempDir
  Path dir;

  @SpringBootConfiguration
  static class AnyServer {
  }

  private ConfigurableApplicationContext start(String... args) {
    return new SpringApplicationBuilder(AnyServer.class).web(WebApplicationType.NONE)
        .properties("spring.main.banner-mode=off").run(args);
  }

  private static String mode(Path path) throws IOException {
    return PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
  }

  private Path readableByAll(Path file) throws IOException {
    Files.createDirectories(file.getParent());
    Files.writeString(file, "secret");
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
    Files.setPosixFilePermissions(file.getParent(), PosixFilePermissions.fromString("rwxr-xr-x"));
    return file;
  }

  @Test
  void theDatabaseAndKeystoreDirectoriesAndTheirFilesAreOwnerOnlyAfterStart() throws Exception {
    Path data = dir.resolve("data/demo");
    Path database = readableByAll(data.resolve("wwsf.mv.db"));
    Path log = readableByAll(data.resolve("wwsf.log"));
    Path keyStore = readableByAll(dir.resolve("tls/tls.p12"));

    try (ConfigurableApplicationContext server = start("--spring.datasource.url=jdbc:h2:file:" + data.resolve("wwsf")
        + ";DB_CLOSE_DELAY=-1", "--webims.tls.key-store=" + keyStore)) {
      assertThat(mode(data)).isEqualTo("rwx------");
      assertThat(mode(database)).isEqualTo("rw-------");
      assertThat(mode(log)).isEqualTo("rw-------");
      assertThat(mode(keyStore.getParent())).isEqualTo("rwx------");
      assertThat(mode(keyStore)).isEqualTo("rw-------");
      assertThat(mode(dir)).isEqualTo("rwx------"); // @TempDir's own: untouched, already private
      assertThat(Files.readString(database)).isEqualTo("secret");
    }
  }

  @Test
  void theDefaultDataDirectoryIsMadeOwnerOnlyBeforeTheDatabaseOpens() throws Exception {
    Path data = dir.resolve("fresh");

    try (ConfigurableApplicationContext server = start("--spring.datasource.url=jdbc:h2:" + data.resolve("ims-core"),
        "--webims.tls.enabled=false")) {
      assertThat(mode(data)).isEqualTo("rwx------");
    }
  }

  @Test
  void aKeystoreMadeWithAGeneratedPasswordIsOwnerOnlyAndOpensWithIt() throws Exception {
    byte[] random = new byte[24];
    new SecureRandom().nextBytes(random);
    String password = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
    Path keyStore = dir.resolve("keys/tls.p12");

    SelfSignedKeystore.ensure(keyStore, password, "webims", List.of("localhost"));

    assertThat(mode(keyStore)).isEqualTo("rw-------");
    KeyStore ks = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(keyStore)) {
      ks.load(in, password.toCharArray());
    }
    assertThat(ks.getKey("webims", password.toCharArray())).isNotNull();
  }
}
