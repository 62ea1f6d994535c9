package org.webims.waf.token;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.transaction.support.TransactionOperations;
import org.webims.sip.testing.MutableClock;

/** Which keys the WAF publishes over time after a rotation (WAF-07), on a movable clock. */
class SigningKeyServiceTest {

  private static final Duration RETENTION = Duration.ofMinutes(10);

  private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
  private final InMemorySigningKeys repository = new InMemorySigningKeys();
  private final SigningKeyService service =
      new SigningKeyService(repository, TransactionOperations.withoutTransaction(), clock, RETENTION);

  @Test
  void firstStartGeneratesOneCurrentKeyAndLaterStartsKeepIt() {
    SigningKey first = service.ensureCurrentKey();

    assertThat(service.ensureCurrentKey().kid()).isEqualTo(first.kid());
    assertThat(service.publishedKeys()).extracting(SigningKey::kid).containsExactly(first.kid());
  }

  @Test
  void retiredKeyStaysPublishedForTheRetentionAndThenGoes() {
    SigningKey old = service.ensureCurrentKey();
    clock.advance(Duration.ofMinutes(1));
    SigningKey current = service.rotate();

    assertThat(service.currentKey().kid()).isEqualTo(current.kid());
    clock.advance(RETENTION.minusSeconds(1));
    assertThat(service.publishedKeys()).extracting(SigningKey::kid).containsExactly(current.kid(), old.kid());
    clock.advance(Duration.ofSeconds(2));
    assertThat(service.publishedKeys()).extracting(SigningKey::kid).containsExactly(current.kid());
  }

  @Test
  void retiredKeyIsPublishedWithoutItsPrivatePart() {
    service.ensureCurrentKey();
    service.rotate();

    assertThat(service.publishedKeys()).filteredOn(key -> !key.isCurrent()).singleElement()
        .satisfies(key -> assertThat(key.toJwk().isPrivate()).isFalse());
    assertThat(service.currentKey().toJwk().isPrivate()).isTrue();
  }

  @Test
  void storedKeyDecodesToTheSameKey() {
    SigningKey key = SigningKey.generate(clock.instant());

    SigningKey decoded = SigningKey.decode(key.kid(), key.encodedPublicKey(), key.encodedPrivateKey(),
        key.createdAt(), null);

    assertThat(decoded.publicKey()).isEqualTo(key.publicKey());
    assertThat(decoded.privateKey()).isEqualTo(key.privateKey());
  }

  private static final class InMemorySigningKeys implements SigningKeyRepository {
    private final List<SigningKey> keys = new ArrayList<>();

    @Override
    public List<SigningKey> findAll() {
      return keys.stream().sorted(Comparator.comparing(SigningKey::createdAt).reversed()).toList();
    }

    @Override
    public void insert(SigningKey key) {
      keys.add(key);
    }

    @Override
    public void retireCurrent(Instant when) {
      keys.replaceAll(key -> key.isCurrent() ? key.retire(when) : key);
    }

    @Override
    public void deleteRetiredBefore(Instant cutoff) {
      keys.removeIf(key -> !key.isCurrent() && key.retiredAt().isBefore(cutoff));
    }
  }
}
