package org.webims.epcscf.websocket;

import static org.assertj.core.api.Assertions.assertThat;
import static org.webims.sip.testing.NonAsciiInputs.isValidUtf16;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.webims.sip.message.ReasonPhrase;
import org.webims.sip.testing.NonAsciiInputs;
import org.webims.epcscf.testing.TestMessages;
import org.webims.sip.message.HeaderNames;
import org.webims.sip.message.SipResponse;
import org.webims.sip.parser.SipParser;

/** RFC 7118 §5.1 framing: one SIP message per WebSocket message; malformed input answered, not fatal. */
class Rfc7118FramingTest {

  private final Rfc7118Framing framing = new Rfc7118Framing(SipParser.DEFAULT, 64);

  @Test
  void decodesOneRegisterPerMessage() {
    assertThat(framing.decode(TestMessages.register("Bearer x"))).isInstanceOf(Rfc7118Framing.Message.class);
  }

  @Test
  void answersCrlfKeepAliveWithCrlf() {
    assertThat(framing.decode("\r\n\r\n")).isInstanceOf(Rfc7118Framing.KeepAlive.class);
    assertThat(Rfc7118Framing.PONG).isEqualTo("\r\n");
  }

  @Test
  void answersAnUnparseableRequestWith400CopiedFromTheRawHead() throws Exception {
    String broken = TestMessages.register("Bearer x").replace("Max-Forwards: 70\r\n", "Max-Forwards 70\r\n");
    Rfc7118Framing.Reject reject = (Rfc7118Framing.Reject) framing.decode(broken);
    SipResponse r = reject.answer();
    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(r.reasonPhrase()).isEqualTo("Bad header: no colon");
    assertThat(r.callId()).isEqualTo("ro5f0ohad43lkhevfara26");
    assertThat(r.topVia().branch()).isEqualTo("z9hG4bK56sdasks");
  }

  @Test
  void answersAnInvalidHeaderValueWith400AndTheParsersReason() throws Exception {
    String broken = TestMessages.register("Bearer x").replace("CSeq: 1 REGISTER", "CSeq: 1 INVITE");
    SipResponse r = ((Rfc7118Framing.Reject) framing.decode(broken)).answer();
    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(r.reasonPhrase()).isEqualTo("Bad CSeq: method does not match request line");
    assertThat(r.header(HeaderNames.CSEQ)).isEqualTo("1 INVITE");
  }

  @Test
  void answersGarbageWithABare400() {
    Rfc7118Framing.Reject reject = (Rfc7118Framing.Reject) framing.decode("hello");
    assertThat(reject.answer().statusCode()).isEqualTo(400);
  }

  @Test
  void dropsAMalformedResponse() {
    assertThat(framing.decode("SIP/2.0 200 OK\r\nVia: x\r\n\r\n")).isInstanceOf(Rfc7118Framing.Drop.class);
  }

  @Test
  void neverEchoesTheTokenOfAMalformedRequest() {
    String broken = TestMessages.register("Bearer eyJsecret").replace("CSeq: 1 REGISTER", "CSeq: x REGISTER");
    Rfc7118Framing.Reject reject = (Rfc7118Framing.Reject) framing.decode(broken);
    assertThat(reject.answer().encode()).doesNotContain("eyJsecret");
  }

  @Test
  void answersAnEmojiTheParserQuotesWith400WithAValidUtf8Reason_EPC01() throws Exception {
    String broken = TestMessages.register("Bearer x").replace("CSeq: 1 REGISTER", "CSeq: 1 REGISTER\uD83D\uDE00");
    Rfc7118Framing.Reject reject = (Rfc7118Framing.Reject) framing.decode(broken);
    assertThat(reject.answer().statusCode()).isEqualTo(400);
    assertThat(reject.answer().reasonPhrase()).isEqualTo("Bad CSeq: unexpected '\uD83D\uDE00'");
    assertThat(isValidUtf16(reject.answer().encode())).isTrue();
    assertThat(reject.answer().topVia().branch()).isEqualTo("z9hG4bK56sdasks");
  }

  @Test
  void answersABinaryMessageThatIsNotUtf8With400AndItsOwnVia_EPC01() throws Exception {
    byte[] bytes = TestMessages.register("Bearer x").replace("Expires: 600000", "Expires: 600000\u00e9")
        .getBytes(StandardCharsets.ISO_8859_1);
    Rfc7118Framing.Reject reject = (Rfc7118Framing.Reject) framing.decode(bytes);
    assertThat(reject.answer().statusCode()).isEqualTo(400);
    assertThat(reject.answer().reasonPhrase()).isEqualTo("Bad request: not UTF-8");
    assertThat(reject.answer().topVia().branch()).isEqualTo("z9hG4bK56sdasks");
  }

  @Test
  void decodesABinaryMessageThatIsUtf8AsText() {
    byte[] bytes = TestMessages.register("Bearer x").getBytes(StandardCharsets.UTF_8);
    assertThat(framing.decode(bytes)).isEqualTo(framing.decode(TestMessages.register("Bearer x")));
  }

  /** Issue 12 point 8: every position of a REGISTER, in a text message when UTF-8 and else a binary one. */
  @Test
  void answersNonAsciiInEveryPositionWithAValidUtf8400OrPassesItOn_EPC01() throws Exception {
    String register = TestMessages.register("Digest username=\"alice_private@ims.example.net\", "
        + "realm=\"ims.example.net\", nonce=\"5f6b1c0e\", uri=\"sip:ims.example.net\", response=\"184a6ce5\", "
        + "algorithm=SHA-256, cnonce=\"0a4f113b\", qop=auth, nc=00000001");
    int rejected = 0;
    for (int at : NonAsciiInputs.positions(register)) {
      for (NonAsciiInputs.Payload p : NonAsciiInputs.PAYLOADS) {
        String where = NonAsciiInputs.context(register, at) + " with " + p.name();
        byte[] bytes = NonAsciiInputs.insert(register, at, p.bytes());
        Rfc7118Framing.Decoded decoded = p.isUtf8()
            ? framing.decode(new String(bytes, StandardCharsets.UTF_8)) : framing.decode(bytes);
        assertThat(decoded).as(where).isInstanceOfAny(Rfc7118Framing.Message.class, Rfc7118Framing.Reject.class);
        if (decoded instanceof Rfc7118Framing.Reject r) {
          assertThat(r.answer().statusCode()).as(where).isIn(400, 505, 513);
          assertThat(r.answer().reasonPhrase()).as(where).isNotBlank().doesNotContain("\r", "\n")
              .hasSizeLessThanOrEqualTo(ReasonPhrase.MAX_LENGTH);
          assertThat(isValidUtf16(r.answer().encode())).as(where).isTrue();
          rejected++;
        } else {
          assertThat(isValidUtf16(((Rfc7118Framing.Message) decoded).message().encode())).as(where).isTrue();
        }
      }
    }
    assertThat(rejected).isGreaterThan(300);
  }
}
