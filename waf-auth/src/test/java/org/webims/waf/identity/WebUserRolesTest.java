package org.webims.waf.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.security.core.GrantedAuthority;
import org.webims.waf.testing.TestSeedFile;
import org.webims.waf.testing.WafTestServer;

/** Roles of web users (issue 4): the seed file's {@code roles}, kept in the database, granted at sign-in. */
class WebUserRolesTest {

  @TempDir
  Path dataDir;

  @Test
  void seededOperatorRoleSurvivesARestartWithoutTheSeedEntry() {
    try (WafTestServer waf = WafTestServer.start(dataDir, TestSeedFile.standard().operator())) {
      assertThat(authorities(waf, TestSeedFile.OPERATOR)).containsExactlyInAnyOrder("ROLE_WEB_USER", "ROLE_OPERATOR");
    }
    try (WafTestServer waf = WafTestServer.start(dataDir, new TestSeedFile())) {
      assertThat(waf.context().getBean(WebUserRepository.class).findByUsername(TestSeedFile.OPERATOR))
          .hasValueSatisfying(user -> assertThat(user.roles()).containsExactly(WebUserRole.OPERATOR));
      assertThat(authorities(waf, TestSeedFile.OPERATOR)).containsExactlyInAnyOrder("ROLE_WEB_USER", "ROLE_OPERATOR");
      assertThat(authorities(waf, TestSeedFile.ALICE)).containsExactly("ROLE_WEB_USER");
    }
  }

  @Test
  void roleRemovedFromTheSeedFileIsRemovedAtTheNextStart() {
    try (WafTestServer waf = WafTestServer.start(dataDir, new TestSeedFile().operator())) {
      assertThat(authorities(waf, TestSeedFile.OPERATOR)).contains("ROLE_OPERATOR");
    }
    TestSeedFile demoted = new TestSeedFile()
        .userWithoutImsIdentity(TestSeedFile.OPERATOR, TestSeedFile.OPERATOR_PASSWORD);
    try (WafTestServer waf = WafTestServer.start(dataDir, demoted)) {
      assertThat(authorities(waf, TestSeedFile.OPERATOR)).containsExactly("ROLE_WEB_USER");
    }
  }

  @Test
  void operatorWithoutImsIdentityGetsATokenTheEpCscfRefuses() throws Exception {
    try (WafTestServer waf = WafTestServer.start(dataDir, TestSeedFile.standard().operator())) {
      JWTClaimsSet claims = SignedJWT.parse(waf.tokenClient()
          .accessToken(TestSeedFile.OPERATOR, TestSeedFile.OPERATOR_PASSWORD)).getJWTClaimsSet();

      assertThat(claims.getSubject()).isEqualTo(TestSeedFile.OPERATOR);
      assertThat(claims.getStringListClaim("roles")).containsExactly("operator");
      // Each of these alone makes the eP-CSCF refuse it (docs/ep-cscf.md, token checks).
      assertThat(claims.getAudience()).containsExactly("wwsf").doesNotContain("epcscf.ims.example.net");
      assertThat(claims.getClaim("scope")).isNull();
      assertThat(claims.getClaim("impi")).isNull();
      assertThat(claims.getClaim("impu")).isNull();

      JWTClaimsSet alice = SignedJWT.parse(waf.tokenClient()
          .accessToken(TestSeedFile.ALICE, TestSeedFile.ALICE_PASSWORD)).getJWTClaimsSet();
      assertThat(alice.getClaim("roles")).isNull();
    }
  }

  @Test
  void unknownRoleInTheSeedFileIsRejectedNamingUserRoleAndKnownRoles() throws Exception {
    Path file = Files.writeString(dataDir.resolve("bad.yml"),
        "users:\n  - username: erin\n    password: pw\n    roles: [admin]\n");

    assertThatThrownBy(() -> SeedFileProvisioner.read(file))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("bad.yml").hasMessageContaining("erin")
        .hasMessageContaining("unknown role 'admin'").hasMessageContaining("known roles: operator");
  }

  @Test
  void rolesThatAreNotAListAreRejected() throws Exception {
    Path file = Files.writeString(dataDir.resolve("bad.yml"),
        "users:\n  - username: erin\n    password: pw\n    roles: operator\n");

    assertThatThrownBy(() -> SeedFileProvisioner.read(file))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'roles' must be a list");
  }

  @Test
  void seedFileWithAnUnknownRoleStopsTheStart() {
    TestSeedFile seed = new TestSeedFile().userWithRoles("erin", "pw", List.of("admin"));

    assertThatThrownBy(() -> WafTestServer.start(dataDir, seed))
        .hasRootCauseInstanceOf(IllegalArgumentException.class)
        .rootCause().hasMessageContaining("unknown role 'admin'");
  }

  private static List<String> authorities(WafTestServer waf, String username) {
    return waf.context().getBean(WebUserDetailsService.class).loadUserByUsername(username).getAuthorities()
        .stream().map(GrantedAuthority::getAuthority).toList();
  }
}
