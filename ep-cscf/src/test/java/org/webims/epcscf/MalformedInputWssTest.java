package org.webims.epcscf;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.jwk.RSAKey;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.webims.epcscf.testing.RunningEpCscf;
import org.webims.epcscf.testing.TestMessages;
import org.webims.epcscf.testing.TestTokens;
import org.webims.epcscf.testing.WsClient;
import org.webims.sip.message.ReasonPhrase;
import org.webims.sip.message.SipResponse;
import org.webims.sip.testing.NonAsciiInputs;

/**
 * Issue 12 point 8 over real WSS (EPC-01, RFC 7118 §5.1): malformed input is answered with a 400 whose
 * reason is valid UTF-8 (or passed on when it is well-formed), the WebSocket is never closed for it
 * (no 1011, no 1007 for a binary message), and a valid REGISTER on the same flow still registers.
 */
class MalformedInputWssTest {

  private static final String ORIGIN = "https://localhost:8443";

  @TempDir
  static Path dir;

  private static final RSAKey wafKey = TestTokens.newKey("waf-1");
  private static RunningEpCscf running;

  @BeforeAll
  static void start() throws Exception {
    running = RunningEpCscf.start(dir, wafKey);
  }

  @AfterAll
  static void stop() throws Exception {
    running.close();
  }

  private static WsClient connect() throws Exception {
    return WsClient.connect(running.http, running.epcscf.webSocketUri(), "sip", ORIGIN);
  }

  /** A valid REGISTER with a good token still registers: the flow survived what came before. */
  private static void assertStillRegisters(WsClient ws) throws Exception {
    ws.send(TestMessages.register(TestMessages.bearer(TestTokens.sign(wafKey, TestTokens.claims(Instant.now()).build())),
        "z9hG4bKafter", 99, "600000", TestTokens.IMPU));
    assertThat(running.scscf.next()).isNotNull();
    SipResponse ok = ws.nextResponse();
    assertThat(ok.statusCode()).isEqualTo(200);
    assertThat(ws.closeCodeNow()).isNull();
  }

  @Test
  void answersAnEmojiInCSeqWith400AndKeepsTheFlow_EPC01() throws Exception {
    try (WsClient ws = connect()) {
      ws.send(TestMessages.register("Bearer x").replace("CSeq: 1 REGISTER", "CSeq: 1 REGISTER\uD83D\uDE00"));
      SipResponse r = ws.nextResponse();
      assertThat(r.statusCode()).isEqualTo(400);
      assertThat(r.reasonPhrase()).isEqualTo("Bad CSeq: unexpected '\uD83D\uDE00'");
      assertStillRegisters(ws);
    }
  }

  @Test
  void answersABinaryMessageThatIsNotUtf8With400AndKeepsTheFlow_EPC01() throws Exception {
    try (WsClient ws = connect()) {
      ws.sendBinary(TestMessages.register("Bearer x").replace("CSeq: 1 REGISTER", "CSeq: 1 REGISTER\u00e9")
          .getBytes(StandardCharsets.ISO_8859_1));
      SipResponse r = ws.nextResponse();
      assertThat(r.statusCode()).isEqualTo(400);
      assertThat(r.reasonPhrase()).isEqualTo("Bad request: not UTF-8");
      assertStillRegisters(ws);
    }
  }

  /** Every payload in every position, one flow: each message gets exactly one answer, the flow stays up. */
  @Test
  void answersNonAsciiInEveryPositionOnOneFlowThatStaysOpen_EPC01() throws Exception {
    String register = TestMessages.register("Digest username=\"alice_private@ims.example.net\", "
        + "realm=\"ims.example.net\", nonce=\"\", uri=\"sip:ims.example.net\", response=\"\"");
    int answered400 = 0;
    try (WsClient ws = connect()) {
      for (int at : NonAsciiInputs.positions(register)) {
        for (NonAsciiInputs.Payload p : NonAsciiInputs.PAYLOADS) {
          String where = NonAsciiInputs.context(register, at) + " with " + p.name();
          byte[] bytes = NonAsciiInputs.insert(register, at, p.bytes());
          if (p.isUtf8()) {
            ws.send(new String(bytes, StandardCharsets.UTF_8));
          } else {
            ws.sendBinary(bytes);
          }
          String answer = ws.next();
          assertThat(answer).as("answer to %s (close code %s)", where, ws.closeCodeNow()).isNotNull();
          SipResponse r = (SipResponse) org.webims.sip.parser.SipParser.DEFAULT.parse(answer);
          assertThat(r.reasonPhrase()).as(where).hasSizeLessThanOrEqualTo(ReasonPhrase.MAX_LENGTH);
          if (r.statusCode() == 400) {
            answered400++;
          }
          // What passed as well-formed went on to the fake S-CSCF and was answered from there.
          running.scscf.drain();
        }
      }
      assertThat(answered400).isGreaterThan(300);
      assertStillRegisters(ws);
    }
  }
}
