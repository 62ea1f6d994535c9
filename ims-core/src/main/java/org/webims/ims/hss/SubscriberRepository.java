package org.webims.ims.hss;

import java.util.Optional;

/** The HSS's subscription store (TS 29.228 §3); the JDBC implementation is {@link JdbcSubscriberRepository}. */
public interface SubscriberRepository {

  Optional<Subscriber> findByImpi(String impi);

  /**
   * The subscription that holds the public identity {@code impu}, spelt as stored (SCS-30: is a
   * Request-URI a home IMPU?). A store without an IMPU index knows none.
   */
  default Optional<Subscriber> findByImpu(String impu) {
    return Optional.empty();
  }

  /** Creates or replaces the whole subscription of {@code subscriber.impi()}, atomically. */
  void save(Subscriber subscriber);

  /** Removes a subscription; false when there was none. */
  boolean delete(String impi);

  long count();
}
