package org.webims.waf.pool;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.dao.ConcurrencyFailureException;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.transaction.support.TransactionOperations;
import org.webims.waf.audit.AuditLog;
import org.webims.server.events.Event;
import org.webims.server.events.EventLog;
import org.webims.waf.metrics.WafMetrics;
import org.webims.waf.provisioning.InvalidInputException;
import org.webims.waf.provisioning.Page;
import org.webims.waf.provisioning.PageRequest;

/**
 * Leases of pool IMPUs (TS 24.371 6.1 c), WAF-10, WAF-11, EPC-28): granted at token issuance, kept and extended
 * while the same web identity gets tokens, released by the eP-CSCF after deregistration or by an operator, lapsed
 * after their expiry. No JVM lock anywhere: a grant is a conditional UPDATE of the IMPU's row, so two WAF nodes
 * on one database never lease one IMPU twice.
 */
public class ImpuLeaseService {

  /** Why a lease ended, from the eP-CSCF (contract of the release endpoint) or the console. */
  public static final List<String> RELEASE_REASONS =
      List.of("deregistered", "network-deregistered", "flow-lost-expired", "operator");
  public static final String FIELD_STATE = "state";
  public static final String FIELD_REASON = "reason";

  /** How many free-looking IMPUs one pass tries before it looks again. */
  private static final int CANDIDATES = 16;
  /** Passes over the pool in one grant; each either wins, finds it exhausted, or lost every candidate to others. */
  private static final int PASSES = 64;
  /** Whole-transaction retries after a lock timeout or the same holder's concurrent grant. */
  private static final int ATTEMPTS = 20;

  /** What a release did. */
  public enum Outcome {
    /** Live until now, released by this call. */
    RELEASED,
    /** Released or lapsed before: nothing changed (the release is idempotent). */
    ALREADY_ENDED,
    /** No lease has this id. */
    UNKNOWN
  }

  private final ImpuLeaseRepository leases;
  private final ImpuPoolRepository pools;
  private final AuditLog audit;
  private final TransactionOperations tx;
  private final Clock clock;
  private final Duration leaseDuration;
  private final WafMetrics metrics;
  private final EventLog events;

  /** With an event log of its own (tests). */
  public ImpuLeaseService(ImpuLeaseRepository leases, ImpuPoolRepository pools, AuditLog audit,
      TransactionOperations tx, Clock clock, Duration leaseDuration, WafMetrics metrics) {
    this(leases, pools, audit, tx, clock, leaseDuration, metrics, EventLog.named(WafMetrics.EVENTS));
  }

  /**
   * @param leaseDuration how long a lease lives after each token issued to its holder
   * @param metrics leases granted, released and refused (issue 16)
   * @param events the same as {@code lease.granted}, {@code lease.released}, {@code lease.refused} events
   */
  public ImpuLeaseService(ImpuLeaseRepository leases, ImpuPoolRepository pools, AuditLog audit,
      TransactionOperations tx, Clock clock, Duration leaseDuration, WafMetrics metrics, EventLog events) {
    this.metrics = metrics;
    this.events = events;
    this.leases = leases;
    this.pools = pools;
    this.audit = audit;
    this.tx = tx;
    this.clock = clock;
    this.leaseDuration = leaseDuration;
  }

