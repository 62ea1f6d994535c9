package org.webims.ims.scscf;

import java.util.Optional;
import org.webims.ims.hss.Subscriber;
import org.webims.ims.hss.SubscriberRepository;

/**
 * The one HSS answer a REGISTER needs (the subscriber its Digest username names), read off the event
 * loop by {@link RegisterAuthorization#lookUp} and then offered to the checks on the loop in place of
 * the database (issue 13: no JDBC on a loop). Read-only; another IMPI is not known here.
 */
final class LookedUpSubscriber implements SubscriberRepository {

  static final LookedUpSubscriber NOTHING = new LookedUpSubscriber(null, Optional.empty());

  private final String impi;
  private final Optional<Subscriber> subscriber;

  LookedUpSubscriber(String impi, Optional<Subscriber> subscriber) {
    this.impi = impi;
    this.subscriber = subscriber;
  }

  @Override
  public Optional<Subscriber> findByImpi(String wanted) {
    return wanted != null && wanted.equals(impi) ? subscriber : Optional.empty();
  }

  @Override
  public void save(Subscriber s) {
    throw new UnsupportedOperationException("read-only");
  }

  @Override
  public boolean delete(String wanted) {
    throw new UnsupportedOperationException("read-only");
  }

  @Override
  public long count() {
    throw new UnsupportedOperationException("read-only");
  }
}
