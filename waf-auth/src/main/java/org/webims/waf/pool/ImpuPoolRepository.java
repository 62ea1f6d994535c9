package org.webims.waf.pool;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcOperations;
import org.springframework.jdbc.core.RowMapper;
import org.webims.waf.provisioning.SqlIn;

/** Pools and their IMPUs, tables {@code waf_impu_pool} and {@code waf_pool_impu}. Leasing is in {@link ImpuLeaseRepository}. */
public class ImpuPoolRepository {

  private static final String POOL_COLUMNS = "p.name, p.realm,"
      + " (SELECT COUNT(*) FROM waf_pool_impu i WHERE i.pool_name = p.name),"
      + " (SELECT COUNT(*) FROM waf_pool_impu i WHERE i.pool_name = p.name AND i.lease_expires_at > ?)";

  private final JdbcOperations jdbc;

  public ImpuPoolRepository(JdbcOperations jdbc) {
    this.jdbc = jdbc;
  }

  public Optional<ImpuPool> find(String name, Instant now) {
    return jdbc.query("SELECT " + POOL_COLUMNS + " FROM waf_impu_pool p WHERE p.name = ?", poolRow(),
        Timestamp.from(now), name).stream().findFirst();
  }

  public boolean exists(String name) {
    return count("SELECT COUNT(*) FROM waf_impu_pool WHERE name = ?", name) > 0;
  }

  public List<ImpuPool> findAll(long offset, int limit, Instant now) {
    return jdbc.query("SELECT " + POOL_COLUMNS + " FROM waf_impu_pool p ORDER BY p.name LIMIT ? OFFSET ?",
        poolRow(), Timestamp.from(now), limit, offset);
  }

  public long count() {
    return count("SELECT COUNT(*) FROM waf_impu_pool");
  }

  public void insert(String name, String realm) {
    jdbc.update("INSERT INTO waf_impu_pool (name, realm) VALUES (?, ?)", name, realm);
  }

  public boolean updateRealm(String name, String realm) {
    return jdbc.update("UPDATE waf_impu_pool SET realm = ? WHERE name = ?", realm, name) == 1;
  }

  /** Deletes the pool and its IMPUs (not the lease history). */
  public boolean delete(String name) {
    jdbc.update("DELETE FROM waf_pool_impu WHERE pool_name = ?", name);
    return jdbc.update("DELETE FROM waf_impu_pool WHERE name = ?", name) == 1;
  }

  /** Adds IMPUs after the pool's last ones, in the given order (the order leases take them). */
  public void insertImpus(String pool, List<PoolImpu> impus) {
    Long last = jdbc.queryForObject("SELECT MAX(seq) FROM waf_pool_impu WHERE pool_name = ?", Long.class, pool);
    long seq = last == null ? 0 : last + 1;
    for (PoolImpu impu : impus) {
      jdbc.update("INSERT INTO waf_pool_impu (impu, pool_name, impi, seq) VALUES (?, ?, ?, ?)",
          impu.impu(), pool, impu.impi(), seq++);
    }
  }

  /** Removes one free IMPU; false when it is not in the pool or is leased now. */
  public boolean deleteFreeImpu(String pool, String impu, Instant now) {
    return jdbc.update("DELETE FROM waf_pool_impu WHERE pool_name = ? AND impu = ?"
        + " AND (lease_expires_at IS NULL OR lease_expires_at <= ?)", pool, impu, Timestamp.from(now)) == 1;
  }

  /** The pool that holds {@code impu}, if any. */
  public Optional<String> poolOfImpu(String impu) {
    return jdbc.queryForList("SELECT pool_name FROM waf_pool_impu WHERE impu = ?", String.class, impu).stream()
        .findFirst();
  }

  /** Which of {@code impus} some pool already holds. */
  public List<String> existingImpus(List<String> impus) {
    return SqlIn.existing(jdbc, "SELECT impu FROM waf_pool_impu WHERE impu IN", impus);
  }

  public List<PoolImpu> findImpus(String pool, long offset, int limit, Instant now) {
    return jdbc.query("SELECT impu, impi, CASE WHEN lease_expires_at > ? THEN lease_id END FROM waf_pool_impu"
            + " WHERE pool_name = ? ORDER BY seq LIMIT ? OFFSET ?",
        (rs, row) -> new PoolImpu(rs.getString(1), rs.getString(2), rs.getString(3)),
        Timestamp.from(now), pool, limit, offset);
  }

  public long countImpus(String pool) {
    return count("SELECT COUNT(*) FROM waf_pool_impu WHERE pool_name = ?", pool);
  }

  private long count(String sql, Object... args) {
    Long count = jdbc.queryForObject(sql, Long.class, args);
    return count == null ? 0 : count;
  }

  private static RowMapper<ImpuPool> poolRow() {
    return (rs, row) -> new ImpuPool(rs.getString(1), rs.getString(2), rs.getLong(3), rs.getLong(4));
  }
}