  /**
   * The holder's lease in {@code pool}: its live one, extended to now + lease duration, or a new one on a free
   * IMPU (the holder's previous IMPU first when free). Throws {@link ImpuPoolExhaustedException} when every IMPU
   * is leased or still named by a valid token of an earlier lease.
   *
   * @param tokenExpiresAt when the token being issued with the lease expires: the IMPU is not leased to anyone
   *     else before the last such token of the lease has expired, even after a release (EPC-28, WAF-11)
   */
  public ImpuLease lease(String pool, String holder, Instant tokenExpiresAt) {
    RuntimeException last = null;
    for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
      try {
        ImpuLease granted = tx.execute(status -> leaseOnce(pool, holder, tokenExpiresAt));
        metrics.lease("granted", pool, "none");
        events.log(Event.of("lease.granted").with("lease", granted.id()).with("pool", pool)
            .with("impu", granted.impu()).with("holder", holder).with("until", granted.expiresAt()));
        return granted;
      } catch (ImpuPoolExhaustedException e) {
        metrics.lease("refused", pool, "exhausted");
        events.refusal(Event.of("lease.refused").with("pool", pool).with("holder", holder)
            .with(Event.REASON, "exhausted"));
        throw e;
      } catch (ConcurrencyFailureException | DataIntegrityViolationException e) {
        // A lock wait timed out (H2), or the same holder's concurrent sign-in took a lease first (unique holder):
        // the next attempt sees the committed state.
        last = e;
      }
    }
    throw last;
  }

  private ImpuLease leaseOnce(String pool, String holder, Instant tokenExpiresAt) {
    Instant now = clock.instant();
    Instant until = now.plus(leaseDuration);
    Optional<String> live = leases.findLiveLeaseId(pool, holder, now);
    if (live.isPresent() && leases.extend(live.get(), until, tokenExpiresAt, now)) {
      return leases.find(live.get(), now).orElseThrow();
    }
    leases.clearLapsed(pool, holder, now);
    for (int pass = 0; pass < PASSES; pass++) {
      List<PoolImpu> candidates = leases.freeCandidates(pool, holder, now, CANDIDATES);
      if (candidates.isEmpty()) {
        throw new ImpuPoolExhaustedException(pool);
      }
      for (PoolImpu candidate : candidates) {
        String id = UUID.randomUUID().toString();
        if (leases.take(candidate.impu(), holder, id, until, tokenExpiresAt, now)) {
          ImpuLease lease = new ImpuLease(id, pool, candidate.impu(), candidate.impi(), holder, now, until, null,
              null, null, LeaseState.LIVE);
          leases.insert(lease);
          return lease;
        }
      }
    }
    throw new ImpuPoolExhaustedException(pool);
  }

  /** The lease with this id in its current state, if it exists (the WWSF checks a session's lease with it). */
  /** The live leases of every pool now (issue 16: the gauge {@code webims.waf.leases.active}). */
  public long liveLeases() {
    return leases.countLive(clock.instant());
  }

  public Optional<ImpuLease> find(String id) {
    return leases.find(id, clock.instant());
  }

  /**
   * One page of the pool's leases, newest first, only those in {@code state} when given ({@code live},
   * {@code released}, {@code expired}); field errors for an unknown pool or state.
   */
  public Page<ImpuLease> list(String pool, String state, PageRequest page) {
    LeaseState filter = null;
    if (state != null && !state.isBlank()) {
      filter = LeaseState.ofValue(state);
      if (filter == null) {
        throw InvalidInputException.of(FIELD_STATE, "one of live, released, expired");
      }
    }
    Instant now = clock.instant();
    if (pools.find(pool, now).isEmpty()) {
      throw InvalidInputException.of(ImpuPoolService.FIELD_NAME, "no pool named " + pool);
    }
    return new Page<>(leases.findByPool(pool, filter, now, page.offset(), page.size()), page.page(), page.size(),
        leases.countByPool(pool, filter, now));
  }

  /**
   * Releases a lease so its IMPU can be leased again (EPC-28, WAF-11), recorded in the audit log with who and
   * why. Idempotent: a lease that ended before is left as it is. {@code reason} is one of
   * {@link #RELEASE_REASONS} or null.
   */
  public Outcome release(String id, String actor, String reason) {
    if (reason != null && !RELEASE_REASONS.contains(reason)) {
      throw InvalidInputException.of(FIELD_REASON, "one of " + String.join(", ", RELEASE_REASONS));
    }
    return tx.execute(status -> {
      Instant now = clock.instant();
      Optional<ImpuLease> lease = leases.find(id, now);
      if (lease.isEmpty()) {
        return Outcome.UNKNOWN;
      }
      if (!leases.release(id, actor, reason, now)) {
        return Outcome.ALREADY_ENDED;
      }
      audit.record(actor, AuditLog.LEASE_RELEASE, id, lease.get().impu() + " of " + lease.get().holder()
          + " in pool " + lease.get().pool() + (reason == null ? "" : ", " + reason));
      metrics.lease("released", lease.get().pool(), reason == null ? "none" : reason);
      events.log(Event.of("lease.released").with("lease", id).with("pool", lease.get().pool())
          .with("impu", lease.get().impu()).with("holder", lease.get().holder()).with("by", actor)
          .with(Event.REASON, reason == null ? "none" : reason));
      return Outcome.RELEASED;
    });
  }
}
