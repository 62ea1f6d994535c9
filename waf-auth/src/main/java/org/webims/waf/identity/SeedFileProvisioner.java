package org.webims.waf.identity;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.webims.waf.audit.AuditLog;
import org.webims.waf.pool.ImpuPoolService;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * Upserts IMPU pools, web users and their identity mappings from a seed file (YAML, or JSON which is YAML too) at start.
 * Passwords are hashed on load; an unchanged password keeps its stored hash. Format in {@code docs/waf.md}.
 */
public class SeedFileProvisioner {

  private static final Logger log = LoggerFactory.getLogger(SeedFileProvisioner.class);

  private final WebUserRepository users;
  private final IdentityMappingRepository mappings;
  private final PasswordEncoder passwordEncoder;
  private final ImpuPoolService pools;

  public SeedFileProvisioner(WebUserRepository users, IdentityMappingRepository mappings, ImpuPoolService pools,
      PasswordEncoder passwordEncoder) {
    this.users = users;
    this.mappings = mappings;
    this.pools = pools;
    this.passwordEncoder = passwordEncoder;
  }

  /**
   * One pool of the seed file: created when missing, its range added unless present.
   *
   * @param impus a numbered IMPU range, e.g. {@code sip:guest-{001..010}@ims.example.net}
   * @param impis the IMPI pattern with the same counter, e.g. {@code guest-{001..010}@ims.example.net}
   */
  public record SeedPool(String name, String realm, String impus, String impis) {
  }

  /**
   * One entry of the seed file; {@code impi} null and {@code pool} null mean the user has no IMS identity,
   * {@code pool} set maps it to that pool.
   */
  public record SeedUser(String username, String password, boolean enabled, String impi, List<String> impus,
      Set<WebUserRole> roles, String pool) {

    @Override
    public String toString() { // never the password
      return "SeedUser[username=" + username + ", roles=" + roles + "]";
    }
  }

  public int provision(Path seedFile) {
    for (SeedPool pool : readPools(seedFile)) {
      pools.ensureRange(pool.name(), pool.realm(), pool.impus(), pool.impis(), AuditLog.SEED_FILE);
    }
    List<SeedUser> seedUsers = read(seedFile);
    for (SeedUser seed : seedUsers) {
      upsert(seed);
    }
    log.info("Provisioned {} web users from {}", seedUsers.size(), seedFile);
    return seedUsers.size();
  }

  private void upsert(SeedUser seed) {
    if (seed.pool() != null && pools.find(seed.pool()).isEmpty()) {
      throw new IllegalArgumentException("seed file: user " + seed.username() + " is mapped to pool '"
          + seed.pool() + "', which neither the file's 'pools' nor the database has");
    }
    String hash = users.findByUsername(seed.username())
        .map(WebUser::passwordHash)
        .filter(existing -> passwordEncoder.matches(seed.password(), existing))
        .orElseGet(() -> passwordEncoder.encode(seed.password()));
    users.save(new WebUser(seed.username(), hash, seed.enabled(), seed.roles()));
    if (seed.pool() != null) {
      mappings.savePool(seed.username(), seed.pool());
    } else if (seed.impi() == null) {
      mappings.delete(seed.username());
    } else {
      mappings.save(seed.username(), new ImsIdentity(seed.impi(), seed.impus()));
    }
  }

  /** The optional top-level list {@code pools}. */
  static List<SeedPool> readPools(Path seedFile) {
    if (!(load(seedFile) instanceof Map<?, ?> top) || top.get("pools") == null) {
      return List.of();
    }
    if (!(top.get("pools") instanceof List<?> entries)) {
      throw new IllegalArgumentException("seed file " + seedFile + ": 'pools' must be a list");
    }
    List<SeedPool> result = new ArrayList<>();
    for (Object entry : entries) {
      if (!(entry instanceof Map<?, ?> pool)) {
        throw new IllegalArgumentException("seed file " + seedFile + ": each pool is a map");
      }
      result.add(new SeedPool(text(pool, "name", seedFile), text(pool, "realm", seedFile),
          text(pool, "impus", seedFile), text(pool, "impis", seedFile)));
    }
    return result;
  }

  private static Object load(Path seedFile) {
    try (Reader reader = Files.newBufferedReader(seedFile, StandardCharsets.UTF_8)) {
      return new Yaml(new SafeConstructor(new LoaderOptions())).load(reader);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read seed file " + seedFile, e);
    }
  }

  static List<SeedUser> read(Path seedFile) {
    Object root = load(seedFile);
    if (!(root instanceof Map<?, ?> top) || !top.containsKey("users")) {
      throw new IllegalArgumentException("seed file " + seedFile + " needs a top-level list 'users'");
    }
    if (top.get("users") == null) {
      return List.of(); // "users:" with no entries
    }
    if (!(top.get("users") instanceof List<?> entries)) {
      throw new IllegalArgumentException("seed file " + seedFile + ": 'users' must be a list");
    }
    List<SeedUser> result = new ArrayList<>();
    for (Object entry : entries) {
      if (!(entry instanceof Map<?, ?> user)) {
        throw new IllegalArgumentException("seed file " + seedFile + ": each user is a map");
      }
      String username = text(user, "username", seedFile);
      String password = text(user, "password", seedFile);
      boolean enabled = !Boolean.FALSE.equals(user.get("enabled"));
      String impi = user.get("impi") == null ? null : user.get("impi").toString();
      List<String> impus = new ArrayList<>();
      if (user.get("impus") instanceof List<?> list) {
        list.forEach(impu -> impus.add(impu.toString()));
      }
      if (impi != null && impus.isEmpty()) {
        throw new IllegalArgumentException(
            "seed file " + seedFile + ": user " + username + " has an impi but no impus");
      }
      String pool = user.get("pool") == null ? null : user.get("pool").toString();
      if (pool != null && impi != null) {
        throw new IllegalArgumentException(
            "seed file " + seedFile + ": user " + username + " has both a pool and an impi; give one");
      }
      result.add(new SeedUser(username, password, enabled, impi, impus, roles(user, username, seedFile), pool));
    }
    return result;
  }

  /** The optional {@code roles} list; an unknown role fails the start rather than be silently dropped. */
  private static Set<WebUserRole> roles(Map<?, ?> user, String username, Path seedFile) {
    Object value = user.get("roles");
    if (value == null) {
      return Set.of();
    }
    if (!(value instanceof List<?> names)) {
      throw new IllegalArgumentException("seed file " + seedFile + ": user " + username
          + ": 'roles' must be a list, e.g. roles: [operator]");
    }
    Set<WebUserRole> roles = EnumSet.noneOf(WebUserRole.class);
    for (Object name : names) {
      try {
        roles.add(WebUserRole.of(String.valueOf(name)));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("seed file " + seedFile + ": user " + username + ": " + e.getMessage(),
            e);
      }
    }
    return roles;
  }

  private static String text(Map<?, ?> map, String key, Path seedFile) {
    Object value = map.get(key);
    if (value == null || value.toString().isBlank()) {
      throw new IllegalArgumentException("seed file " + seedFile + ": an entry lacks '" + key + "'");
    }
    return value.toString();
  }
}
