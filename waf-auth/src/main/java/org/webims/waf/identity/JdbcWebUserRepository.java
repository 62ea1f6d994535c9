package org.webims.waf.identity;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.JdbcOperations;

/** {@link WebUserRepository} over the table {@code waf_web_user}; roles are its space-separated column. */
public class JdbcWebUserRepository implements WebUserRepository {

  private final JdbcOperations jdbc;

  public JdbcWebUserRepository(JdbcOperations jdbc) {
    this.jdbc = jdbc;
  }

  @Override
  public Optional<WebUser> findByUsername(String username) {
    return jdbc.query("SELECT username, password_hash, enabled, roles FROM waf_web_user WHERE username = ?",
        (rs, row) -> new WebUser(rs.getString(1), rs.getString(2), rs.getBoolean(3), roles(rs.getString(4))),
        username)
        .stream().findFirst();
  }

  @Override
  public void save(WebUser user) {
    String roles = user.roles().stream().sorted().map(WebUserRole::roleName).collect(Collectors.joining(" "));
    if (jdbc.update("UPDATE waf_web_user SET password_hash = ?, enabled = ?, roles = ? WHERE username = ?",
        user.passwordHash(), user.enabled(), roles, user.username()) == 0) {
      jdbc.update("INSERT INTO waf_web_user (username, password_hash, enabled, roles) VALUES (?, ?, ?, ?)",
          user.username(), user.passwordHash(), user.enabled(), roles);
    }
  }

  private static Set<WebUserRole> roles(String column) {
    Set<WebUserRole> roles = EnumSet.noneOf(WebUserRole.class);
    if (column != null) {
      Arrays.stream(column.trim().split("\\s+")).filter(name -> !name.isEmpty())
          .map(WebUserRole::of).forEach(roles::add);
    }
    return roles;
  }
}
