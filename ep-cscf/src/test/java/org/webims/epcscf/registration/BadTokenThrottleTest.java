package org.webims.epcscf.registration;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
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
import org.webims.server.events.EventLog;
import org.webims.server.events.EventLogProperties;
import org.webims.server.testing.EventLines;
import org.webims.sip.message.SipResponse;
import org.webims.sip.testing.MutableClock;
import org.webims.sip.transaction.TransactionTimers;

/**
 * EPC-21 abuse resistance: bad-token REGISTERs are counted per source address by the shared lockout;
 * once over the limit, REGISTERs from that address are answered 403 with Retry-After without their
 * token being validated or anything forwarded, and the refusals are logged a few times per reason and interval
 * (issue 16's event log).
 */
class BadTokenThrottleTest {

  private final Instant now = Instant.now();
  private final MutableClock clock = new MutableClock(now);
  private final CoreHop hop =
      new CoreHop("TCP", new InetSocketAddress("127.0.0.1", 5060), "epcscf.ims.example.net", 5060);
  private final Registrations registrations = new Registrations();
  private static final String EVENTS = "webims.events.epcscf.throttle-test";
  private final EventLines logLines = new EventLines(EVENTS);
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
        new EventLog(EVENTS, new EventLogProperties(Duration.ofSeconds(10), 1, 100), clock::millis)),
        new SipDigestWithTls(rewrite, proxy, registrations, new TlsAssociations(), clock),
        new OriginatingRequests(proxy, registrations), registrations);
  }

  @AfterEach
  void stop() {
    logLines.close();
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
    // One line per reason and interval: the first malformed token, then the first unvalidated refusal.
    assertThat(logLines.all()).hasSize(2);
    assertThat(logLines.all().get(0)).startsWith("token.refused method=REGISTER flow=fl-attacker")
        .contains("reason=malformed");
    assertThat(logLines.all().get(1)).contains("reason=throttled", "status=403");
    assertThat(logLines.all()).noneMatch(line -> line.contains("bad.token"));
  }
}
