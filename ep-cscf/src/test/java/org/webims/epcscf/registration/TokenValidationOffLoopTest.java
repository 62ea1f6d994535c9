package org.webims.epcscf.registration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.webims.epcscf.core.CoreProxy;
import org.webims.server.events.EventLog;
import org.webims.epcscf.core.CoreProxy.CoreHop;
import org.webims.epcscf.testing.FakeCoreNetwork;
import org.webims.epcscf.testing.FakeWicFlow;
import org.webims.epcscf.metrics.EpCscfMetrics;
import org.webims.epcscf.testing.TestConfig;
import org.webims.epcscf.token.ReleasedLeases;
import org.webims.epcscf.testing.TestMessages;
import org.webims.epcscf.testing.TestTokens;
import org.webims.epcscf.token.AccessTokenValidator;
import org.webims.server.abuse.FailureLockout;
import org.webims.sip.testing.MutableClock;
import org.webims.sip.transaction.TransactionTimers;

/**
 * Issue 13 point 2: WIC messages arrive on Reactor Netty's event loops, so a REGISTER whose token needs a
 * signature check, which may fetch the WAF's JWKS, must not hold the loop: the check runs on the offload
 * executor and the REGISTER continues from there; a token verified before is answered on the loop (EPC-27).
 */
class TokenValidationOffLoopTest {

  private final MutableClock clock = new MutableClock(Instant.now());
  private final CoreHop hop =
      new CoreHop("TCP", new InetSocketAddress("127.0.0.1", 5060), "epcscf.ims.example.net", 5060);
  private final com.nimbusds.jose.jwk.RSAKey key = TestTokens.newKey("waf-1");
  private final CountDownLatch fetching = new CountDownLatch(1);
  private final CountDownLatch wafAnswers = new CountDownLatch(1);
  private final ExecutorService loop = Executors.newSingleThreadExecutor();
  private final ExecutorService offload = Executors.newSingleThreadExecutor();

  @AfterEach
  void stop() {
    wafAnswers.countDown();
    loop.shutdownNow();
    offload.shutdownNow();
  }

  /** A JWKS that answers only when the test lets the WAF answer. */
  private final JWKSource<SecurityContext> slowJwks = (selector, context) -> {
    fetching.countDown();
    try {
      wafAnswers.await(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return selector.select(new JWKSet(key.toPublicJWK()));
  };

  @Test
  void aSignatureCheckWaitingForTheJwksDoesNotHoldTheEventLoop() throws Exception {
    FakeCoreNetwork core = new FakeCoreNetwork();
    CoreProxy proxy = new CoreProxy(core, hop, TransactionTimers.DEFAULT);
    Registrations registrations = new Registrations();
    EpCscfMetrics metrics = EpCscfMetrics.unregistered();
    AccessTokenValidator validator = new AccessTokenValidator(
        TestConfig.token(URI.create("https://localhost:8443/oauth2/jwks")), slowJwks, clock, new ReleasedLeases(0),
        metrics);
    TrustedNodeRegister rewrite = new TrustedNodeRegister("ims.example.net", "ims.example.net", true, hop);
    WicRequests wic = new WicRequests(new TrustedNodeAuthentication(validator, rewrite, proxy, registrations,
        "ims.example.net", "https://localhost:8443", TestConfig.noLeaseCheck(clock), Duration.ofSeconds(10), clock,
        new FailureLockout(FailureLockout.Limits.DEFAULTS), EventLog.named(CoreProxy.EVENTS), offload), null, new OriginatingRequests(proxy, registrations), registrations);
    FakeWicFlow flow = new FakeWicFlow("fl-7Q2xYc");
    String register = TestMessages.register(TestMessages.bearer(TestTokens.sign(key, TestTokens.claims(clock.instant())
        .build())));

    // The loop hands the REGISTER over and is free again while the WAF has not answered the JWKS fetch.
    loop.submit(() -> wic.onRequest(flow, TestMessages.parse(register))).get(2, TimeUnit.SECONDS);
    assertThat(fetching.await(5, TimeUnit.SECONDS)).as("the JWKS fetch started off the loop").isTrue();
    assertThat(core.sent()).isEmpty();

    wafAnswers.countDown();
    await().atMost(Duration.ofSeconds(5)).until(() -> core.sent().size() == 1);

    // The same token again: its verdict is remembered, so it is forwarded on the loop's own call.
    loop.submit(() -> wic.onRequest(flow, TestMessages.parse(register.replace("z9hG4bK", "z9hG4bKre")))
        ).get(2, TimeUnit.SECONDS);
    assertThat(core.sent()).hasSize(2);
    assertThat(TestConfig.signatureChecks(metrics)).isEqualTo(1);
  }
}
