package org.webims.waf.token;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.transaction.support.TransactionOperations;

/**
 * The WAF's signing keys over their life (WAF-07): one current key that signs, generated on first start and kept
 * in the database so that it survives restarts; rotation makes a new key current and keeps the old one published
 * until every token it signed has expired (retired at + token lifetime + margin).
 */
public class SigningKeyService {

  private static final Logger log = LoggerFactory.getLogger(SigningKeyService.class);

  private final SigningKeyRepository repository;
  private final TransactionOperations tx;
  private final Clock clock;
  private final Duration retention;

  /**
   * @param retention how long a retired key stays published: the token lifetime plus a margin
   */
  public SigningKeyService(SigningKeyRepository repository, TransactionOperations tx, Clock clock,
      Duration retention) {
    this.repository = repository;
    this.tx = tx;
    this.clock = clock;
    this.retention = retention;
  }

  /** Makes sure a current key exists; generates the first one on first start. */
  public SigningKey ensureCurrentKey() {
    return tx.execute(status -> {
      List<SigningKey> current = repository.findAll().stream().filter(SigningKey::isCurrent).toList();
      if (!current.isEmpty()) {
        return current.get(0);
      }
      SigningKey key = SigningKey.generate(clock.instant());
      repository.insert(key);
      log.info("Generated the first token signing key, kid {}", key.kid());
      return key;
    });
  }

  /** Makes a new key current; the previous one stays published for the retention time, older ones go. */
  public SigningKey rotate() {
    return tx.execute(status -> {
      Instant now = clock.instant();
      repository.retireCurrent(now);
      repository.deleteRetiredBefore(now.minus(retention));
      SigningKey key = SigningKey.generate(now);
      repository.insert(key);
      log.info("Rotated the token signing key; new kid {}", key.kid());
      return key;
    });
  }

  /** The key that signs new tokens. */
  public SigningKey currentKey() {
    return publishedKeys().stream().filter(SigningKey::isCurrent).findFirst()
        .orElseGet(this::ensureCurrentKey);
  }

  /** The current key and the retired keys whose tokens may still be unexpired, newest first. */
  public List<SigningKey> publishedKeys() {
    Instant cutoff = clock.instant().minus(retention);
    return repository.findAll().stream()
        .filter(key -> key.isCurrent() || key.retiredAt().isAfter(cutoff))
        .toList();
  }
}
