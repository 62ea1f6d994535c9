package org.webims.epcscf;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.jwk.RSAKey;
import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.webims.epcscf.testing.RunningEpCscf;
import org.webims.epcscf.testing.TestMessages;
import org.webims.epcscf.testing.TestScscf;
import org.webims.epcscf.testing.TestTokens;
import org.webims.epcscf.testing.WsClient;
import org.webims.sip.message.HeaderNames;
import org.webims.sip.message.SipResponse;

/**
 * Issue 12: one message from the core can never cut the eP-CSCF off from it. A fake core over a real
 * loopback TCP connection answers one REGISTER with a 200 carrying 300 Contact lines (past the
 * parser's 200 header lines): that client gets 502, and the next client's REGISTER gets its 200 over
 * the same connection. Timer F is short (64 * 50 ms) so that a regression shows as a 408, not a hang.
 */
class CoreResponseLimitsWssTest {

  private static final String ORIGIN = "https://localhost:8443";
  private static final RSAKey wafKey = TestTokens.newKey("waf-1");

  @TempDir
  static Path dir;

  private static RunningEpCscf running;

  @BeforeAll
  static void start() throws Exception {
    running = RunningEpCscf.start(dir, wafKey, "--webims.epcscf.core.t1=50ms");
  }

  @AfterAll
  static void stop() throws Exception {
    running.close();
  }

  private static String register(String branch) {
    return TestMessages.register(TestMessages.bearer(TestTokens.sign(wafKey, TestTokens.claims(Instant.now()).build())),
        branch, 1, "600000", TestTokens.IMPU);
  }

  @Test
  void anOversizeResponseFailsOnlyItsTransactionAndTheSharedConnectionStays() throws Exception {
    AtomicBoolean first = new AtomicBoolean(true);
    running.scscf.answerRegisters(r -> {
      if (!first.getAndSet(false)) {
        return null;
      }
      SipResponse.Builder ok = TestScscf.ok(r, 3600).toBuilder();
      for (int i = 0; i < 300; i++) {
        ok.header(HeaderNames.CONTACT, "<sip:c" + i + "@192.0.2.4;transport=ws>;expires=3600");
      }
      return ok.build().encode();
    });
    try (WsClient one = WsClient.connect(running.http, running.epcscf.webSocketUri(), "sip", ORIGIN);
        WsClient two = WsClient.connect(running.http, running.epcscf.webSocketUri(), "sip", ORIGIN)) {
      one.send(register("z9hG4bKone"));
      SipResponse failed = one.nextResponse();
      assertThat(failed.statusCode()).isEqualTo(502);
      assertThat(failed.reasonPhrase()).isEqualTo("Bad response from the IMS core");
      assertThat(failed.topVia().branch()).isEqualTo("z9hG4bKone");

      two.send(register("z9hG4bKtwo"));
      assertThat(two.nextResponse().statusCode()).isEqualTo(200);
      assertThat(running.scscf.connectionsAccepted()).isEqualTo(1);
    }
  }
}
