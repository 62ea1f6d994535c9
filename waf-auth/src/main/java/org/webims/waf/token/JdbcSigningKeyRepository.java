package org.webims.waf.token;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import org.springframework.jdbc.core.JdbcOperations;

/** {@link SigningKeyRepository} over the table {@code waf_signing_key}. */
public class JdbcSigningKeyRepository implements SigningKeyRepository {

  private final JdbcOperations jdbc;

  public JdbcSigningKeyRepository(JdbcOperations jdbc) {
    this.jdbc = jdbc;
  }

  @Override
  public List<SigningKey> findAll() {
    return jdbc.query("SELECT kid, public_key, private_key, created_at, retired_at FROM waf_signing_key"
        + " ORDER BY created_at DESC, kid", (rs, row) -> SigningKey.decode(rs.getString(1), rs.getString(2),
            rs.getString(3), instant(rs, 4), instant(rs, 5)));
  }

  @Override
  public void insert(SigningKey key) {
    jdbc.update("INSERT INTO waf_signing_key (kid, public_key, private_key, created_at, retired_at)"
        + " VALUES (?, ?, ?, ?, ?)", key.kid(), key.encodedPublicKey(), key.encodedPrivateKey(),
        Timestamp.from(key.createdAt()), key.retiredAt() == null ? null : Timestamp.from(key.retiredAt()));
  }

  @Override
  public void retireCurrent(Instant when) {
    jdbc.update("UPDATE waf_signing_key SET retired_at = ? WHERE retired_at IS NULL", Timestamp.from(when));
  }

  @Override
  public void deleteRetiredBefore(Instant cutoff) {
    jdbc.update("DELETE FROM waf_signing_key WHERE retired_at IS NOT NULL AND retired_at < ?",
        Timestamp.from(cutoff));
  }

  private static Instant instant(ResultSet rs, int column) throws SQLException {
    Timestamp value = rs.getTimestamp(column);
    return value == null ? null : value.toInstant();
  }
}
