package org.webims.waf.identity;

import java.util.List;
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
