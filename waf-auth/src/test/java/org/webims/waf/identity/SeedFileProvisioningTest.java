package org.webims.waf.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jwt.SignedJWT;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.JdbcTemplate;
import org.webims.waf.testing.TestSeedFile;
import org.webims.waf.testing.WafTestServer;
import org.webims.waf.testing.WafTokenException;

/** Provisioning web users and identity mappings from the seed file, kept in the file database (WAF-02, WAF-03). */
class SeedFileProvisioningTest {

  @TempDir
  Path dataDir;

  @Test
  void passwordsAreStoredAsBcryptHashesOnly() {
    try (WafTestServer waf = WafTestServer.start(dataDir, TestSeedFile.standard())) {
      String hash = waf.context().getBean(JdbcTemplate.class).queryForObject(
          "SELECT password_hash FROM waf_web_user WHERE username = ?", String.class, TestSeedFile.ALICE);

      assertThat(hash).startsWith("{bcrypt}$2").doesNotContain(TestSeedFile.ALICE_PASSWORD);
    }
  }

  @Test
  void changedSeedFileUpdatesPasswordAndMappingAtTheNextStart() throws Exception {
    try (WafTestServer waf = WafTestServer.start(dataDir, TestSeedFile.standard())) {
      waf.tokenClient().accessToken(TestSeedFile.ALICE, TestSeedFile.ALICE_PASSWORD);
    }
    TestSeedFile changed = new TestSeedFile().user(TestSeedFile.ALICE, "new-password",
        "alice2_private@ims.example.net", List.of("sip:alice2@ims.example.net"));

    try (WafTestServer waf = WafTestServer.start(dataDir, changed)) {
      assertThatThrownBy(() -> waf.tokenClient().accessToken(TestSeedFile.ALICE, TestSeedFile.ALICE_PASSWORD))
          .isInstanceOf(WafTokenException.class);
      SignedJWT jwt = SignedJWT.parse(waf.tokenClient().accessToken(TestSeedFile.ALICE, "new-password"));
      assertThat(jwt.getJWTClaimsSet().getStringClaim("impi")).isEqualTo("alice2_private@ims.example.net");
      assertThat(jwt.getJWTClaimsSet().getStringListClaim("impu")).containsExactly("sip:alice2@ims.example.net");
    }
  }

  @Test
  void usersSurviveARestartWithoutSeedChanges() throws Exception {
    try (WafTestServer waf = WafTestServer.start(dataDir, TestSeedFile.standard())) {
      waf.tokenClient().accessToken(TestSeedFile.ALICE, TestSeedFile.ALICE_PASSWORD);
    }
    try (WafTestServer waf = WafTestServer.start(dataDir, new TestSeedFile())) {
      assertThat(waf.tokenClient().accessToken(TestSeedFile.ALICE, TestSeedFile.ALICE_PASSWORD)).isNotBlank();
    }
  }

  @Test
  void disabledUserCannotSignIn() {
    TestSeedFile seed = new TestSeedFile().disabledUser("bob", "bob-password", "bob_private@ims.example.net",
        List.of("sip:bob@ims.example.net"));
    try (WafTestServer waf = WafTestServer.start(dataDir, seed)) {
      assertThatThrownBy(() -> waf.tokenClient().accessToken("bob", "bob-password"))
          .isInstanceOfSatisfying(WafTokenException.class,
              refused -> assertThat(refused.error()).isEqualTo("login_failed"));
    }
  }

  @Test
  void seedFileWithoutUsersListIsRejectedWithItsName() throws Exception {
    Path file = Files.writeString(dataDir.resolve("bad.yml"), "people: []\n");

    assertThatThrownBy(() -> SeedFileProvisioner.read(file))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("bad.yml").hasMessageContaining("'users'");
  }

  @Test
  void seedUserWithImpiButNoImpusIsRejected() throws Exception {
    Path file = Files.writeString(dataDir.resolve("bad.yml"),
        "users:\n  - username: carol\n    password: pw\n    impi: carol@ims.example.net\n");

    assertThatThrownBy(() -> SeedFileProvisioner.read(file))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("carol");
  }

  @Test
  void jsonSeedFileIsAccepted() throws Exception {
    Path file = Files.writeString(dataDir.resolve("seed.json"), "{\"users\": [{\"username\": \"dave\","
        + " \"password\": \"pw\", \"impi\": \"dave@ims.example.net\", \"impus\": [\"sip:dave@ims.example.net\"]}]}");

    assertThat(SeedFileProvisioner.read(file)).singleElement().satisfies(user -> {
      assertThat(user.username()).isEqualTo("dave");
      assertThat(user.impus()).containsExactly("sip:dave@ims.example.net");
      assertThat(user.enabled()).isTrue();
    });
  }

  @Test
  void seedPoolsAreCreatedOnceAndTheirUsersLeaseFromThemAcrossRestarts() throws Exception {
    TestSeedFile seed = new TestSeedFile().withGuestPool(1);
    String impu;
    try (WafTestServer waf = WafTestServer.start(dataDir, seed)) {
      impu = SignedJWT.parse(waf.tokenClient().accessToken("guest1", TestSeedFile.GUEST_PASSWORD))
          .getJWTClaimsSet().getStringListClaim("impu").get(0);
    }
    try (WafTestServer waf = WafTestServer.start(dataDir, seed)) {
      JdbcTemplate jdbc = waf.context().getBean(JdbcTemplate.class);
      assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM waf_pool_impu", Long.class))
          .isEqualTo(TestSeedFile.GUEST_POOL_SIZE);
      assertThat(jdbc.queryForList("SELECT action FROM waf_audit_log ORDER BY id", String.class))
          .containsExactly("pool.create", "pool.add-impus");
      assertThat(SignedJWT.parse(waf.tokenClient().accessToken("guest1", TestSeedFile.GUEST_PASSWORD))
          .getJWTClaimsSet().getStringListClaim("impu")).containsExactly(impu);
    }
  }

  @Test
  void seedUserOfAnUnknownPoolStopsTheStartNamingUserAndPool() {
    TestSeedFile seed = new TestSeedFile().poolUser("erin", "pw", "nopool");

    assertThatThrownBy(() -> WafTestServer.start(dataDir, seed))
        .hasStackTraceContaining("user erin is mapped to pool 'nopool'");
  }
}
