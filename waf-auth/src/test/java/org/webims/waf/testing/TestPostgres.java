package org.webims.waf.testing;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

/**
 * The PostgreSQL of the tests that need one (issue 6: two WAF nodes on one database). {@code .ci/run} installs
 * Debian's {@code postgresql}, starts it on loopback and creates role and database {@code webims}/{@code webims},
 * {@code webims_test}; elsewhere set {@code WEBIMS_TEST_POSTGRES_URL}, {@code _USER}, {@code _PASSWORD}. An
 * unreachable database fails the test (it is a prerequisite like Kamailio, docs/waf.md), never skips it.
 * Each {@link #freshSchema()} is a new schema, so runs never see each other's rows.
 */
public final class TestPostgres {

  public static final String URL = env("WEBIMS_TEST_POSTGRES_URL", "jdbc:postgresql://127.0.0.1:5432/webims_test");
  public static final String USER = env("WEBIMS_TEST_POSTGRES_USER", "webims");
  public static final String PASSWORD = env("WEBIMS_TEST_POSTGRES_PASSWORD", "webims");

  private final String schema;

  private TestPostgres(String schema) {
    this.schema = schema;
  }

  /** Creates an empty schema; throws an {@link AssertionError} naming the prerequisite when PostgreSQL is down. */
  public static TestPostgres freshSchema() {
    String schema = "test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
    execute("CREATE SCHEMA " + schema);
    return new TestPostgres(schema);
  }

  /** The JDBC URL whose connections use this schema. */
  public String jdbcUrl() {
    return URL + (URL.contains("?") ? "&" : "?") + "currentSchema=" + schema;
  }

  /** The WAF's arguments for this database: URL, user, password. */
  public String[] wafArguments() {
    return new String[] {"--spring.datasource.url=" + jdbcUrl(), "--spring.datasource.username=" + USER,
        "--spring.datasource.password=" + PASSWORD};
  }

  /** Drops the schema with everything in it. */
  public void drop() {
    execute("DROP SCHEMA " + schema + " CASCADE");
  }

  private static void execute(String sql) {
    try (Connection connection = DriverManager.getConnection(URL, USER, PASSWORD);
        Statement statement = connection.createStatement()) {
      statement.execute(sql);
    } catch (SQLException e) {
      throw new AssertionError("PostgreSQL is a prerequisite of this test and is not reachable at " + URL
          + " as " + USER + " (" + e.getMessage() + "). Run .ci/run, or start it and create the role and database"
          + " as docs/waf.md describes, or set WEBIMS_TEST_POSTGRES_URL/_USER/_PASSWORD.", e);
    }
  }

  private static String env(String name, String fallback) {
    String value = System.getenv(name);
    return value == null || value.isBlank() ? fallback : value;
  }
}
