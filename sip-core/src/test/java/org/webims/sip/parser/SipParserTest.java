package org.webims.sip.parser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.webims.sip.ParseProblem;
import org.webims.sip.SipParseException;
import org.webims.sip.TestMessages;
import org.webims.sip.message.HeaderNames;
import org.webims.sip.message.SipMessage;
import org.webims.sip.message.SipRequest;
import org.webims.sip.message.SipResponse;

class SipParserTest {

  private static final String HEAD = "OPTIONS sip:ims.example.net SIP/2.0\r\n"
      + "Via: SIP/2.0/WSS a.invalid;branch=z9hG4bK1\r\n"
      + "From: <sip:alice@ims.example.net>;tag=1\r\n"
      + "To: <sip:alice@ims.example.net>\r\n"
      + "Call-ID: c1\r\n"
      + "CSeq: 1 OPTIONS\r\n";

  private static SipParseException failure(SipParser parser, String text) {
    return catchThrowableOfType(SipParseException.class, () -> parser.parse(text).validate());
  }

  @Test
  void compactNamesAndAnyCaseBecomeCanonicalNames() throws SipParseException {
    SipMessage m = SipParser.DEFAULT.parse("OPTIONS sip:a.net SIP/2.0\r\nv: SIP/2.0/UDP h;branch=z9hG4bK2\r\n"
        + "f: <sip:a@a.net>;tag=1\r\nt: <sip:a@a.net>\r\ni: x@y\r\ncseq: 1 OPTIONS\r\nl: 0\r\nk: path\r\n"
        + "m: <sip:a@h>\r\nX-Custom: 1\r\n\r\n");
    assertThat(m.headers()).extracting(h -> h.name()).containsExactly("Via", "From", "To", "Call-ID", "CSeq",
        "Content-Length", "Supported", "Contact", "X-Custom");
    assertThat(m.header("call-id")).isEqualTo("x@y");
    assertThat(m.callId()).isEqualTo("x@y");
  }

  @Test
  void foldedHeaderLinesAreJoinedWithOneSpace() throws SipParseException {
    SipMessage m = SipParser.DEFAULT.parse(HEAD + "Subject: I know you're there,\r\n   pick up the phone\r\n\tand talk to me!\r\n\r\n");
    assertThat(m.header("Subject")).isEqualTo("I know you're there, pick up the phone and talk to me!");
  }

  @Test
  void leadingCrlfAndBareLineFeedsAreTolerated() throws SipParseException {
    SipMessage m = SipParser.DEFAULT.parse("\r\n\r\n" + HEAD.replace("\r\n", "\n") + "\n");
    m.validate();
    assertThat(((SipRequest) m).method()).isEqualTo("OPTIONS");
  }

  @Test
  void contentLengthCountsUtf8OctetsOfATextBody() throws SipParseException {
    String body = "héllo";
    SipMessage m = SipParser.DEFAULT.parse(HEAD + "Content-Type: text/plain\r\nContent-Length: 6\r\n\r\n" + body);
    assertThat(m.bodyAsString()).isEqualTo(body);
    assertThat(m.bodyLength()).isEqualTo(6);
    assertThat(failure(SipParser.DEFAULT, HEAD + "Content-Length: 7\r\n\r\n" + body).problem())
        .isEqualTo(ParseProblem.CONTENT_LENGTH_EXCEEDS_MESSAGE);
  }

  @Test
  void bodyWithoutContentLengthRunsToTheEndOfTheWebSocketMessage() throws SipParseException {
    SipMessage m = SipParser.DEFAULT.parse(HEAD + "\r\nabc");
    assertThat(m.bodyAsString()).isEqualTo("abc");
  }

  @Test
  void messageLargerThanTheLimitIsTooLarge() {
    SipParser small = new SipParser(ParseLimits.builder().maxMessageBytes(300).build());
    SipParseException e = failure(small, HEAD + "X-Pad: " + "a".repeat(200) + "\r\n\r\n");
    assertThat(e.problem()).isEqualTo(ParseProblem.TOO_LARGE);
    assertThat(e.statusCode()).isEqualTo(513);
    assertThat(failure(small, HEAD + "Content-Length: 100000\r\n\r\n").problem()).isEqualTo(ParseProblem.TOO_LARGE);
  }

