package org.webims.ims.hss;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Upserts the subscribers of the seed file into the HSS at start; entries not in the file stay. */
public final class SubscriberSeeder {

  private static final Logger log = LoggerFactory.getLogger(SubscriberSeeder.class);

  private SubscriberSeeder() {
  }

  /** Returns how many subscribers were written. */
  public static int seed(SubscriberRepository repository, Path file, String realm) throws IOException {
    List<Subscriber> subscribers = SubscriberFile.read(file, realm);
    for (Subscriber s : subscribers) {
      repository.save(s);
    }
    log.info("HSS: upserted {} subscriber(s) from {}", subscribers.size(), file);
    return subscribers.size();
  }
}
