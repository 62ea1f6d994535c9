package org.webims.epcscf.lease;

import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.webims.epcscf.config.EpCscfProperties;
import org.webims.epcscf.token.ExpiringIds;
import org.webims.epcscf.token.ReleasedLeases;

/**
 * EPC-28, WAF-11 (issue 12): a token's {@code impu_lease} grants its IMPU only while the WAF holds
 * the lease live. This node's own releases are refused from memory ({@link ReleasedLeases}); a
 * lease it has not seen live yet (a restarted node, a release on another node or by an operator)
 * is looked up once at the WAF ({@link WafLeaseClient#state}) on this class's threads, never on the
 * SIP event loop, and the answer is remembered: live until the token's expiry, ended as a released
 * lease. Fails closed: when the WAF cannot say, the REGISTER is refused for now
 * ({@link Result#UNAVAILABLE}). Off (every lease passes) when {@code waf} is null: no client secret.
 */
public final class LeaseCheck implements AutoCloseable {

  /** What a REGISTER carrying the lease gets. */
  public enum Result {
    LIVE,
    /** Released or lapsed: 401 invalid_token "lease released". */
    RELEASED,
    /** The WAF could not say: 503 with Retry-After. */
    UNAVAILABLE
  }

  private final WafLeaseClient waf;
  private final ReleasedLeases released;
  private final ExpiringIds live;
  private final EpCscfProperties.LeaseRelease config;
  private final Clock clock;
  private final ExecutorService executor;
  /**
   * One WAF call per lease at a time; later REGISTERs with it wait for the same answer. So the
   * queue holds at most one task per lease id, and those come only from signed tokens.
   */
  private final ConcurrentHashMap<String, CompletableFuture<Result>> asking = new ConcurrentHashMap<>();

  /** @param waf the WAF's lease endpoints, or null when the eP-CSCF has no client there */
  public LeaseCheck(WafLeaseClient waf, ReleasedLeases released, EpCscfProperties.LeaseRelease config, Clock clock) {
    this.waf = waf;
    this.released = released;
    this.live = new ExpiringIds(config.rememberedMax());
    this.config = config;
    this.clock = clock;
    AtomicInteger n = new AtomicInteger();
    this.executor = new ThreadPoolExecutor(config.threads(), config.threads(), 0, TimeUnit.MILLISECONDS,
        new LinkedBlockingQueue<>(), r -> {
          Thread t = new Thread(r, "epcscf-lease-check-" + n.incrementAndGet());
          t.setDaemon(true);
          return t;
        });
  }

  /** The WAF client shared with {@link ImpuLeaseRelease}, or null. */
  public WafLeaseClient waf() {
    return waf;
  }

  /**
   * Calls {@code then} with the lease's verdict: at once on this thread when known (or the check is
   * off), else on a check thread after the WAF answered.
   *
   * @param tokenExpiresAt the token's {@code exp}: a live answer is trusted until then
   */
  public void check(String leaseId, Instant tokenExpiresAt, Consumer<Result> then) {
    Instant now = clock.instant();
    if (waf == null || live.contains(leaseId, now)) {
      then.accept(Result.LIVE);
      return;
    }
    if (released.isReleased(leaseId, now)) {
      then.accept(Result.RELEASED);
      return;
    }
    CompletableFuture<Result> answer = new CompletableFuture<>();
    CompletableFuture<Result> running = asking.putIfAbsent(leaseId, answer);
    if (running != null) {
      running.thenAccept(then);
      return;
    }
    answer.thenAccept(then);
    try {
      executor.execute(() -> {
        asking.remove(leaseId, answer);
        answer.complete(ask(leaseId, tokenExpiresAt));
      });
    } catch (RejectedExecutionException e) {
      asking.remove(leaseId, answer);
      answer.complete(Result.UNAVAILABLE); // stopping
    }
  }

  private Result ask(String leaseId, Instant tokenExpiresAt) {
    WafLeaseClient.LeaseStatus status;
    try {
      status = waf.state(leaseId);
    } catch (RuntimeException e) {
      status = WafLeaseClient.LeaseStatus.UNAVAILABLE;
    }
    Instant now = clock.instant();
    return switch (status) {
      case LIVE -> {
        live.remember(leaseId, tokenExpiresAt, now);
        yield Result.LIVE;
      }
      case ENDED -> {
        Instant from = tokenExpiresAt.isAfter(now) ? tokenExpiresAt : now;
        released.remember(leaseId, from.plus(config.rememberReleased()), now);
        yield Result.RELEASED;
      }
      case UNAVAILABLE -> Result.UNAVAILABLE;
    };
  }

  @Override
  public void close() {
    executor.shutdownNow();
  }
}
