package org.webims.epcscf.registration;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.webims.epcscf.core.CoreProxy;
import org.webims.epcscf.core.CoreProxy.CoreHop;
import org.webims.epcscf.testing.FakeCoreNetwork;
import org.webims.epcscf.testing.TestConfig;
import org.webims.epcscf.testing.FakeWicFlow;
import org.webims.epcscf.testing.TestMessages;
import org.webims.epcscf.testing.TestTokens;
import org.webims.epcscf.testing.TestWaf;
import org.webims.server.abuse.FailureLockout;
import org.webims.server.abuse.RateLimitedLog;
import org.webims.sip.message.SipResponse;
import org.webims.sip.testing.MutableClock;
import org.webims.sip.transaction.TransactionTimers;

/**
 * EPC-21 abuse resistance: bad-token REGISTERs are counted per source address by the shared lockout;
 * once over the limit, REGISTERs from that address are answered 403 with Retry-After without their
 * token being validated or anything forwarded, and the refusals are logged once per interval.
 */
class BadTokenThrottleTest {

  private final Instant now = Instant.now();
  private final MutableClock clock = new MutableClock(now);
  private final CoreHop hop =
      new CoreHop("TCP", new InetSocketAddress("127.0.0.1", 5060), "epcscf.ims.example.net", 5060);
  private final Registrations registrations = new Registrations();
  private final List<String> logLines = new CopyOnWriteArrayList<>();
  private final FakeCoreNetwork core = new FakeCoreNetwork();
  private TestWaf waf;
  private WicRequests wic;

  @BeforeEach
  void start() throws Exception {
    waf = new TestWaf(clock);
    CoreProxy proxy = new CoreProxy(core, hop, TransactionTimers.DEFAULT);
    TrustedNodeRegister rewrite = new TrustedNodeRegister("ims.example.net", "ims.example.net", false, hop);
    wic = new WicRequests(new TrustedNodeAuthentication(waf.validator, rewrite, proxy, registrations,
        "ims.example.net", "https://localhost:8443", TestConfig.noLeaseCheck(clock), Duration.ofSeconds(10), clock,
        new FailureLockout(new FailureLockout.Limits(3, Duration.ofMinutes(1), 100)),
        new RateLimitedLog("refused REGISTERs", Duration.ofSeconds(10), 100, logLines::add)),
        new SipDigestWithTls(rewrite, proxy, registrations, new TlsAssociations(), clock),
        new OriginatingRequests(proxy, registrations), registrations);
  }

  @AfterEach
  void stop() {
    waf.close();
  }

  @Test
  void refusesASourceWithoutValidatingOnceItSentTooManyBadTokens_EPC21() {
    FakeWicFlow flow = new FakeWicFlow("fl-attacker");
    for (int i = 0; i < 3; i++) {
      wic.onRequest(flow, TestMessages.parse(TestMessages.register(TestMessages.bearer("eyJhbGciOi.bad.token" + i))));
      assertThat(flow.lastResponse().statusCode()).isEqualTo(401);
    }

    wic.onRequest(flow, TestMessages.parse(TestMessages.register(
        TestMessages.bearer(waf.sign(TestTokens.claims(now).build())))));

    SipResponse refused = flow.lastResponse();
    assertThat(refused.statusCode()).isEqualTo(403);
    assertThat(refused.reasonPhrase()).isEqualTo("Too many failed attempts, retry in 60 s");
    assertThat(refused.header("Retry-After")).isEqualTo("60");
    assertThat(core.sent()).isEmpty();

    clock.advance(Duration.ofSeconds(61));
    wic.onRequest(flow, TestMessages.parse(TestMessages.register(
        TestMessages.bearer(waf.sign(TestTokens.claims(clock.instant()).build())))));
    assertThat(core.sent()).hasSize(1);
  }

  @Test
  void logsAFloodOfRefusalsOncePerInterval_EPC21() {
    FakeWicFlow flow = new FakeWicFlow("fl-attacker");
    for (int i = 0; i < 200; i++) {
      wic.onRequest(flow, TestMessages.parse(TestMessages.register(TestMessages.bearer("eyJhbGciOi.bad.token" + i))));
    }
    assertThat(logLines).hasSize(1);
    assertThat(logLines.get(0)).doesNotContain("bad.token");
  }
}
