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

  /** An operator (issue 4): no IMS identity, role {@code operator}. Not in {@link #standard()}. */
  public static final String OPERATOR = "operator";
  public static final String OPERATOR_PASSWORD = "operator-password";

  /** A pool of issue 6 for {@link #guests()}: three IMPUs, guest-001..003, each with its own IMPI. */
  public static final String GUESTS_POOL = "guests";
  public static final List<String> GUEST_IMPUS = List.of("sip:guest-001@ims.example.net",
      "sip:guest-002@ims.example.net", "sip:guest-003@ims.example.net");

  private final List<String> entries = new ArrayList<>();
  private final List<String> pools = new ArrayList<>();

  public static TestSeedFile standard() {
    return new TestSeedFile()
        .user(ALICE, ALICE_PASSWORD, ALICE_IMPI, ALICE_IMPUS)
        .userWithoutImsIdentity(NOMAP, NOMAP_PASSWORD);
  }

  /** A web user mapped to {@code impi} and {@code impus} (default IMPU first). */
  public TestSeedFile user(String username, String password, String impi, List<String> impus) {
    entries.add(entry(username, password) + "    impi: " + quote(impi) + "\n" + list("impus", impus));
    return this;
  }

  public TestSeedFile userWithoutImsIdentity(String username, String password) {
    entries.add(entry(username, password));
    return this;
  }

  /** A web user with {@code roles} (seed names, e.g. {@code operator}) and no IMS identity. */
  public TestSeedFile userWithRoles(String username, String password, List<String> roles) {
    entries.add(entry(username, password) + list("roles", roles));
    return this;
  }

  /** The operator {@link #OPERATOR}. */
  public TestSeedFile operator() {
    return userWithRoles(OPERATOR, OPERATOR_PASSWORD, List.of("operator"));
  }

  /** A mapped web user whose account is disabled: cannot sign in. */
  public TestSeedFile disabledUser(String username, String password, String impi, List<String> impus) {
    user(username, password, impi, impus);
    entries.set(entries.size() - 1, entries.get(entries.size() - 1) + "    enabled: false\n");
    return this;
  }

  /**
   * An IMPU pool (issue 6) whose IMPUs are the numbered range {@code impus}, each registering under the IMPI of
   * {@code impis} with the same number, e.g. {@code sip:guest-{001..010}@ims.example.net} and
   * {@code guest-{001..010}@ims.example.net}.
   */
  public TestSeedFile pool(String name, String realm, String impus, String impis) {
    pools.add("  - name: " + quote(name) + "\n    realm: " + quote(realm) + "\n    impus: " + quote(impus)
        + "\n    impis: " + quote(impis) + "\n");
    return this;
  }

  /** A web user mapped to the IMPU pool {@code pool}: each sign-in leases one of its IMPUs. */
  public TestSeedFile poolUser(String username, String password, String pool) {
    entries.add(entry(username, password) + "    pool: " + quote(pool) + "\n");
    return this;
  }

  /**
   * The pool {@link #GUESTS_POOL} of {@link #GUEST_IMPUS} with {@code users} mapped to it; each user's password is
   * its name followed by {@code -password}.
   */
  public TestSeedFile guests(String... users) {
    pool(GUESTS_POOL, "ims.example.net", "sip:guest-{001..003}@ims.example.net", "guest-{001..003}@ims.example.net");
    for (String user : users) {
      poolUser(user, user + "-password", GUESTS_POOL);
    }
    return this;
  }

  public Path writeTo(Path file) {
    try {
      Files.createDirectories(file.toAbsolutePath().getParent());
      String text = (pools.isEmpty() ? "" : "pools:\n" + String.join("", pools)) + "users:\n"
          + String.join("", entries);
      return Files.writeString(file, text, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String entry(String username, String password) {
    return "  - username: " + quote(username) + "\n    password: " + quote(password) + "\n";
  }

  private static String list(String key, List<String> values) {
    StringBuilder list = new StringBuilder("    ").append(key).append(":\n");
    values.forEach(value -> list.append("      - ").append(quote(value)).append('\n'));
    return list.toString();
  }

  private static String quote(String value) {
    return "'" + value.replace("'", "''") + "'";
  }
}
