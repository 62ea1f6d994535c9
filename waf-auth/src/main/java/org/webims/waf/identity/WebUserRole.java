package org.webims.waf.identity;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * A role a web user holds besides being a web user (every user is one: {@link #WEB_USER_AUTHORITY}). The name is
 * what the seed file's {@code roles} list, the {@code roles} column and the token's {@code roles} claim carry.
 */
public enum WebUserRole {

  /** Runs the service: may see the identity mappings in the WWSF's console. Needs no IMS identity. */
  OPERATOR;

  /** The authority of every signed-in web user. */
  public static final String WEB_USER_AUTHORITY = "ROLE_WEB_USER";

  /** The name in the seed file, the database and the token claim: {@code operator}. */
  public String roleName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The Spring Security authority: {@code ROLE_OPERATOR}. */
  public String authority() {
    return "ROLE_" + name();
  }

  /** The role named {@code name} (as {@link #roleName()}); an unknown name is refused, listing the known ones. */
  public static WebUserRole of(String name) {
    for (WebUserRole role : values()) {
      if (role.roleName().equals(name)) {
        return role;
      }
    }
    throw new IllegalArgumentException("unknown role '" + name + "' (known roles: "
        + Arrays.stream(values()).map(WebUserRole::roleName).collect(Collectors.joining(", ")) + ")");
  }
}
