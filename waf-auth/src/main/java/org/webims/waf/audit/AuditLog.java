package org.webims.waf.audit;

import java.sql.Timestamp;
import java.time.Clock;
import org.springframework.jdbc.core.JdbcOperations;
import org.webims.waf.provisioning.Page;
import org.webims.waf.provisioning.PageRequest;

/**
 * The audit log of provisioning changes (issue 6: "every change recorded ... who, what, when"), table
 * {@code waf_audit_log}. The services record inside the transaction of the change, so an entry exists exactly when
 * the change does.
 */
public class AuditLog {

  /** The actor of changes the WAF's seed file makes at start. */
  public static final String SEED_FILE = "seed-file";

  public static final String MAPPING_CREATE = "mapping.create";
  public static final String MAPPING_UPDATE = "mapping.update";
  public static final String MAPPING_DELETE = "mapping.delete";
  public static final String POOL_CREATE = "pool.create";
  public static final String POOL_UPDATE = "pool.update";
  public static final String POOL_DELETE = "pool.delete";
  public static final String POOL_ADD_IMPUS = "pool.add-impus";
  public static final String POOL_REMOVE_IMPU = "pool.remove-impu";
  public static final String LEASE_RELEASE = "lease.release";
  /** The console's network deregistration through the IMS core's admin API (issue 12 item 9). */
  public static final String REGISTRATION_DEREGISTER = "registration.deregister";

  private static final int MAX_DETAIL = 2000;

  private final JdbcOperations jdbc;
  private final Clock clock;

  public AuditLog(JdbcOperations jdbc, Clock clock) {
    this.jdbc = jdbc;
    this.clock = clock;
  }

  /** Records one change now; a detail longer than the column is cut with an ellipsis. */
  public void record(String actor, String action, String target, String detail) {
    String text = detail.length() > MAX_DETAIL ? detail.substring(0, MAX_DETAIL - 3) + "..." : detail;
    jdbc.update("INSERT INTO waf_audit_log (at, actor, action, target, detail) VALUES (?, ?, ?, ?, ?)",
        Timestamp.from(clock.instant()), actor, action, target, text);
  }

  /** One page of the log, newest first. */
  public Page<AuditEntry> page(PageRequest request) {
    Long total = jdbc.queryForObject("SELECT COUNT(*) FROM waf_audit_log", Long.class);
    var items = jdbc.query("SELECT id, at, actor, action, target, detail FROM waf_audit_log"
            + " ORDER BY id DESC LIMIT ? OFFSET ?",
        (rs, row) -> new AuditEntry(rs.getLong(1), rs.getTimestamp(2).toInstant(), rs.getString(3),
            rs.getString(4), rs.getString(5), rs.getString(6)),
        request.size(), request.offset());
    return new Page<>(items, request.page(), request.size(), total == null ? 0 : total);
  }
}
