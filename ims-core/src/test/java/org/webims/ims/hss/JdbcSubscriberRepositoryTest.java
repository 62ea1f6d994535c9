package org.webims.ims.hss;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.webims.ims.testing.TestSubscribers;
import org.webims.sip.digest.DigestAlgorithm;
import org.webims.sip.digest.Rfc7616Response;

/** The HSS store over the Flyway schema on H2. */
class JdbcSubscriberRepositoryTest {

  SubscriberRepository repository;

  @BeforeEach
  void migrate() {
    JdbcDataSource ds = new JdbcDataSource();
    ds.setURL("jdbc:h2:mem:hss-" + System.nanoTime() + ";DB_CLOSE_DELAY=-1");
    Flyway.configure().dataSource(ds).locations("classpath:db/ims-core").load().migrate();
    repository = new JdbcSubscriberRepository(JdbcClient.create(ds),
        new TransactionTemplate(new DataSourceTransactionManager(ds)));
  }

  @Test
  void keepsTheImpuOrderWithTheDefaultFirst() {
    repository.save(TestSubscribers.alice());

    Subscriber found = repository.findByImpi(TestSubscribers.ALICE_IMPI).orElseThrow();

    assertThat(found.impus()).containsExactly(TestSubscribers.ALICE_SIP, TestSubscribers.ALICE_TEL);
    assertThat(found.defaultImpu()).isEqualTo(TestSubscribers.ALICE_SIP);
    assertThat(found.realm()).isEqualTo(TestSubscribers.REALM);
  }

  @Test
  void storesHa1PerHashFunctionUsableForTheChecklistVector() {
    repository.save(TestSubscribers.alice());

    Subscriber found = repository.findByImpi(TestSubscribers.ALICE_IMPI).orElseThrow();

    assertThat(found.ha1ByHash()).containsOnlyKeys("MD5", "SHA-256", "SHA-512-256");
    // Checklist §5.4: the SHA-256 response computed from the stored H(A1) alone.
    String ha1 = Rfc7616Response.ha1FromStoredHash(DigestAlgorithm.SHA_256, found.storedHa1(DigestAlgorithm.SHA_256),
        null, null);
    String ha2 = Rfc7616Response.ha2(DigestAlgorithm.SHA_256, "REGISTER", "sip:ims.example.net", "auth", null);
    assertThat(Rfc7616Response.response(DigestAlgorithm.SHA_256, ha1, "5f6b1c0e9a7d4e2f8b3c1d0e9f8a7b6c", "00000001",
        "0a4f113b", "auth", ha2)).isEqualTo("184a6ce536be2bb86580e428b53a5142a64a9f55176929b6bd29b03319a5d49a");
    assertThat(found.storedHa1(DigestAlgorithm.SHA_256_SESS)).isEqualTo(found.storedHa1(DigestAlgorithm.SHA_256));
  }

  @Test
  void saveReplacesTheWholeSubscription() {
    repository.save(TestSubscribers.bob());

    repository.save(new Subscriber(TestSubscribers.BOB_IMPI, TestSubscribers.REALM,
        List.of("sip:bob2@ims.example.net", TestSubscribers.BOB_SIP), Map.of(), List.of("a.example", "b.example")));

    Subscriber found = repository.findByImpi(TestSubscribers.BOB_IMPI).orElseThrow();
    assertThat(found.impus()).containsExactly("sip:bob2@ims.example.net", TestSubscribers.BOB_SIP);
    assertThat(found.ha1ByHash()).isEmpty();
    assertThat(found.allowedWafIdentities()).containsExactly("a.example", "b.example");
    assertThat(repository.count()).isEqualTo(1);
  }

  @Test
  void deleteRemovesTheSubscription() {
    repository.save(TestSubscribers.alice());

    assertThat(repository.delete(TestSubscribers.ALICE_IMPI)).isTrue();
    assertThat(repository.delete(TestSubscribers.ALICE_IMPI)).isFalse();
    assertThat(repository.findByImpi(TestSubscribers.ALICE_IMPI)).isEmpty();
  }

  @Test
  void unknownImpiIsEmpty() {
    assertThat(repository.findByImpi("nobody@ims.example.net")).isEmpty();
  }
}
