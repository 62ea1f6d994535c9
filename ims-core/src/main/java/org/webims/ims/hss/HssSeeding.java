package org.webims.ims.hss;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import org.springframework.context.SmartLifecycle;

/**
 * Seeds the HSS from {@code webims.ims.subscribers-file} once the schema is migrated and before the
 * S-CSCF listens (a lifecycle phase below the SIP service's).
 */
public final class HssSeeding implements SmartLifecycle {

  /** Before {@code ScscfSipService.PHASE}. */
  public static final int PHASE = -100;

  private final SubscriberRepository repository;
  private final Path file;
  private final String realm;
  private volatile boolean running;

  /** {@code file} may be null: nothing to seed. */
  public HssSeeding(SubscriberRepository repository, Path file, String realm) {
    this.repository = repository;
    this.file = file;
    this.realm = realm;
  }

  @Override
  public void start() {
    if (file != null) {
      try {
        SubscriberSeeder.seed(repository, file, realm);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    running = true;
  }

  @Override
  public void stop() {
    running = false;
  }

  @Override
  public boolean isRunning() {
    return running;
  }

  @Override
  public int getPhase() {
    return PHASE;
  }
}
