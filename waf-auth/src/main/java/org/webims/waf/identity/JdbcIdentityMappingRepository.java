package org.webims.waf.identity;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcOperations;
import org.springframework.transaction.support.TransactionOperations;
import org.webims.waf.provisioning.SqlIn;

/**
 * {@link IdentityMappingRepository} over the tables {@code waf_identity_mapping} and {@code waf_identity_impu}
 * (fixed mappings) and {@code waf_pool_mapping} (pool mappings).
 */
public class JdbcIdentityMappingRepository implements IdentityMappingRepository {

  private final JdbcOperations jdbc;
  private final TransactionOperations tx;

  public JdbcIdentityMappingRepository(JdbcOperations jdbc, TransactionOperations tx) {
    this.jdbc = jdbc;
    this.tx = tx;
  }

  @Override
  public Optional<ImsIdentity> findByWebIdentity(String webIdentity) {
    List<String> impis = jdbc.queryForList(
        "SELECT impi FROM waf_identity_mapping WHERE web_identity = ?", String.class, webIdentity);
    if (impis.isEmpty()) {
      return Optional.empty();
    }
    List<String> impus = jdbc.queryForList(
        "SELECT impu FROM waf_identity_impu WHERE web_identity = ? ORDER BY impu_order", String.class,
        webIdentity);
    return impus.isEmpty() ? Optional.empty() : Optional.of(new ImsIdentity(impis.get(0), impus));
  }

  @Override
  public Optional<String> findPoolByWebIdentity(String webIdentity) {
    return jdbc.queryForList("SELECT pool_name FROM waf_pool_mapping WHERE web_identity = ?", String.class,
        webIdentity).stream().findFirst();
  }

  @Override
  public Optional<IdentityMapping> find(String webIdentity) {
    Optional<IdentityMapping> fixed = findByWebIdentity(webIdentity)
        .map(identity -> new IdentityMapping(webIdentity, identity));
    return fixed.isPresent() ? fixed
        : findPoolByWebIdentity(webIdentity).map(pool -> IdentityMapping.toPool(webIdentity, pool));
  }

  @Override
  public List<IdentityMapping> search(String query, long offset, int limit) {
    if (offset < 0 || limit < 0) {
      throw new IllegalArgumentException("offset and limit must not be negative");
    }
    List<Object> args = searchArguments(query);
    args.add(limit);
    args.add(offset);
    return tx.execute(status -> {
      List<String[]> rows = jdbc.query("SELECT web_identity, pool_name FROM (" + SEARCH
          + ") m ORDER BY web_identity LIMIT ? OFFSET ?",
          (rs, row) -> new String[] {rs.getString(1), rs.getString(2)}, args.toArray());
      List<IdentityMapping> page = new ArrayList<>();
      for (String[] row : rows) {
        if (row[1] != null) {
          page.add(IdentityMapping.toPool(row[0], row[1]));
        } else {
          findByWebIdentity(row[0]).ifPresent(identity -> page.add(new IdentityMapping(row[0], identity)));
        }
      }
      return page;
    });
  }

  @Override
  public long countSearch(String query) {
    Long count = jdbc.queryForObject("SELECT COUNT(*) FROM (" + SEARCH + ") m", Long.class,
        searchArguments(query).toArray());
    return count == null ? 0 : count;
  }

  /**
   * Fixed and pool mappings in one list; a blank query matches all (the first parameter is the flag). The cast
   * gives the NULL column a type PostgreSQL accepts in a UNION.
   */
  private static final String SEARCH = "SELECT f.web_identity, CAST(NULL AS varchar(64)) AS pool_name"
      + " FROM waf_identity_mapping f WHERE ? OR LOWER(f.web_identity) LIKE ? ESCAPE '\\'"
      + " OR LOWER(f.impi) LIKE ? ESCAPE '\\' OR EXISTS (SELECT 1 FROM waf_identity_impu i"
      + " WHERE i.web_identity = f.web_identity AND LOWER(i.impu) LIKE ? ESCAPE '\\')"
      + " UNION ALL SELECT p.web_identity, p.pool_name FROM waf_pool_mapping p"
      + " WHERE ? OR LOWER(p.web_identity) LIKE ? ESCAPE '\\' OR LOWER(p.pool_name) LIKE ? ESCAPE '\\'";

  private static List<Object> searchArguments(String query) {
    boolean all = query == null || query.isBlank();
    String like = all ? "" : "%" + query.trim().toLowerCase(Locale.ROOT)
        .replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
    return new ArrayList<>(List.of(all, like, like, like, all, like, like));
  }

