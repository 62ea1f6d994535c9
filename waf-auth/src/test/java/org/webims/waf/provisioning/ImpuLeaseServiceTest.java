package org.webims.waf.provisioning;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.webims.waf.audit.AuditEntry;
import org.webims.waf.audit.AuditLog;
import org.webims.server.testing.EventLines;
import org.webims.waf.metrics.WafMetrics;
import org.webims.waf.pool.ImpuLease;
import org.webims.waf.pool.ImpuLeaseService;
import org.webims.waf.pool.ImpuPoolExhaustedException;
import org.webims.waf.pool.LeaseState;

/** Leases of pool IMPUs: granted, kept, extended, released, lapsed (issue 6, WAF-10, WAF-11, EPC-28). */
class ImpuLeaseServiceTest {

  @TempDir
  Path dataDir;
  TestProvisioning waf;

  @BeforeEach
  void pool() {
    waf = new TestProvisioning(dataDir);
    waf.pools.create("guests", "ims.example.net", "operator");
    waf.pools.addRange("guests", "sip:guest-{1..3}@ims.example.net", "guest-{1..3}@ims.example.net", "operator");
  }

  @Test
  void eachHolderGetsItsOwnImpuWithItsImpiAndWhoWhenUntilWhen() {
    ImpuLease first = waf.lease("guests", "guest1");
    ImpuLease second = waf.lease("guests", "guest2");

    assertThat(first.impu()).isEqualTo("sip:guest-1@ims.example.net");
    assertThat(first.impi()).isEqualTo("guest-1@ims.example.net");
    assertThat(second.impu()).isEqualTo("sip:guest-2@ims.example.net");
    assertThat(first.holder()).isEqualTo("guest1");
    assertThat(first.leasedAt()).isEqualTo(waf.clock.instant());
    assertThat(first.expiresAt()).isEqualTo(waf.clock.instant().plus(TestProvisioning.LEASE_DURATION));
    assertThat(waf.leases.find(first.id()).orElseThrow().state()).isEqualTo(LeaseState.LIVE);
    assertThat(waf.pools.find("guests").orElseThrow().liveLeases()).isEqualTo(2);
  }

  @Test
  void theSameHolderKeepsItsLiveLeaseWhichEachIssueExtends() {
    ImpuLease first = waf.lease("guests", "guest1");
    waf.advance(Duration.ofMinutes(30));

    ImpuLease again = waf.lease("guests", "guest1");

    assertThat(again.id()).isEqualTo(first.id());
    assertThat(again.impu()).isEqualTo(first.impu());
    assertThat(again.expiresAt()).isEqualTo(waf.clock.instant().plus(TestProvisioning.LEASE_DURATION));
    assertThat(waf.pools.find("guests").orElseThrow().liveLeases()).isEqualTo(1);
  }

  /**
   * Issue 16: leases granted, released (with the reason) and refused are counted per pool, and each is one line of
   * the event log ({@code webims.events.waf}).
   */
  @Test
  void leaseGrantsReleasesAndRefusalsAreCounted() {
    try (EventLines events = new EventLines(WafMetrics.EVENTS)) {
      for (String holder : List.of("a", "b", "c")) {
        waf.lease("guests", holder);
      }
      assertThatThrownBy(() -> waf.lease("guests", "d")).isInstanceOf(ImpuPoolExhaustedException.class);
      ImpuLease b = waf.lease("guests", "b"); // extended: granted again with the token
      waf.leases.release(b.id(), "ep-cscf", "deregistered");

      assertThat(leases("granted", "none")).isEqualTo(4);
      assertThat(leases("refused", "exhausted")).isEqualTo(1);
      assertThat(leases("released", "deregistered")).isEqualTo(1);
      assertThat(events.of("lease.granted")).hasSize(4).last().asString()
          .startsWith("lease.granted lease=" + b.id() + " pool=guests impu=" + b.impu() + " holder=b until=");
      assertThat(events.of("lease.refused")).containsExactly("lease.refused pool=guests holder=d reason=exhausted");
      assertThat(events.of("lease.released")).containsExactly("lease.released lease=" + b.id() + " pool=guests impu="
          + b.impu() + " holder=b by=ep-cscf reason=deregistered");
    }
  }

