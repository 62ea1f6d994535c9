package org.webims.waf.provisioning;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.h2.jdbcx.JdbcDataSource;
import org.springframework.jdbc.core.JdbcOperations;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.webims.waf.audit.AuditLog;
import org.webims.waf.config.WafSchema;
import org.webims.waf.identity.IdentityMappingService;
import org.webims.waf.identity.JdbcIdentityMappingRepository;
import org.webims.waf.identity.JdbcWebUserRepository;
import org.webims.waf.identity.WebUser;
import org.webims.waf.pool.ImpuLease;
import org.webims.waf.pool.ImpuLeaseRepository;
import org.webims.waf.metrics.WafMetrics;
import org.webims.waf.pool.ImpuLeaseService;
import org.webims.waf.pool.ImpuPoolRepository;
import org.webims.waf.pool.ImpuPoolService;
import org.webims.sip.testing.MutableClock;

/**
 * The WAF's provisioning services over a migrated H2 file database of a test, wired as {@code WafConfiguration}
 * wires them, on a clock the test moves ({@link #advance}).
 */
final class TestProvisioning {

  static final Duration LEASE_DURATION = Duration.ofHours(2);
  /** The lifetime of the access token each {@link #lease} is issued with (the WAF's default). */
  static final Duration TOKEN_LIFETIME = Duration.ofMinutes(5);
  static final int MAX_RANGE_SIZE = 50;

  final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T10:00:00Z"));
  final JdbcOperations jdbc;
  final JdbcWebUserRepository users;
  final AuditLog audit;
  final ImpuPoolService pools;
  final WafMetrics metrics = WafMetrics.unregistered();
  final ImpuLeaseService leases;
  final IdentityMappingService mappings;

  TestProvisioning(Path dataDir) {
    JdbcDataSource dataSource = new JdbcDataSource();
    dataSource.setURL("jdbc:h2:file:" + dataDir.toAbsolutePath().resolve("waf"));
    dataSource.setUser("sa");
    jdbc = WafSchema.migrate(dataSource).jdbc();
    TransactionTemplate tx = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
    users = new JdbcWebUserRepository(jdbc);
    JdbcIdentityMappingRepository mappingRepository = new JdbcIdentityMappingRepository(jdbc, tx);
    ImpuPoolRepository poolRepository = new ImpuPoolRepository(jdbc);
    audit = new AuditLog(jdbc, clock);
    pools = new ImpuPoolService(poolRepository, mappingRepository, audit, tx, clock, MAX_RANGE_SIZE);
    leases = new ImpuLeaseService(new ImpuLeaseRepository(jdbc), poolRepository, audit, tx, clock,
        LEASE_DURATION, metrics);
    mappings = new IdentityMappingService(mappingRepository, users, poolRepository, audit, tx);
  }

  /** Web users that exist (a mapping needs one); no password anyone could use. */
  TestProvisioning users(String... usernames) {
    for (String username : usernames) {
      users.save(new WebUser(username, "{noop}unused", true));
    }
    return this;
  }

  /** The holder's lease, as an access token issued now with {@link #TOKEN_LIFETIME} gets it. */
  ImpuLease lease(String pool, String holder) {
    return leases.lease(pool, holder, clock.instant().plus(TOKEN_LIFETIME));
  }

  void advance(Duration duration) {
    clock.advance(duration);
  }

  long count(String table) {
    return jdbc.queryForObject("SELECT COUNT(*) FROM " + table, Long.class);
  }
}
