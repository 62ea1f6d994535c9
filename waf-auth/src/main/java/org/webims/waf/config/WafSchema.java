package org.webims.waf.config;

import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.springframework.jdbc.core.JdbcOperations;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The WAF's tables, migrated by their own Flyway run: scripts in {@code classpath:db/waf}, history in
 * {@code waf_schema_history}. So the WAF can share a database and a class path with the application that
 * imports it (the WWSF) or runs beside it (system tests) without mixing migration versions. Every WAF bean that
 * touches the database gets its {@link #jdbc()} from here, so none runs before the migration.
 */
public final class WafSchema {

  public static final String LOCATION = "classpath:db/waf";
  public static final String HISTORY_TABLE = "waf_schema_history";

  private final JdbcOperations jdbc;

  private WafSchema(JdbcOperations jdbc) {
    this.jdbc = jdbc;
  }

  /** Brings the schema up to date. */
  public static WafSchema migrate(DataSource dataSource) {
    Flyway.configure()
        .dataSource(dataSource)
        .locations(LOCATION)
        .table(HISTORY_TABLE)
        // The database may already hold other applications' tables: start from version 0 so V1 still runs.
        .baselineOnMigrate(true)
        .baselineVersion("0")
        .load()
        .migrate();
    return new WafSchema(new JdbcTemplate(dataSource));
  }

  public JdbcOperations jdbc() {
    return jdbc;
  }
}
