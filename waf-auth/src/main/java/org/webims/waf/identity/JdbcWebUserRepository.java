package org.webims.waf.identity;

import java.util.Optional;
import org.springframework.jdbc.core.JdbcOperations;

/** {@link WebUserRepository} over the table {@code waf_web_user}. */
public class JdbcWebUserRepository implements WebUserRepository {

  private final JdbcOperations jdbc;

  public JdbcWebUserRepository(JdbcOperations jdbc) {
    this.jdbc = jdbc;
  }

  @Override
  public Optional<WebUser> findByUsername(String username) {
    return jdbc.query("SELECT username, password_hash, enabled FROM waf_web_user WHERE username = ?",
        (rs, row) -> new WebUser(rs.getString(1), rs.getString(2), rs.getBoolean(3)), username)
        .stream().findFirst();
  }

  @Override
  public void save(WebUser user) {
    if (jdbc.update("UPDATE waf_web_user SET password_hash = ?, enabled = ? WHERE username = ?",
        user.passwordHash(), user.enabled(), user.username()) == 0) {
      jdbc.update("INSERT INTO waf_web_user (username, password_hash, enabled) VALUES (?, ?, ?)",
          user.username(), user.passwordHash(), user.enabled());
    }
  }
}