  @Test
  void tooManyHeadersAndOverlongLinesAreRefused() {
    SipParser parser = new SipParser(ParseLimits.builder().maxHeaderCount(10).maxLineLength(200).build());
    assertThat(failure(parser, HEAD + "X-A: 1\r\nX-B: 2\r\nX-C: 3\r\nX-D: 4\r\nX-E: 5\r\nX-F: 6\r\n\r\n").reason()).isEqualTo("Too many header fields");
    assertThat(failure(parser, HEAD + "X-A: " + "x".repeat(300) + "\r\n\r\n").reason()).isEqualTo("Header line too long");
  }

  @Test
  void missingEmptyLineIsIncomplete() {
    assertThat(failure(SipParser.DEFAULT, HEAD).problem()).isEqualTo(ParseProblem.INCOMPLETE);
    byte[] b = HEAD.getBytes(StandardCharsets.UTF_8);
    assertThat(catchThrowableOfType(SipParseException.class, () -> SipParser.DEFAULT.parse(b, 0, b.length)).problem())
        .isEqualTo(ParseProblem.INCOMPLETE);
  }

  @Test
  void headerLineWithoutColonOrWithControlCharacterIsBad() {
    assertThat(failure(SipParser.DEFAULT, HEAD + "NoColon\r\n\r\n").reason()).isEqualTo("Bad header: no colon");
    assertThat(failure(SipParser.DEFAULT, HEAD + "X-Y: a\u0001b\r\n\r\n").reason()).isEqualTo("Bad X-Y: control character");
    assertThat(failure(SipParser.DEFAULT, HEAD + "Bad Name: 1\r\n\r\n").reason()).isEqualTo("Bad header: invalid name");
  }

  @Test
  void otherSipVersionIsVersionNotSupported() {
    SipParseException e = failure(SipParser.DEFAULT, "OPTIONS sip:a.net SIP/3.0\r\n\r\n");
    assertThat(e.statusCode()).isEqualTo(505);
    assertThat(failure(SipParser.DEFAULT, "OPTIONS sip:a.net HTTP/1.1\r\n\r\n").problem()).isEqualTo(ParseProblem.BAD_START_LINE);
  }

  @Test
  void statusLineNeedsThreeDigitsInRange() throws SipParseException {
    assertThat(failure(SipParser.DEFAULT, "SIP/2.0 20 OK\r\n\r\n").problem()).isEqualTo(ParseProblem.BAD_START_LINE);
    assertThat(failure(SipParser.DEFAULT, "SIP/2.0 099 Odd\r\n\r\n").problem()).isEqualTo(ParseProblem.BAD_START_LINE);
    assertThat(failure(SipParser.DEFAULT, "SIP/2.0 2000 OK\r\n\r\n").problem()).isEqualTo(ParseProblem.SCALAR_OVERFLOW);
    SipResponse r = (SipResponse) SipParser.DEFAULT.parse("SIP/2.0 430 Flow Failed\r\nContent-Length: 0\r\n\r\n");
    assertThat(r.statusCode()).isEqualTo(430);
    assertThat(r.reasonPhrase()).isEqualTo("Flow Failed");
  }

  @Test
  void missingMandatoryHeaderIsNamedInTheReason() {
    SipParseException e = failure(SipParser.DEFAULT, HEAD.replace("Call-ID: c1\r\n", "") + "\r\n");
    assertThat(e.problem()).isEqualTo(ParseProblem.BAD_HEADER_COUNT);
    assertThat(e.reason()).isEqualTo("Missing Call-ID");
  }

  @Test
  void reasonNeverEchoesABearerToken() {
    String token = "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJhbGljZSJ9.c2ln…bad";
    SipParseException e = failure(SipParser.DEFAULT, HEAD + "Authorization: Bearer " + token + "\r\n\r\n");
    assertThat(e.problem()).isEqualTo(ParseProblem.BAD_HEADER);
    assertThat(e.reason()).doesNotContain("eyJ").doesNotContain("c2ln");
  }

  @Test
  void multipleContentLengthsThatAgreeAreAccepted() throws SipParseException {
    SipMessage m = SipParser.DEFAULT.parse(HEAD + "Content-Length: 0\r\nl: 0\r\n\r\n");
    assertThat(m.headerLines(HeaderNames.CONTENT_LENGTH)).hasSize(2);
  }

  @Test
  void datagramAndTextParsingAgree() throws SipParseException {
    String text = TestMessages.checklist("5.7-notify-terminated");
    byte[] bytes = ("garbage" + text + "tail").getBytes(StandardCharsets.UTF_8);
    SipMessage fromText = SipParser.DEFAULT.parse(text);
    SipMessage fromBytes = SipParser.DEFAULT.parse(bytes, 7, bytes.length - 11);
    assertThat(fromBytes).isEqualTo(fromText);
  }
}
