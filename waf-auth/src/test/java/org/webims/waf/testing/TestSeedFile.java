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

  /** A pool of {@link #GUEST_POOL_SIZE} IMPUs (issue 6), in {@link #withGuestPool}. */
  public static final String GUEST_POOL = "guests";
  public static final int GUEST_POOL_SIZE = 10;
  public static final String GUEST_IMPU_RANGE = "sip:guest-{001..010}@ims.example.net";
  public static final String GUEST_IMPI_PATTERN = "guest-{001..010}@ims.example.net";
  public static final String GUEST_PASSWORD = "guest-password";

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

  /** A pool of IMPUs given as a numbered range and its IMPI pattern (same counter). */
  public TestSeedFile pool(String name, String realm, String impuRange, String impiPattern) {
    pools.add("  - name: " + quote(name) + "\n    realm: " + quote(realm) + "\n    impus: " + quote(impuRange)
        + "\n    impis: " + quote(impiPattern) + "\n");
    return this;
  }

  /** A web user mapped to the pool {@code pool}: leases one of its IMPUs at token issuance. */
  public TestSeedFile poolUser(String username, String password, String pool) {
    entries.add(entry(username, password) + "    pool: " + quote(pool) + "\n");
    return this;
  }

  /**
   * The pool {@link #GUEST_POOL} ({@code sip:guest-001..010@ims.example.net}) and web users {@code guest1} to
   * {@code guest<count>} mapped to it, password {@link #GUEST_PASSWORD}.
   */
  public TestSeedFile withGuestPool(int count) {
    pool(GUEST_POOL, "ims.example.net", GUEST_IMPU_RANGE, GUEST_IMPI_PATTERN);
    for (int i = 1; i <= count; i++) {
      poolUser("guest" + i, GUEST_PASSWORD, GUEST_POOL);
    }
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

  public Path writeTo(Path file) {
    try {
      Files.createDirectories(file.toAbsolutePath().getParent());
      String poolSection = pools.isEmpty() ? "" : "pools:\n" + String.join("", pools);
      return Files.writeString(file, poolSection + "users:\n" + String.join("", entries), StandardCharsets.UTF_8);
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
