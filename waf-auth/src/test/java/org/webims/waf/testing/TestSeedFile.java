package org.webims.waf.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes a WAF seed file ({@code webims.waf.seed-file}) for tests. {@link #standard()} holds the users the WAF's
 * own tests and the system tests share.
 */
public final class TestSeedFile {

  public static final String ALICE = "alice";
  public static final String ALICE_PASSWORD = "alice-password";
  public static final String ALICE_IMPI = "alice_private@ims.example.net";
  public static final List<String> ALICE_IMPUS = List.of("sip:alice@ims.example.net", "tel:+15551230001");
  /** A web user with no IMS identity: gets no token. */
  public static final String NOMAP = "nomap";
  public static final String NOMAP_PASSWORD = "nomap-password";

  private final List<String> entries = new ArrayList<>();

  public static TestSeedFile standard() {
    return new TestSeedFile()
        .user(ALICE, ALICE_PASSWORD, ALICE_IMPI, ALICE_IMPUS)
        .userWithoutImsIdentity(NOMAP, NOMAP_PASSWORD);
  }

  /** A web user mapped to {@code impi} and {@code impus} (default IMPU first). */
  public TestSeedFile user(String username, String password, String impi, List<String> impus) {
    StringBuilder entry = new StringBuilder()
        .append("  - username: ").append(quote(username)).append('\n')
        .append("    password: ").append(quote(password)).append('\n')
        .append("    impi: ").append(quote(impi)).append('\n')
        .append("    impus:\n");
    impus.forEach(impu -> entry.append("      - ").append(quote(impu)).append('\n'));
    entries.add(entry.toString());
    return this;
  }

  public TestSeedFile userWithoutImsIdentity(String username, String password) {
    entries.add("  - username: " + quote(username) + "\n    password: " + quote(password) + "\n");
    return this;
  }

  /** A mapped web user whose account is disabled: cannot sign in. */
  public TestSeedFile disabledUser(String username, String password, String impi, List<String> impus) {
    user(username, password, impi, impus);
    entries.set(entries.size() - 1, entries.get(entries.size() - 1) + "    enabled: false\n");
    return this;
  }

  public Path writeTo(Path file) {
    try {
      Files.createDirectories(file.toAbsolutePath().getParent());
      return Files.writeString(file, "users:\n" + String.join("", entries), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String quote(String value) {
    return "'" + value.replace("'", "''") + "'";
  }
}