  @Override
  public List<IdentityMapping> findAll(long offset, int limit) {
    if (offset < 0 || limit < 0) {
      throw new IllegalArgumentException("offset and limit must not be negative");
    }
    // One transaction, so the IMPUs belong to the same page of mappings; LIMIT/OFFSET is understood by H2 and
    // PostgreSQL alike.
    return tx.execute(status -> {
      Map<String, String> impis = new LinkedHashMap<>();
      jdbc.query("SELECT web_identity, impi FROM waf_identity_mapping ORDER BY web_identity LIMIT ? OFFSET ?",
          rs -> {
            impis.put(rs.getString(1), rs.getString(2));
          }, limit, offset);
      Map<String, List<String>> impus = new LinkedHashMap<>();
      jdbc.query("SELECT i.web_identity, i.impu FROM waf_identity_impu i JOIN (SELECT web_identity"
              + " FROM waf_identity_mapping ORDER BY web_identity LIMIT ? OFFSET ?) p"
              + " ON p.web_identity = i.web_identity ORDER BY i.web_identity, i.impu_order",
          rs -> {
            impus.computeIfAbsent(rs.getString(1), key -> new ArrayList<>()).add(rs.getString(2));
          }, limit, offset);
      List<IdentityMapping> page = new ArrayList<>();
      // A mapping without IMPUs is no IMS identity (as in findByWebIdentity): left out.
      impis.forEach((webIdentity, impi) -> {
        if (impus.containsKey(webIdentity)) {
          page.add(new IdentityMapping(webIdentity, new ImsIdentity(impi, impus.get(webIdentity))));
        }
      });
      return page;
    });
  }

  @Override
  public long count() {
    Long count = jdbc.queryForObject("SELECT COUNT(*) FROM waf_identity_mapping", Long.class);
    return count == null ? 0 : count;
  }

  @Override
  public void save(String webIdentity, ImsIdentity identity) {
    tx.executeWithoutResult(status -> {
      jdbc.update("DELETE FROM waf_pool_mapping WHERE web_identity = ?", webIdentity);
      jdbc.update("DELETE FROM waf_identity_impu WHERE web_identity = ?", webIdentity);
      if (jdbc.update("UPDATE waf_identity_mapping SET impi = ? WHERE web_identity = ?",
          identity.impi(), webIdentity) == 0) {
        jdbc.update("INSERT INTO waf_identity_mapping (web_identity, impi) VALUES (?, ?)",
            webIdentity, identity.impi());
      }
      List<String> impus = identity.impus();
      for (int i = 0; i < impus.size(); i++) {
        jdbc.update("INSERT INTO waf_identity_impu (web_identity, impu_order, impu) VALUES (?, ?, ?)",
            webIdentity, i, impus.get(i));
      }
    });
  }

  @Override
  public void savePool(String webIdentity, String pool) {
    tx.executeWithoutResult(status -> {
      deleteFixed(webIdentity);
      if (jdbc.update("UPDATE waf_pool_mapping SET pool_name = ? WHERE web_identity = ?", pool, webIdentity) == 0) {
        jdbc.update("INSERT INTO waf_pool_mapping (web_identity, pool_name) VALUES (?, ?)", webIdentity, pool);
      }
    });
  }

  @Override
  public Optional<String> findWebIdentityByImpu(String impu) {
    return jdbc.queryForList("SELECT web_identity FROM waf_identity_impu WHERE impu = ?", String.class, impu)
        .stream().findFirst();
  }

  @Override
  public List<String> fixedImpusAmong(List<String> impus) {
    return SqlIn.existing(jdbc, "SELECT impu FROM waf_identity_impu WHERE impu IN", impus);
  }

  @Override
  public long countByPool(String pool) {
    Long count = jdbc.queryForObject("SELECT COUNT(*) FROM waf_pool_mapping WHERE pool_name = ?", Long.class, pool);
    return count == null ? 0 : count;
  }

  @Override
  public void delete(String webIdentity) {
    tx.executeWithoutResult(status -> {
      jdbc.update("DELETE FROM waf_pool_mapping WHERE web_identity = ?", webIdentity);
      deleteFixed(webIdentity);
    });
  }

  private void deleteFixed(String webIdentity) {
    tx.executeWithoutResult(status -> {
      jdbc.update("DELETE FROM waf_identity_impu WHERE web_identity = ?", webIdentity);
      jdbc.update("DELETE FROM waf_identity_mapping WHERE web_identity = ?", webIdentity);
    });
  }
}