  /**
   * Issue 16 point 4: the live leases of every pool are a gauge read from the database (shared by every WAF node),
   * at most once per cache time however often it is scraped.
   */
  @Test
  void liveLeasesAreAGaugeReadFromTheDatabaseAtMostOncePerCacheTime() {
    waf.metrics.activeLeases(waf.leases::liveLeases, Duration.ofSeconds(5), waf.clock);
    waf.pools.create("visitors", "ims.example.net", "operator");
    waf.pools.addRange("visitors", "sip:visitor-{1..2}@ims.example.net", "visitor-{1..2}@ims.example.net",
        "operator");
    waf.lease("guests", "a");
    ImpuLease b = waf.lease("visitors", "b");
    assertThat(activeLeases()).isEqualTo(2);

    waf.lease("guests", "c");
    assertThat(activeLeases()).as("cached").isEqualTo(2);
    waf.advance(Duration.ofSeconds(5));
    assertThat(activeLeases()).isEqualTo(3);

    waf.leases.release(b.id(), "ep-cscf", "deregistered");
    waf.advance(Duration.ofSeconds(5));
    assertThat(activeLeases()).isEqualTo(2);
    waf.advance(TestProvisioning.LEASE_DURATION);
    assertThat(activeLeases()).as("lapsed").isZero();
  }

  private double activeLeases() {
    return waf.metrics.registry().get(WafMetrics.ACTIVE_LEASES).gauge().value();
  }

  private double leases(String event, String reason) {
    return waf.metrics.registry().counter(WafMetrics.LEASES, "event", event, "pool", "guests", "reason", reason)
        .count();
  }

  @Test
  void anExhaustedPoolRefusesAndNeverHandsAnImpuTwice() {
    Set<String> impus = new HashSet<>();
    for (String holder : List.of("a", "b", "c")) {
      impus.add(waf.lease("guests", holder).impu());
    }

    assertThat(impus).hasSize(3);
    assertThatThrownBy(() -> waf.lease("guests", "d")).isInstanceOf(ImpuPoolExhaustedException.class);
  }

  @Test
  void aReleasedImpuIsLeasedAgainAndTheReleaseIsAuditedAndIdempotent() {
    ImpuLease first = waf.lease("guests", "a");
    waf.lease("guests", "b");
    waf.lease("guests", "c");

    assertThat(waf.leases.release(first.id(), "ep-cscf", "deregistered"))
        .isEqualTo(ImpuLeaseService.Outcome.RELEASED);
    assertThat(waf.leases.release(first.id(), "ep-cscf", "deregistered"))
        .isEqualTo(ImpuLeaseService.Outcome.ALREADY_ENDED);
    assertThat(waf.leases.release("no-such-lease", "ep-cscf", null)).isEqualTo(ImpuLeaseService.Outcome.UNKNOWN);

    ImpuLease released = waf.leases.find(first.id()).orElseThrow();
    assertThat(released.state()).isEqualTo(LeaseState.RELEASED);
    assertThat(released.releasedBy()).isEqualTo("ep-cscf");
    assertThat(released.releaseReason()).isEqualTo("deregistered");
    waf.advance(TestProvisioning.TOKEN_LIFETIME);
    assertThat(waf.lease("guests", "d").impu()).isEqualTo(first.impu());
    List<AuditEntry> log = waf.audit.page(new PageRequest(0, 1)).items();
    assertThat(log).singleElement().satisfies(entry -> {
      assertThat(entry.action()).isEqualTo(AuditLog.LEASE_RELEASE);
      assertThat(entry.actor()).isEqualTo("ep-cscf");
      assertThat(entry.target()).isEqualTo(first.id());
      assertThat(entry.detail()).contains(first.impu(), "a", "deregistered");
    });
  }

  @Test
  void aLeaseLapsesAfterItsExpiryAndItsImpuIsLeasedAgain() {
    List<ImpuLease> all = new ArrayList<>();
    for (String holder : List.of("a", "b", "c")) {
      all.add(waf.lease("guests", holder));
    }
    waf.advance(TestProvisioning.LEASE_DURATION.minusSeconds(1));
    waf.lease("guests", "b"); // b got a token: extended
    waf.lease("guests", "c");
    waf.advance(Duration.ofSeconds(1));

    ImpuLease next = waf.lease("guests", "d");

    assertThat(next.impu()).isEqualTo(all.get(0).impu());
    assertThat(waf.leases.find(all.get(0).id()).orElseThrow().state()).isEqualTo(LeaseState.EXPIRED);
    assertThat(waf.leases.release(all.get(0).id(), "ep-cscf", null))
        .isEqualTo(ImpuLeaseService.Outcome.ALREADY_ENDED);
    assertThat(waf.leases.find(next.id()).orElseThrow().state()).isEqualTo(LeaseState.LIVE);
  }

