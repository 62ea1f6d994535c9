package org.webims.waf.identity;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcOperations;
import org.springframework.transaction.support.TransactionOperations;

/** {@link IdentityMappingRepository} over the tables {@code waf_identity_mapping} and {@code waf_identity_impu}. */
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
  public void delete(String webIdentity) {
    tx.executeWithoutResult(status -> {
      jdbc.update("DELETE FROM waf_identity_impu WHERE web_identity = ?", webIdentity);
      jdbc.update("DELETE FROM waf_identity_mapping WHERE web_identity = ?", webIdentity);
    });
  }
}
