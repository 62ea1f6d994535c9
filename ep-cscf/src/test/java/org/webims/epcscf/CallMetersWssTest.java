package org.webims.epcscf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.nimbusds.jose.jwk.RSAKey;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.webims.epcscf.testing.RunningEpCscf;
import org.webims.epcscf.testing.TestMessages;
import org.webims.epcscf.testing.TestTokens;
import org.webims.epcscf.testing.WsClient;
import org.webims.epcscf.testing.WssCalls;
import org.webims.server.testing.ManagementPort;
import org.webims.sip.message.SipRequest;
import org.webims.sip.message.SipResponse;

/**
 * Issue 16, point 1: the calls gauge ({@code webims.epcscf.calls}) and the call-setup histogram
 * ({@code webims.epcscf.call.setup}) with real calls over WSS toward a phone behind the fake S-CSCF. A call counts
 * from its INVITE to its end: the gauge goes back to 0 after a BYE, a CANCEL, an error final and the loss of the
 * flow (EPC-66); only a call that a 2xx established is a setup in the histogram.
 */
class CallMetersWssTest {

  private static final String ORIGIN = "https://localhost:8443";

  @TempDir
  static Path dir;

  private static final RSAKey wafKey = TestTokens.newKey("waf-1");
  private static RunningEpCscf running;
  private static MeterRegistry meters;
  private static int scscfPort;

  @BeforeAll
  static void start() throws Exception {
    running = RunningEpCscf.start(dir, wafKey, "--webims.epcscf.digest.enabled=false");
    meters = running.context.getBean(MeterRegistry.class);
    scscfPort = running.scscf.port();
    running.scscf.answerRegisters(WssCalls.bob(scscfPort));
  }

  @AfterAll
  static void stop() throws Exception {
    running.close();
  }

  private static WsClient registered() throws Exception {
    WsClient ws = WsClient.connect(running.http, running.epcscf.webSocketUri(), "sip", ORIGIN);
    ws.send(TestMessages.register(TestMessages.bearer(TestTokens.sign(wafKey,
        TestTokens.claims(Instant.now()).build()))));
    assertThat(WssCalls.nextFinal(ws, SipRequest.REGISTER).statusCode()).isEqualTo(200);
    return ws;
  }

  private static double calls() {
    return meters.get("webims.epcscf.calls").gauge().value();
  }

  private static long setups(String direction) {
    Timer t = meters.find("webims.epcscf.call.setup").tag("direction", direction).timer();
    return t == null ? 0 : t.count();
  }

  private static void awaitCalls(double expected) {
    await().atMost(Duration.ofSeconds(10)).until(() -> calls() == expected);
  }

  @Test
  void anAnsweredCallCountsUntilItsByeAndIsOneSetupInTheHistogram() throws Exception {
    long before = setups("originating");
    try (WsClient ws = registered()) {
      ws.send(WssCalls.fromAlice("answered-1", 1, SipRequest.INVITE, null, false));
      SipResponse ok = WssCalls.nextFinal(ws, SipRequest.INVITE);
      assertThat(ok.statusCode()).isEqualTo(200);
      awaitCalls(1);
      assertThat(setups("originating")).isEqualTo(before + 1);

      ManagementPort.Scrape scrape = ManagementPort.of(running.context).scrape();
      assertThat(scrape.count("webims_epcscf_calls")).isEqualTo(1);
      assertThat(scrape.text()).contains("webims_epcscf_call_setup_seconds_bucket{direction=\"originating\"");

      ws.send(WssCalls.bye("answered-1", 2, ok, scscfPort));
      assertThat(WssCalls.nextFinal(ws, SipRequest.BYE).statusCode()).isEqualTo(200);
      awaitCalls(0);
    }
  }

  @Test
  void aCallBeingSetUpCountsAndACancelEndsIt() throws Exception {
    long before = setups("originating");
    try (WsClient ws = registered()) {
      String invite = WssCalls.fromAlice("ringing-1", 1, SipRequest.INVITE, null, false);
      ws.send(invite);
      awaitCalls(1);
      ws.send(WssCalls.cancel(invite));
      assertThat(WssCalls.nextFinal(ws, SipRequest.INVITE).statusCode()).isEqualTo(487);
      awaitCalls(0);
    }
    assertThat(setups("originating")).as("a cancelled call is no setup").isEqualTo(before);
  }

  @Test
  void aCallRefusedWithAnErrorFinalCountsNoMore() throws Exception {
    long before = setups("originating");
    try (WsClient ws = registered()) {
      ws.send(WssCalls.fromAlice("busy-1", 1, SipRequest.INVITE, null, false));
      assertThat(WssCalls.nextFinal(ws, SipRequest.INVITE).statusCode()).isEqualTo(486);
      awaitCalls(0);
    }
    assertThat(setups("originating")).isEqualTo(before);
  }

  @Test
  void theLossOfTheFlowEndsItsCalls_EPC66() throws Exception {
    try (WsClient ws = registered()) {
      ws.send(WssCalls.fromAlice("answered-2", 1, SipRequest.INVITE, null, false));
      assertThat(WssCalls.nextFinal(ws, SipRequest.INVITE).statusCode()).isEqualTo(200);
      ws.send(WssCalls.fromAlice("ringing-2", 1, SipRequest.INVITE, null, false));
      awaitCalls(2);
      ws.abort();
      awaitCalls(0);
    }
  }
}
