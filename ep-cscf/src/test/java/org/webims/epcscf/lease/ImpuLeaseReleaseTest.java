package org.webims.epcscf.lease;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.webims.epcscf.config.EpCscfProperties;
import org.webims.epcscf.registration.FlowRegistration;
import org.webims.epcscf.registration.Registrations;
import org.webims.epcscf.registration.Removal;
import org.webims.epcscf.testing.FakeWafLeases;
import org.webims.epcscf.testing.TestTokens;
import org.webims.epcscf.token.ReleasedLeases;
import org.webims.sip.reginfo.ContactIdentity;

/**
 * EPC-28, WAF-11: when the eP-CSCF releases a scenario-3 lease (the three triggers, cancellation at
 * re-registration), and how (retries with exponential backoff, bounded, stopping on 2xx and 4xx, one
 * release at a time per lease), against a WAF stand-in at the edge. Waits are on the stand-in's
 * record of calls; durations are checked only as lower bounds.
 */
class ImpuLeaseReleaseTest {

  @RegisterExtension
  static final FakeWafLeases waf = new FakeWafLeases();

  private final Clock clock = Clock.systemUTC();
  private final Registrations registrations = new Registrations();
  private final ReleasedLeases released = new ReleasedLeases(1000);
  private ImpuLeaseRelease release;
  private int markers;

  @BeforeEach
  void start() {
    use(waf.config(Duration.ofMillis(200), Duration.ofMillis(400), 5));
  }

  @AfterEach
  void stop() {
    release.close();
  }

  private void use(EpCscfProperties.LeaseRelease config) {
    if (release != null) {
      release.close();
    }
    release = new ImpuLeaseRelease(waf.client(config, clock), registrations, released, config, clock);
  }

  /** A pool user's registration on {@code flow}, expiring {@code in} from now; token valid 5 minutes. */
  private FlowRegistration registration(String flow, String lease, Duration in) {
    Instant now = clock.instant();
    return new FlowRegistration(flow, "guest-001@ims.example.net", List.of("sip:guest-001@ims.example.net"),
        List.of(), ContactIdentity.of("sip:wic@df7jal23ls0d.invalid;transport=ws", null, -1), in.toSeconds(), now.plus(in), TestTokens.ISSUER,
        lease, now.plusSeconds(300));
  }

  /**
   * Releases a marker lease at once, or at {@code in} from now after a flow loss, and waits for it:
   * what was due before it has been sent by then.
   */
  private void awaitMarker(Duration in) {
    String marker = "lease-marker-" + (++markers) + "-" + System.nanoTime();
    release.onRemoved(registration("fl-marker", marker, in.isZero() ? Duration.ofHours(1) : in),
        in.isZero() ? Removal.DEREGISTERED : Removal.FLOW_LOST);
    awaitCalls(marker, 1);
  }

  private List<FakeWafLeases.Call> awaitCalls(String lease, int count) {
    await().atMost(Duration.ofSeconds(15)).until(() -> waf.calls(lease).size() >= count && !release.isSending(lease));
    return waf.calls(lease);
  }

  @Test
  void releasesAtOnceAfterTheOkToADeregistration_EPC28() {
    release.onRemoved(registration("fl-1", "lease-dereg", Duration.ofHours(1)), Removal.DEREGISTERED);

    assertThat(awaitCalls("lease-dereg", 1)).singleElement()
        .satisfies(c -> assertThat(c.body()).isEqualTo("{\"reason\":\"deregistered\"}"));
    assertThat(waf.isReleased("lease-dereg")).isTrue();
    assertThat(released.isReleased("lease-dereg", clock.instant())).isTrue();
  }

  @Test
  void releasesAtOnceAfterANetworkDeregistration_EPC28() {
    release.onRemoved(registration("fl-1", "lease-network", Duration.ofHours(1)), Removal.NETWORK_DEREGISTERED);

    assertThat(awaitCalls("lease-network", 1)).singleElement()
        .satisfies(c -> assertThat(c.body()).isEqualTo("{\"reason\":\"network-deregistered\"}"));
  }

  @Test
  void afterTheLossOfTheFlowReleasesOnlyWhenTheRegistrationExpires_EPC28() {
    long lost = System.nanoTime();
    release.onRemoved(registration("fl-1", "lease-lost", Duration.ofMillis(1500)), Removal.FLOW_LOST);
    assertThat(release.pendingAtExpiry()).isEqualTo(1);
    assertThat(released.isReleased("lease-lost", clock.instant())).isFalse();

    FakeWafLeases.Call call = awaitCalls("lease-lost", 1).get(0);
    assertThat(call.body()).isEqualTo("{\"reason\":\"flow-lost-expired\"}");
    assertThat(Duration.ofNanos(call.nanos() - lost)).isGreaterThanOrEqualTo(Duration.ofMillis(1400));
    assertThat(release.pendingAtExpiry()).isZero();
  }

  @Test
  void aNewRegistrationWithTheSameLeaseBeforeTheExpiryCancelsTheRelease_EPC28() {
    release.onRemoved(registration("fl-1", "lease-kept", Duration.ofMillis(500)), Removal.FLOW_LOST);
    release.onFirstRegistration(registration("fl-2", "lease-kept", Duration.ofHours(1)));
    assertThat(release.pendingAtExpiry()).isZero();
    // A marker released after the cancelled one was due: by its call, the cancelled one would have been made.
    awaitMarker(Duration.ofMillis(1500));
    assertThat(waf.calls("lease-kept")).isEmpty();
    assertThat(released.isReleased("lease-kept", clock.instant())).isFalse();
  }

