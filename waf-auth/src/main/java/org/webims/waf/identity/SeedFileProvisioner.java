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
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * Upserts web users and their identity mappings from a seed file (YAML, or JSON which is YAML too) at start.
 * Passwords are hashed on load; an unchanged password keeps its stored hash. Format in {@code docs/waf.md}.
 */
public class SeedFileProvisioner {

  private static final Logger log = LoggerFactory.getLogger(SeedFileProvisioner.class);

  private final WebUserRepository users;
  private final IdentityMappingRepository mappings;
  private final PasswordEncoder passwordEncoder;

  public SeedFileProvisioner(WebUserRepository users, IdentityMappingRepository mappings,
      PasswordEncoder passwordEncoder) {
    this.users = users;
    this.mappings = mappings;
    this.passwordEncoder = passwordEncoder;
  }

  /** One entry of the seed file; {@code impi} null means the user has no IMS identity. */
  public record SeedUser(String username, String password, boolean enabled, String impi, List<String> impus,
      Set<WebUserRole> roles) {

    @Override
    public String toString() { // never the password
      return "SeedUser[username=" + username + ", roles=" + roles + "]";
    }
  }

  public int provision(Path seedFile) {
    List<SeedUser> seedUsers = read(seedFile);
    for (SeedUser seed : seedUsers) {
      upsert(seed);
    }
    log.info("Provisioned {} web users from {}", seedUsers.size(), seedFile);
    return seedUsers.size();
  }

  private void upsert(SeedUser seed) {
    String hash = users.findByUsername(seed.username())
        .map(WebUser::passwordHash)
        .filter(existing -> passwordEncoder.matches(seed.password(), existing))
        .orElseGet(() -> passwordEncoder.encode(seed.password()));
    users.save(new WebUser(seed.username(), hash, seed.enabled(), seed.roles()));
    if (seed.impi() == null) {
      mappings.delete(seed.username());
    } else {
      mappings.save(seed.username(), new ImsIdentity(seed.impi(), seed.impus()));
    }
  }

  static List<SeedUser> read(Path seedFile) {
    Object root;
    try (Reader reader = Files.newBufferedReader(seedFile, StandardCharsets.UTF_8)) {
      root = new Yaml(new SafeConstructor(new LoaderOptions())).load(reader);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read seed file " + seedFile, e);
    }
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
      result.add(new SeedUser(username, password, enabled, impi, impus, roles(user, username, seedFile)));
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
      throw new IllegalArgumentException("seed file " + seedFile + ": a user lacks '" + key + "'");
    }
    return value.toString();
  }
}
