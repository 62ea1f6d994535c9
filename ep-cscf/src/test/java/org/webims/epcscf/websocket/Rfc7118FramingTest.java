package org.webims.epcscf.websocket;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
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
}
