package org.webims.ims.hss;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * {@link SubscriberRepository} over JDBC with the Flyway schema in {@code db/ims-core}: plain SQL
 * that runs on H2 and PostgreSQL alike. A save replaces the child rows inside one transaction.
 */
public final class JdbcSubscriberRepository implements SubscriberRepository {

  private final JdbcClient jdbc;
  private final TransactionTemplate transactions;

  public JdbcSubscriberRepository(JdbcClient jdbc, TransactionTemplate transactions) {
    this.jdbc = jdbc;
    this.transactions = transactions;
  }

  @Override
  public Optional<Subscriber> findByImpi(String impi) {
    Optional<String> realm = jdbc.sql("SELECT realm FROM ims_subscriber WHERE impi = ?")
        .param(impi).query(String.class).optional();
    if (realm.isEmpty()) {
      return Optional.empty();
    }
    List<String> impus = jdbc.sql("SELECT impu FROM ims_subscriber_impu WHERE impi = ? ORDER BY impu_order")
        .param(impi).query(String.class).list();
    Map<String, String> ha1 = new TreeMap<>();
    jdbc.sql("SELECT algorithm, ha1 FROM ims_subscriber_digest_ha1 WHERE impi = ?").param(impi)
        .query(rs -> {
          ha1.put(rs.getString(1), rs.getString(2));
        });
    List<String> wafs = jdbc.sql("SELECT waf_identity FROM ims_subscriber_allowed_waf WHERE impi = ? ORDER BY waf_identity")
        .param(impi).query(String.class).list();
    return Optional.of(new Subscriber(impi, realm.get(), impus, ha1, wafs));
  }

  @Override
  public Optional<Subscriber> findByImpu(String impu) {
    Optional<String> impi = jdbc.sql("SELECT impi FROM ims_subscriber_impu WHERE impu = ?")
        .param(impu).query(String.class).optional();
    return impi.isEmpty() ? Optional.empty() : findByImpi(impi.get());
  }

  @Override
  public void save(Subscriber s) {
    transactions.executeWithoutResult(status -> {
      int updated = jdbc.sql("UPDATE ims_subscriber SET realm = ? WHERE impi = ?").params(s.realm(), s.impi()).update();
      if (updated == 0) {
        jdbc.sql("INSERT INTO ims_subscriber (impi, realm) VALUES (?, ?)").params(s.impi(), s.realm()).update();
      }
      deleteChildren(s.impi());
      for (int i = 0; i < s.impus().size(); i++) {
        jdbc.sql("INSERT INTO ims_subscriber_impu (impi, impu_order, impu) VALUES (?, ?, ?)")
            .params(s.impi(), i, s.impus().get(i)).update();
      }
      for (Map.Entry<String, String> e : s.ha1ByHash().entrySet()) {
        jdbc.sql("INSERT INTO ims_subscriber_digest_ha1 (impi, algorithm, ha1) VALUES (?, ?, ?)")
            .params(s.impi(), e.getKey(), e.getValue()).update();
      }
      for (String waf : s.allowedWafIdentities()) {
        jdbc.sql("INSERT INTO ims_subscriber_allowed_waf (impi, waf_identity) VALUES (?, ?)")
            .params(s.impi(), waf).update();
      }
    });
  }

  @Override
  public boolean delete(String impi) {
    Boolean removed = transactions.execute(status -> {
      deleteChildren(impi);
      return jdbc.sql("DELETE FROM ims_subscriber WHERE impi = ?").param(impi).update() > 0;
    });
    return Boolean.TRUE.equals(removed);
  }

  @Override
  public long count() {
    return jdbc.sql("SELECT COUNT(*) FROM ims_subscriber").query(Long.class).single();
  }

  private void deleteChildren(String impi) {
    jdbc.sql("DELETE FROM ims_subscriber_impu WHERE impi = ?").param(impi).update();
    jdbc.sql("DELETE FROM ims_subscriber_digest_ha1 WHERE impi = ?").param(impi).update();
    jdbc.sql("DELETE FROM ims_subscriber_allowed_waf WHERE impi = ?").param(impi).update();
  }
}
