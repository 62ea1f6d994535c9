package org.webims.server.management;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.webims.server.data.PrivateDataFiles;

/**
 * The management user's password: the configured one, or a random one generated on first start into a file
 * readable by its owner only (like the TLS keystore beside it), so a fresh server never has a known password and
 * the operator's scraper reads it from there.
 */
public final class ManagementCredentials {

  private static final Logger log = LoggerFactory.getLogger(ManagementCredentials.class);

  private ManagementCredentials() {
  }

  /**
   * The password file a server uses: the configured one, or {@code <application>-management-password} in the
   * directory of the server's TLS keystore (its data directory, {@code ./data} by default).
   */
  public static Path passwordFile(ManagementProperties props, Path keyStore, String applicationName) {
    return props.passwordFile().isBlank()
        ? keyStore.toAbsolutePath().resolveSibling(applicationName + "-management-password")
        : Path.of(props.passwordFile());
  }

  /** The configured password, else the one in the password file, generated there when the file is missing. */
  public static synchronized String password(ManagementProperties props, Path keyStore, String applicationName) {
    if (!props.password().isBlank()) {
      return props.password();
    }
    Path file = passwordFile(props, keyStore, applicationName);
    try {
      if (Files.isRegularFile(file)) {
        String stored = Files.readString(file, StandardCharsets.UTF_8).trim();
        if (!stored.isEmpty()) {
          return stored;
        }
      }
      byte[] random = new byte[24];
      new SecureRandom().nextBytes(random);
      String password = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
      Path dir = file.toAbsolutePath().getParent();
      Files.createDirectories(dir);
      // Written into a private temporary file moved in place: never readable by others, not even for a moment.
      Path temp = Files.createTempFile(dir, ".webims-management", ".tmp");
      PrivateDataFiles.ownerOnly(temp);
      Files.writeString(temp, password + "\n", StandardCharsets.UTF_8);
      Files.move(temp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
      log.info("Generated the management password of user {} in {}", props.username(), file.toAbsolutePath());
      return password;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read or create the management password file "
          + file.toAbsolutePath(), e);
    }
  }
}