  @Test
  void aDeregistrationOfAnotherFlowWithTheLeaseReleasesAtOnceAndOnlyOnce_EPC28() {
    release.onRemoved(registration("fl-1", "lease-both", Duration.ofMillis(800)), Removal.FLOW_LOST);
    release.onRemoved(registration("fl-2", "lease-both", Duration.ofHours(1)), Removal.DEREGISTERED);
    assertThat(release.pendingAtExpiry()).isZero();

    awaitMarker(Duration.ofMillis(1500)); // after the lost flow's expiry
    assertThat(waf.calls("lease-both")).singleElement()
        .satisfies(c -> assertThat(c.body()).isEqualTo("{\"reason\":\"deregistered\"}"));
  }

  @Test
  void aFixedMappingsRegistrationReleasesNothing() {
    int before = waf.calls().size();
    release.onRemoved(registration("fl-1", null, Duration.ofHours(1)), Removal.DEREGISTERED);
    awaitMarker(Duration.ZERO);
    assertThat(waf.calls()).hasSize(before + 1);
  }

  @Test
  void retriesServerErrorsWithExponentialBackoffUntilTheWafAnswers2xx() {
    waf.scriptRelease(503, 502, 500);
    release.onRemoved(registration("fl-1", "lease-retry", Duration.ofHours(1)), Removal.DEREGISTERED);

    List<FakeWafLeases.Call> calls = awaitCalls("lease-retry", 4);
    assertThat(calls).extracting(FakeWafLeases.Call::status).containsExactly(503, 502, 500, 204);
    assertThat(gap(calls, 1)).isGreaterThanOrEqualTo(Duration.ofMillis(200));
    assertThat(gap(calls, 2)).isGreaterThanOrEqualTo(Duration.ofMillis(400));
    assertThat(gap(calls, 3)).isGreaterThanOrEqualTo(Duration.ofMillis(400));
  }

  private static Duration gap(List<FakeWafLeases.Call> calls, int i) {
    return Duration.ofNanos(calls.get(i).nanos() - calls.get(i - 1).nanos());
  }

  @Test
  void backoffDoublesFromTheBaseUpToTheCap() {
    EpCscfProperties.LeaseRelease config = waf.config(Duration.ofSeconds(1), Duration.ofSeconds(10), 10);
    assertThat(List.of(config.backoff(1), config.backoff(2), config.backoff(3), config.backoff(4), config.backoff(5),
        config.backoff(60))).containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(4),
        Duration.ofSeconds(8), Duration.ofSeconds(10), Duration.ofSeconds(10));
  }

  @Test
  void givesUpAfterTheConfiguredNumberOfAttempts() {
    use(waf.config(Duration.ofMillis(20), Duration.ofMillis(40), 3));
    waf.scriptRelease(503, 503, 503, 503, 503);
    release.onRemoved(registration("fl-1", "lease-down", Duration.ofHours(1)), Removal.DEREGISTERED);

    await().atMost(Duration.ofSeconds(15)).until(() -> waf.calls("lease-down").size() == 3
        && !release.isSending("lease-down"));
    awaitMarker(Duration.ZERO);
    assertThat(waf.calls("lease-down")).hasSize(3);
  }

  @Test
  void stopsAtAClientError() {
    waf.scriptRelease(400);
    waf.unknownLease("lease-unknown");
    release.onRemoved(registration("fl-1", "lease-bad", Duration.ofHours(1)), Removal.DEREGISTERED);
    release.onRemoved(registration("fl-2", "lease-unknown", Duration.ofHours(1)), Removal.DEREGISTERED);

    assertThat(awaitCalls("lease-bad", 1)).extracting(FakeWafLeases.Call::status).containsExactly(400);
    assertThat(awaitCalls("lease-unknown", 1)).extracting(FakeWafLeases.Call::status).containsExactly(404);
    awaitMarker(Duration.ZERO);
    assertThat(waf.calls("lease-bad")).hasSize(1);
    assertThat(waf.calls("lease-unknown")).hasSize(1);
  }

  @Test
  void aSecondTriggerWhileTheReleaseIsRetriedSendsNothingMore() {
    waf.scriptRelease(503); // the WAF released it all the same: the retry gets 204 (idempotent)
    FlowRegistration r = registration("fl-1", "lease-twice", Duration.ofHours(1));
    release.onRemoved(r, Removal.DEREGISTERED);
    await().atMost(Duration.ofSeconds(15)).until(() -> waf.calls("lease-twice").size() == 1);
    release.onRemoved(r, Removal.NETWORK_DEREGISTERED);

    assertThat(awaitCalls("lease-twice", 2)).extracting(FakeWafLeases.Call::status).containsExactly(503, 204);
    awaitMarker(Duration.ZERO);
    assertThat(waf.calls("lease-twice")).hasSize(2);
  }

  @Test
  void remembersAReleasedLeasePastItsTokensExpiry() {
    Instant now = clock.instant();
    release.onRemoved(registration("fl-1", "lease-remembered", Duration.ofHours(1)), Removal.DEREGISTERED);
    awaitCalls("lease-remembered", 1);

    assertThat(released.isReleased("lease-remembered", now.plusSeconds(300).plus(Duration.ofMinutes(59))))
        .isTrue();
    assertThat(released.isReleased("lease-remembered", now.plusSeconds(301).plus(Duration.ofHours(1)))).isFalse();
  }
}
