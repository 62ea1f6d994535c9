package org.webims.epcscf.lease;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.webims.epcscf.config.EpCscfProperties;
import org.webims.epcscf.registration.FlowRegistration;
import org.webims.epcscf.registration.Registrations;
import org.webims.epcscf.registration.Removal;
import org.webims.epcscf.token.ReleasedLeases;

/**
 * EPC-28, WAF-11 (TS 24.371 6A.3 NOTE, scenario 3): tells the WAF that a pool IMPU can be leased
 * again once no registration holds it: at once after the 200 to a deregistration (EPC-41) and after
 * a network deregistration (EPC-42); after the loss of the flow (EPC-43) only when the
 * registration's expiry passes, unless a new registration carrying the same lease arrives first. A
 * released lease is remembered ({@link ReleasedLeases}) so a token that still carries it cannot
 * register the IMPU again. The calls run on this class's own threads, never on the SIP event loop,
 * and are retried with exponential backoff on network errors and 5xx. Off (never listening) when
 * {@code waf} is null: no client secret is configured.
 */
public final class ImpuLeaseRelease implements Registrations.Listener, AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(ImpuLeaseRelease.class);

  /** Why a lease was released, as the WAF's audit log records it (issue 6 contract). */
  static final String DEREGISTERED = "deregistered";
  static final String NETWORK_DEREGISTERED = "network-deregistered";
  static final String FLOW_LOST_EXPIRED = "flow-lost-expired";

  private final WafLeaseClient waf;
  private final Registrations registrations;
  private final ReleasedLeases released;
  private final EpCscfProperties.LeaseRelease config;
  private final Clock clock;
  private final ScheduledExecutorService executor;
  /** Flow-loss releases waiting for the registration's expiry, by lease id. */
  private final Map<String, AtExpiry> atExpiry = new ConcurrentHashMap<>();
  /** Leases whose release is being sent (first call or retries). */
  private final Set<String> inFlight = ConcurrentHashMap.newKeySet();

  public ImpuLeaseRelease(WafLeaseClient waf, Registrations registrations, ReleasedLeases released,
      EpCscfProperties.LeaseRelease config, Clock clock) {
    this.waf = waf;
    this.registrations = registrations;
    this.released = released;
    this.config = config;
    this.clock = clock;
    AtomicInteger n = new AtomicInteger();
    ScheduledThreadPoolExecutor pool = new ScheduledThreadPoolExecutor(config.threads(), r -> {
      Thread t = new Thread(r, "epcscf-lease-release-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    });
    pool.setRemoveOnCancelPolicy(true);
    this.executor = pool;
  }

  /** A new registration with a lease whose flow was lost keeps it: the pending release is cancelled. */
  @Override
  public void onFirstRegistration(FlowRegistration registration) {
    String lease = registration.impuLease();
    if (lease != null && cancelAtExpiry(lease)) {
      log.debug("lease {} held again by flow {}: release at expiry cancelled", lease, registration.flowId());
    }
  }

  private boolean cancelAtExpiry(String lease) {
    AtExpiry pending = atExpiry.remove(lease);
    if (pending != null) {
      pending.cancel();
    }
    return pending != null;
  }

  @Override
  public void onRemoved(FlowRegistration registration, Removal why) {
    String lease = registration.impuLease();
    if (lease == null) {
      return;
    }
    switch (why) {
      // A release at once makes one still waiting for another flow's expiry needless.
      case DEREGISTERED -> {
        cancelAtExpiry(lease);
        run(() -> release(lease, registration, DEREGISTERED), 0);
      }
      case NETWORK_DEREGISTERED -> {
        cancelAtExpiry(lease);
        run(() -> release(lease, registration, NETWORK_DEREGISTERED), 0);
      }
      case FLOW_LOST -> {
        long delay = Math.max(0, Duration.between(clock.instant(), registration.expiresAt()).toMillis());
        AtExpiry pending = new AtExpiry();
        AtExpiry replaced = atExpiry.put(lease, pending);
        if (replaced != null) {
          replaced.cancel();
        }
        // Only while still the lease's pending release: a new registration or a later loss removes it.
        pending.future = run(() -> {
          if (atExpiry.remove(lease, pending)) {
            release(lease, registration, FLOW_LOST_EXPIRED);
          }
        }, delay);
      }
    }
  }

  /** Flow-loss releases waiting for their registration's expiry. */
  public int pendingAtExpiry() {
    return atExpiry.size();
  }

  /** True while a release of {@code leaseId} is being sent or retried. */
  public boolean isSending(String leaseId) {
    return inFlight.contains(leaseId);
  }

  private void release(String lease, FlowRegistration registration, String reason) {
    if (!registrations.forLease(lease).isEmpty()) {
      log.debug("lease {} still held by another registration: not released", lease);
      return;
    }
    Instant now = clock.instant();
    Instant tokenExp = registration.tokenExpiresAt() == null ? now : registration.tokenExpiresAt();
    released.remember(lease, (tokenExp.isAfter(now) ? tokenExp : now).plus(config.rememberReleased()), now);
    if (inFlight.add(lease)) {
      attempt(lease, reason, 1);
    }
  }

  private void attempt(String lease, String reason, int attempt) {
    WafLeaseClient.Outcome outcome;
    try {
      outcome = waf.release(lease, reason);
    } catch (RuntimeException e) {
      log.warn("lease {} release failed: {}", lease, e.toString());
      outcome = WafLeaseClient.Outcome.RETRY;
    }
    if (outcome == WafLeaseClient.Outcome.RETRY && attempt < config.maxAttempts()) {
      if (run(() -> attempt(lease, reason, attempt + 1), config.backoff(attempt).toMillis()) != null) {
        return;
      }
    }
    inFlight.remove(lease);
    if (outcome == WafLeaseClient.Outcome.RELEASED) {
      log.info("lease {} released at the WAF ({})", lease, reason);
    } else if (outcome == WafLeaseClient.Outcome.RETRY) {
      log.warn("lease {} not released after {} attempts; it lapses at its expiry at the WAF", lease, attempt);
    }
  }

  /** {@code task} on the release threads after {@code delayMillis}; null once the eP-CSCF stops. */
  private ScheduledFuture<?> run(Runnable task, long delayMillis) {
    try {
      return executor.schedule(task, delayMillis, TimeUnit.MILLISECONDS);
    } catch (RejectedExecutionException e) {
      return null;
    }
  }

  /** A flow-loss release waiting for the registration's expiry. */
  private static final class AtExpiry {
    volatile ScheduledFuture<?> future;

    void cancel() {
      ScheduledFuture<?> f = future;
      if (f != null) {
        f.cancel(false);
      }
    }
  }

  /** Pending and retried releases stop with the eP-CSCF; the WAF's lease expiry covers them (WAF-11). */
  @Override
  public void close() {
    executor.shutdownNow();
  }
}
