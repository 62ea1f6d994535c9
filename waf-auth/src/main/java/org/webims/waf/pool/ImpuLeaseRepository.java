package org.webims.waf.pool;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcOperations;

/**
 * Leases of pool IMPUs: the lease columns of {@code waf_pool_impu}, which every grant takes with a conditional
 * UPDATE (the database's row lock decides between concurrent sign-ins, WAF-10), and the history in
 * {@code waf_impu_lease}.
 */
public class ImpuLeaseRepository {

  private static final String LEASE_COLUMNS = "id, pool_name, impu, impi, holder, leased_at, expires_at,"
      + " released_at, released_by, release_reason";
  /**
   * "Free or lapsed, and no token of an earlier lease still valid" of a pool IMPU row at the instant bound to both
   * parameters (EPC-28, WAF-11: a released lease's token never registers the IMPU beside a new holder).
   */
  private static final String FREE = "(lease_id IS NULL OR lease_expires_at <= ?)"
      + " AND (tokens_expire_at IS NULL OR tokens_expire_at <= ?)";

  private final JdbcOperations jdbc;

  public ImpuLeaseRepository(JdbcOperations jdbc) {
    this.jdbc = jdbc;
  }

  /** The id of the live lease {@code holder} has in {@code pool}, if any. */
  public Optional<String> findLiveLeaseId(String pool, String holder, Instant now) {
    return jdbc.queryForList("SELECT lease_id FROM waf_pool_impu WHERE pool_name = ? AND holder = ?"
        + " AND lease_expires_at > ?", String.class, pool, holder, ts(now)).stream().findFirst();
  }

  /**
   * Moves a live lease's expiry to {@code until} and its tokens' expiry to {@code tokensExpireAt} when later;
   * false when it lapsed or was released meanwhile.
   */
  public boolean extend(String leaseId, Instant until, Instant tokensExpireAt, Instant now) {
    if (jdbc.update("UPDATE waf_pool_impu SET lease_expires_at = ?, tokens_expire_at = CASE WHEN tokens_expire_at"
        + " IS NULL OR tokens_expire_at < ? THEN ? ELSE tokens_expire_at END WHERE lease_id = ?"
        + " AND lease_expires_at > ?", ts(until), ts(tokensExpireAt), ts(tokensExpireAt), leaseId, ts(now)) != 1) {
      return false;
    }
    jdbc.update("UPDATE waf_impu_lease SET expires_at = ? WHERE id = ?", ts(until), leaseId);
    return true;
  }

  /** Frees the pool row of a lapsed lease of {@code holder}, so the holder may take a new one. */
  public void clearLapsed(String pool, String holder, Instant now) {
    jdbc.update("UPDATE waf_pool_impu SET holder = NULL, lease_id = NULL, lease_expires_at = NULL"
        + " WHERE pool_name = ? AND holder = ? AND lease_expires_at <= ?", pool, holder, ts(now));
  }

  /**
   * Up to {@code limit} IMPUs of the pool that look free now, the holder's own previous IMPU first (a returning
   * user gets the IMPU it had when that is free), then in pool order.
   */
  public List<PoolImpu> freeCandidates(String pool, String holder, Instant now, int limit) {
    return jdbc.query("SELECT p.impu, p.impi FROM waf_pool_impu p WHERE p.pool_name = ? AND " + FREE
            + " ORDER BY CASE WHEN p.impu = (SELECT l.impu FROM waf_impu_lease l WHERE l.holder = ?"
            + " AND l.pool_name = ? ORDER BY l.leased_at DESC LIMIT 1) THEN 0 ELSE 1 END, p.seq LIMIT ?",
        (rs, row) -> new PoolImpu(rs.getString(1), rs.getString(2), null), pool, ts(now), ts(now), holder, pool,
        limit);
  }

  /**
   * Takes {@code impu} for a new lease if it is still free (no live lease, no valid token of an earlier one): the
   * conditional UPDATE locks the row, and a concurrent taker waits for it and then finds the condition false. True
   * when this call won; the row then records {@code tokensExpireAt}, the expiry of the token being issued.
   */
  public boolean take(String impu, String holder, String leaseId, Instant until, Instant tokensExpireAt,
      Instant now) {
    return jdbc.update("UPDATE waf_pool_impu SET holder = ?, lease_id = ?, lease_expires_at = ?, tokens_expire_at = ?"
        + " WHERE impu = ? AND " + FREE, holder, leaseId, ts(until), ts(tokensExpireAt), impu, ts(now),
        ts(now)) == 1;
  }

