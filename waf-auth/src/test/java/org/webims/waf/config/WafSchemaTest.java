package org.webims.waf.config;

import static org.assertj.core.api.Assertions.assertThat;

import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

/** The WAF's own migration in a database it shares with another application. */
class WafSchemaTest {

  private static JdbcDataSource sharedDatabase(String name) {
    JdbcDataSource dataSource = new JdbcDataSource();
    dataSource.setURL("jdbc:h2:mem:" + name + ";DB_CLOSE_DELAY=-1");
    return dataSource;
  }

  @Test
  void migratesBesideAnotherApplicationsTablesAndFlywayHistory() {
    JdbcDataSource dataSource = sharedDatabase("shared");
    JdbcTemplate jdbc = new JdbcTemplate(dataSource);
    jdbc.execute("CREATE TABLE wwsf_page (id integer PRIMARY KEY)");
    jdbc.execute("CREATE TABLE flyway_schema_history (installed_rank integer PRIMARY KEY)");

    WafSchema.migrate(dataSource);

    assertThat(jdbc.queryForObject("SELECT count(*) FROM waf_signing_key", Integer.class)).isZero();
    assertThat(jdbc.queryForObject("SELECT count(*) FROM flyway_schema_history", Integer.class)).isZero();
    assertThat(jdbc.queryForObject("SELECT count(*) FROM \"waf_schema_history\" WHERE \"version\" = '1'",
        Integer.class)).isOne();
  }

  @Test
  void migratingAgainChangesNothing() {
    JdbcDataSource dataSource = sharedDatabase("again");
    WafSchema.migrate(dataSource);

    WafSchema.migrate(dataSource);

    assertThat(new JdbcTemplate(dataSource).queryForObject(
        "SELECT count(*) FROM \"waf_schema_history\" WHERE \"version\" = '1'", Integer.class)).isOne();
  }
}
