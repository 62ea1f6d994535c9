package org.webims.epcscf.health;

import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.webims.epcscf.core.CoreProxy;
import org.webims.epcscf.core.SipServerCore;

/**
 * Readiness (issue 16): the eP-CSCF can do its job only with a connection to the IMS core. Asks the Mw side for
 * its connection to the core's hop, the one traffic uses (an open one is reused; otherwise it connects, within
 * {@code webims.epcscf.core.connect-timeout}). Spring Boot calls it off the event loops, so waiting here is
 * allowed. Over UDP there is no connection to see: always up.
 */
public final class CoreReadiness implements HealthIndicator {

  private final SipServerCore network;
  private final CoreProxy.CoreHop hop;
  private final Duration timeout;

  public CoreReadiness(SipServerCore network, CoreProxy.CoreHop hop, Duration timeout) {
    this.network = network;
    this.hop = hop;
    this.timeout = timeout;
  }

  @Override
  public Health health() {
    Health.Builder health = new Health.Builder().withDetail("core", hop.transport() + " " + hop.target());
    try {
      network.connect(hop.transport(), hop.target()).toCompletableFuture()
          .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
      return health.up().build();
    } catch (ExecutionException e) {
      return health.down().withDetail("error", String.valueOf(e.getCause().getMessage())).build();
    } catch (TimeoutException e) {
      return health.down().withDetail("error", "no connection within " + timeout.toMillis() + " ms").build();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return health.down().withDetail("error", "interrupted").build();
    }
  }
}