  public void insert(ImpuLease lease) {
    jdbc.update("INSERT INTO waf_impu_lease (" + LEASE_COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, NULL, NULL, NULL)",
        lease.id(), lease.pool(), lease.impu(), lease.impi(), lease.holder(), ts(lease.leasedAt()),
        ts(lease.expiresAt()));
  }

  public Optional<ImpuLease> find(String id, Instant now) {
    return jdbc.query("SELECT " + LEASE_COLUMNS + " FROM waf_impu_lease WHERE id = ?",
        (rs, row) -> lease(rs, now), id).stream().findFirst();
  }

  /**
   * Ends a lease that is neither released nor lapsed, and frees its IMPU. False when it had ended already (or
   * does not exist): the release is then a no-op.
   */
  public boolean release(String id, String by, String reason, Instant now) {
    if (jdbc.update("UPDATE waf_impu_lease SET released_at = ?, released_by = ?, release_reason = ?"
        + " WHERE id = ? AND released_at IS NULL AND expires_at > ?", ts(now), by, reason, id, ts(now)) != 1) {
      return false;
    }
    jdbc.update("UPDATE waf_pool_impu SET holder = NULL, lease_id = NULL, lease_expires_at = NULL"
        + " WHERE lease_id = ?", id);
    return true;
  }

  /** Leases of a pool, newest first, optionally only those in {@code state}. */
  public List<ImpuLease> findByPool(String pool, LeaseState state, Instant now, long offset, int limit) {
    List<Object> args = new ArrayList<>(List.of(pool));
    String where = stateCondition(state, now, args);
    args.add(limit);
    args.add(offset);
    return jdbc.query("SELECT " + LEASE_COLUMNS + " FROM waf_impu_lease WHERE pool_name = ?" + where
        + " ORDER BY leased_at DESC, id LIMIT ? OFFSET ?", (rs, row) -> lease(rs, now), args.toArray());
  }

  public long countByPool(String pool, LeaseState state, Instant now) {
    List<Object> args = new ArrayList<>(List.of(pool));
    String where = stateCondition(state, now, args);
    Long count = jdbc.queryForObject("SELECT COUNT(*) FROM waf_impu_lease WHERE pool_name = ?" + where, Long.class,
        args.toArray());
    return count == null ? 0 : count;
  }

  /** The number of live leases of the pool. */
  public long countLive(String pool, Instant now) {
    return countByPool(pool, LeaseState.LIVE, now);
  }

  /** The number of live leases of every pool: IMPUs whose lease has not ended (as the pools' lists count them). */
  public long countLive(Instant now) {
    Long count = jdbc.queryForObject("SELECT COUNT(*) FROM waf_pool_impu WHERE lease_expires_at > ?", Long.class,
        ts(now));
    return count == null ? 0 : count;
  }

  private static String stateCondition(LeaseState state, Instant now, List<Object> args) {
    if (state == null) {
      return "";
    }
    return switch (state) {
      case RELEASED -> " AND released_at IS NOT NULL";
      case LIVE -> {
        args.add(ts(now));
        yield " AND released_at IS NULL AND expires_at > ?";
      }
      case EXPIRED -> {
        args.add(ts(now));
        yield " AND released_at IS NULL AND expires_at <= ?";
      }
    };
  }

  private static ImpuLease lease(ResultSet rs, Instant now) throws SQLException {
    Instant expiresAt = rs.getTimestamp(7).toInstant();
    Instant releasedAt = instant(rs.getTimestamp(8));
    return new ImpuLease(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
        rs.getTimestamp(6).toInstant(), expiresAt, releasedAt, rs.getString(9), rs.getString(10),
        ImpuLease.stateAt(now, expiresAt, releasedAt));
  }

  private static Instant instant(Timestamp timestamp) {
    return timestamp == null ? null : timestamp.toInstant();
  }

  private static Timestamp ts(Instant instant) {
    return Timestamp.from(instant);
  }
}
