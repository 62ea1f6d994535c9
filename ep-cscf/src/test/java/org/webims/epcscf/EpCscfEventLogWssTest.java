package org.webims.epcscf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.jwk.RSAKey;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.webims.epcscf.core.CoreProxy;
import org.webims.server.testing.EventLines;
import org.webims.epcscf.testing.RunningEpCscf;
import org.webims.epcscf.testing.TestMessages;
import org.webims.epcscf.testing.TestTokens;
import org.webims.epcscf.testing.WsClient;
import org.webims.epcscf.testing.WssCalls;
import org.webims.sip.message.SipRequest;
import org.webims.sip.message.SipResponse;

/**
 * Issue 16, point 5: the eP-CSCF's event log ({@code webims.events.epcscf}) over real WSS traffic: one line per
 * registration, deregistration (by its reason), call start and end, and refusal (a handshake, a token), with the
 * fields the operations page names; and never a credential. The log is the behaviour here, so the test reads it.
 */
class EpCscfEventLogWssTest {

  private static final String ORIGIN = "https://localhost:8443";

  @TempDir
  static Path dir;

  private static final RSAKey wafKey = TestTokens.newKey("waf-1");
  private static RunningEpCscf running;
  private static EventLines events;

  @BeforeAll
  static void start() throws Exception {
    running = RunningEpCscf.start(dir, wafKey, "--webims.epcscf.digest.enabled=false");
    running.scscf.answerRegisters(WssCalls.bob(running.scscf.port()));
    events = new EventLines(CoreProxy.EVENTS);
  }

  @AfterAll
  static void stop() throws Exception {
    events.close();
    running.close();
  }

  @BeforeEach
  void forget() {
    events.clear();
  }

  private static WsClient connect() throws Exception {
    return WsClient.connect(running.http, running.epcscf.webSocketUri(), "sip", ORIGIN);
  }

  private static String token() {
    return TestTokens.sign(wafKey, TestTokens.claims(Instant.now()).build());
  }

  @Test
  void aRegistrationAndItsDeregistrationByTheUserAreOneLineEach() throws Exception {
    try (WsClient ws = connect()) {
      ws.send(TestMessages.register(TestMessages.bearer(token())));
      assertThat(WssCalls.nextFinal(ws, SipRequest.REGISTER).statusCode()).isEqualTo(200);
      String registration = events.await("registration", "impu=" + TestTokens.IMPU);
      assertThat(registration).contains(" flow=fl-", " node=", " expires=3600", " impi=");

      ws.send(TestMessages.register(TestMessages.bearer(token()), "z9hG4bKdereg", 2, "0", TestTokens.IMPU));
      assertThat(WssCalls.nextFinal(ws, SipRequest.REGISTER).statusCode()).isEqualTo(200);
      events.await("deregistration", "impu=" + TestTokens.IMPU, "reason=user", " flow=fl-");
    }
    assertThat(events.of("registration")).hasSize(1);
  }

  @Test
  void aLostFlowIsADeregistrationForFlowLoss() throws Exception {
    try (WsClient ws = connect()) {
      ws.send(TestMessages.register(TestMessages.bearer(token())));
      assertThat(WssCalls.nextFinal(ws, SipRequest.REGISTER).statusCode()).isEqualTo(200);
      ws.abort();
      events.await("deregistration", "impu=" + TestTokens.IMPU, "reason=flow_lost");
    }
  }

  @Test
  void aCallStartsAndEndsWithItsCallIdDurationAndReason() throws Exception {
    try (WsClient ws = connect()) {
      ws.send(TestMessages.register(TestMessages.bearer(token())));
      assertThat(WssCalls.nextFinal(ws, SipRequest.REGISTER).statusCode()).isEqualTo(200);
      ws.send(WssCalls.fromAlice("answered-ev1", 1, SipRequest.INVITE, null, false));
      SipResponse ok = WssCalls.nextFinal(ws, SipRequest.INVITE);
      assertThat(ok.statusCode()).isEqualTo(200);
      assertThat(events.await("call.start", "call_id=answered-ev1"))
          .contains(" flow=fl-", " direction=originating", " setup_ms=");

      ws.send(WssCalls.bye("answered-ev1", 2, ok, running.scscf.port()));
      assertThat(WssCalls.nextFinal(ws, SipRequest.BYE).statusCode()).isEqualTo(200);
      assertThat(events.await("call.end", "call_id=answered-ev1")).contains(" reason=bye_wic", " duration_ms=");

      ws.send(WssCalls.fromAlice("busy-ev2", 1, SipRequest.INVITE, null, false));
      assertThat(WssCalls.nextFinal(ws, SipRequest.INVITE).statusCode()).isEqualTo(486);
      events.await("call.failed", "call_id=busy-ev2", "reason=486", "direction=originating");
    }
  }

  @Test
  void aRefusedHandshakeIsOneLineWithItsReason() throws Exception {
    assertThatThrownBy(() -> WsClient.connect(running.http, running.epcscf.webSocketUri(), "sip",
        "https://evil.example.net")).cause().isInstanceOf(java.net.http.WebSocketHandshakeException.class);
    assertThat(events.await("handshake.refused", "reason=origin")).contains(" status=403", " source=127.0.0.1");
  }

  /** Never a credential: a refused token is named by its reason, not shown. */
  @Test
  void aRefusedTokenIsOneLineWithItsReasonAndNeverTheToken() throws Exception {
    String forged = TestTokens.sign(TestTokens.newKey("waf-1"), TestTokens.claims(Instant.now()).build());
    try (WsClient ws = connect()) {
      ws.send(TestMessages.register(TestMessages.bearer(forged)));
      assertThat(WssCalls.nextFinal(ws, SipRequest.REGISTER).statusCode()).isEqualTo(401);
      assertThat(events.await("token.refused", "reason=bad_signature"))
          .contains(" method=REGISTER", " status=401", " flow=fl-", " source=127.0.0.1");
    }
    String signature = forged.substring(forged.lastIndexOf('.') + 1);
    assertThat(events.all()).noneMatch(line -> line.contains(signature) || line.contains(forged.substring(0, 20))
        || line.contains("Bearer") || line.contains("Authorization"));
    assertThat(events.of("register.refused")).as("a token refusal is not also a REGISTER refusal").isEmpty();
  }
}