  @Test
  void aReturningHolderGetsItsPreviousImpuWhenFree() {
    ImpuLease first = waf.lease("guests", "a");
    ImpuLease second = waf.lease("guests", "b");
    waf.leases.release(first.id(), "operator", "operator");
    waf.leases.release(second.id(), "operator", "operator");
    waf.advance(TestProvisioning.TOKEN_LIFETIME);

    assertThat(waf.lease("guests", "b").impu()).isEqualTo(second.impu());
  }

  @Test
  void aReleasedImpuIsNotLeasedAgainUntilTheLastTokenOfItsLeaseHasExpired() {
    ImpuLease first = waf.lease("guests", "a");
    waf.lease("guests", "b");
    waf.lease("guests", "c");
    waf.advance(Duration.ofMinutes(3));
    waf.lease("guests", "a"); // a's next token: valid until 3 + 5 minutes from the start
    waf.leases.release(first.id(), "ep-cscf", "deregistered");

    // EPC-28, WAF-11 (issue 12): a's tokens could still register the IMPU on an eP-CSCF that missed the release.
    assertThatThrownBy(() -> waf.lease("guests", "d")).isInstanceOf(ImpuPoolExhaustedException.class);
    assertThatThrownBy(() -> waf.lease("guests", "a")).isInstanceOf(ImpuPoolExhaustedException.class);
    waf.advance(TestProvisioning.TOKEN_LIFETIME.minusSeconds(1));
    assertThatThrownBy(() -> waf.lease("guests", "d")).isInstanceOf(ImpuPoolExhaustedException.class);
    waf.advance(Duration.ofSeconds(1));

    ImpuLease next = waf.lease("guests", "d");
    assertThat(next.impu()).isEqualTo(first.impu());
    assertThat(next.id()).isNotEqualTo(first.id());
  }

  @Test
  void aLapsedLeasesImpuWaitsForItsLastTokenToo() {
    ImpuLease a = waf.lease("guests", "a");
    ImpuLease b = waf.lease("guests", "b");
    ImpuLease c = waf.lease("guests", "c");
    // A token that outlives the lease (a WAF configured with a token lifetime beyond the lease duration).
    waf.leases.lease("guests", "b", waf.clock.instant().plus(TestProvisioning.LEASE_DURATION.plusMinutes(10)));
    waf.advance(TestProvisioning.LEASE_DURATION);

    assertThat(List.of(waf.lease("guests", "d").impu(), waf.lease("guests", "e").impu()))
        .containsExactly(a.impu(), c.impu());
    assertThatThrownBy(() -> waf.lease("guests", "f")).isInstanceOf(ImpuPoolExhaustedException.class);
    waf.advance(Duration.ofMinutes(10));
    assertThat(waf.lease("guests", "f").impu()).isEqualTo(b.impu());
  }

  @Test
  void leasesAreListedByStateNewestFirst() {
    ImpuLease a = waf.lease("guests", "a");
    waf.advance(Duration.ofSeconds(1));
    ImpuLease b = waf.lease("guests", "b");
    waf.leases.release(a.id(), "operator", "operator");

    assertThat(waf.leases.list("guests", null, new PageRequest(0, 10)).items()).extracting(ImpuLease::id)
        .containsExactly(b.id(), a.id());
    assertThat(waf.leases.list("guests", "live", new PageRequest(0, 10)).items()).extracting(ImpuLease::id)
        .containsExactly(b.id());
    assertThat(waf.leases.list("guests", "released", new PageRequest(0, 10)).total()).isEqualTo(1);
    assertThatThrownBy(() -> waf.leases.list("guests", "dead", new PageRequest(0, 10)))
        .isInstanceOfSatisfying(InvalidInputException.class,
            e -> assertThat(e.messageFor(ImpuLeaseService.FIELD_STATE)).isEqualTo("one of live, released, expired"));
    assertThatThrownBy(() -> waf.leases.release(b.id(), "operator", "bored"))
        .isInstanceOf(InvalidInputException.class);
  }

  @Test
  void simultaneousSignInsOfOneHolderShareOneLease() throws Exception {
    ExecutorService threads = Executors.newFixedThreadPool(8);
    try {
      CountDownLatch start = new CountDownLatch(1);
      List<Future<ImpuLease>> leases = new ArrayList<>();
      for (int i = 0; i < 8; i++) {
        leases.add(threads.submit(() -> {
          start.await();
          return waf.lease("guests", "a");
        }));
      }
      start.countDown();
      Set<String> ids = new HashSet<>();
      for (Future<ImpuLease> lease : leases) {
        ids.add(lease.get(1, TimeUnit.MINUTES).id());
      }

      assertThat(ids).hasSize(1);
      assertThat(waf.pools.find("guests").orElseThrow().liveLeases()).isEqualTo(1);
    } finally {
      threads.shutdownNow();
    }
  }
}
