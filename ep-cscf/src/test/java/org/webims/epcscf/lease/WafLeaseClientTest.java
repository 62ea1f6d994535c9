package org.webims.epcscf.lease;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.webims.epcscf.config.EpCscfProperties;
import org.webims.epcscf.lease.WafLeaseClient.Outcome;
import org.webims.epcscf.testing.FakeWafLeases;
import org.webims.sip.testing.MutableClock;
import org.webims.epcscf.testing.TestTokens;

/**
 * EPC-28, WAF-11: one call of the WAF's lease release endpoint over HTTPS, with the client-credentials
 * token fetched, kept and renewed (issue 6 contract), against a WAF stand-in at the edge.
 */
class WafLeaseClientTest {

  @RegisterExtension
  static final FakeWafLeases waf = new FakeWafLeases();

  private final MutableClock clock = new MutableClock(Instant.now());
  /** A lease of this test only (the stand-in serves the whole class). */
  private final String lease = UUID.randomUUID().toString();
  private WafLeaseClient client;
  private int tokensBefore;

  @BeforeEach
  void start() {
    client = client(waf.config(Duration.ofMillis(10), Duration.ofMillis(10), 3));
    tokensBefore = waf.tokenRequests();
  }

  private int tokenRequests() {
    return waf.tokenRequests() - tokensBefore;
  }

  private WafLeaseClient client(EpCscfProperties.LeaseRelease config) {
    return waf.client(config, clock);
  }

  @Test
  void releasesWithAClientCredentialsTokenAndTheReason_EPC28() {
    assertThat(client.release(lease, "deregistered")).isEqualTo(Outcome.RELEASED);

    assertThat(waf.isReleased(lease)).isTrue();
    assertThat(tokenRequests()).isEqualTo(1);
    assertThat(waf.calls(lease)).singleElement().satisfies(call -> {
      assertThat(call.status()).isEqualTo(204);
      assertThat(call.body()).isEqualTo("{\"reason\":\"deregistered\"}");
    });
  }

  @Test
  void aSecondReleaseOfTheSameLeaseIsAnsweredAsTheFirst() {
    assertThat(client.release(lease, "deregistered")).isEqualTo(Outcome.RELEASED);
    assertThat(client.release(lease, "deregistered")).isEqualTo(Outcome.RELEASED);
    assertThat(waf.calls(lease)).extracting(FakeWafLeases.Call::status).containsExactly(204, 204);
  }

  @Test
  void readsALeasesStateLiveThenEndedAndUnknownAsEnded_EPC28() {
    assertThat(client.state(lease)).isEqualTo(WafLeaseClient.LeaseStatus.LIVE);
    client.release(lease, "deregistered");
    assertThat(client.state(lease)).isEqualTo(WafLeaseClient.LeaseStatus.ENDED);
    waf.unknownLease(lease + "-gone");
    assertThat(client.state(lease + "-gone")).isEqualTo(WafLeaseClient.LeaseStatus.ENDED);
    assertThat(tokenRequests()).isEqualTo(1);
  }

  @Test
  void aWafInTroubleOrAClientWithoutTheReadScopeGetsNoAnswer_EPC28() {
    waf.scriptState(503);
    assertThat(client.state(lease)).isEqualTo(WafLeaseClient.LeaseStatus.UNAVAILABLE);

    WafLeaseClient releaseOnly = client(new EpCscfProperties.LeaseRelease(FakeWafLeases.CLIENT_ID,
        FakeWafLeases.SECRET, "waf.lease.release", waf.uri(), Duration.ofMillis(10), Duration.ofMillis(10), 3,
        Duration.ofSeconds(5), 2, Duration.ofHours(1), 1000, Duration.ofSeconds(10)));
    assertThat(releaseOnly.state(lease)).isEqualTo(WafLeaseClient.LeaseStatus.UNAVAILABLE);
    assertThat(client.state(lease)).isEqualTo(WafLeaseClient.LeaseStatus.LIVE);
  }

  @Test
  void keepsTheTokenUntilShortlyBeforeItExpires() {
    waf.tokenLifetime(300);
    client.release(lease, "deregistered");
    clock.advance(Duration.ofSeconds(239));
    client.release(lease + "-2", "deregistered");
    assertThat(tokenRequests()).isEqualTo(1);

    clock.advance(Duration.ofSeconds(1)); // a minute before its expiry
    client.release(lease + "-3", "deregistered");
    assertThat(tokenRequests()).isEqualTo(2);
  }

  @Test
  void aTokenTheWafNoLongerAcceptsIsReplacedOnce() {
    client.release(lease, "deregistered");
    waf.revokeTokens();
    assertThat(client.release(lease + "-2", "deregistered")).isEqualTo(Outcome.RELEASED);
    assertThat(tokenRequests()).isEqualTo(2);
    assertThat(waf.calls(lease + "-2")).extracting(FakeWafLeases.Call::status).containsExactly(401, 204);
  }

  @Test
  void serverErrorsAndNetworkErrorsAreWorthRetrying() {
    waf.scriptRelease(503);
    assertThat(client.release(lease, "deregistered")).isEqualTo(Outcome.RETRY);
    waf.scriptToken(500);
    WafLeaseClient withoutToken = client(waf.config(Duration.ofMillis(10), Duration.ofMillis(10), 3));
    assertThat(withoutToken.release(lease, "deregistered")).isEqualTo(Outcome.RETRY);
    WafLeaseClient nobodyThere = client(FakeWafLeases.config(FakeWafLeases.SECRET, "https://localhost:1",
        Duration.ofMillis(10), Duration.ofMillis(10), 3));
    assertThat(nobodyThere.release(lease, "deregistered")).isEqualTo(Outcome.RETRY);
  }

  @Test
  void clientErrorsStopTheRelease() {
    waf.unknownLease(lease + "-unknown");
    assertThat(client.release(lease + "-unknown", "deregistered")).isEqualTo(Outcome.REFUSED);
    waf.scriptRelease(400);
    assertThat(client.release(lease, "deregistered")).isEqualTo(Outcome.REFUSED);
  }

  @Test
  void aWrongSecretIsRefusedAtTheTokenEndpoint() {
    WafLeaseClient wrong = client(FakeWafLeases.config("not-the-secret", waf.uri(), Duration.ofMillis(10),
        Duration.ofMillis(10), 3));
    assertThat(wrong.release(lease, "deregistered")).isEqualTo(Outcome.REFUSED);
    assertThat(waf.calls(lease)).isEmpty();
  }

  @Test
  void aWafWhoseCertificateIsNotTrustedIsNeverCalled() {
    WafLeaseClient untrusting = new WafLeaseClient(waf.config(Duration.ofMillis(10), Duration.ofMillis(10), 3),
        TestTokens.ISSUER, null, clock);
    assertThat(untrusting.release(lease, "deregistered")).isEqualTo(Outcome.RETRY);
    assertThat(tokenRequests()).isZero();
  }
}
