package org.webims.sip.parser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.webims.sip.ParseProblem;
import org.webims.sip.SipParseException;
import org.webims.sip.TestMessages;
import org.webims.sip.TestMessages.Torture;
import org.webims.sip.message.SipMessage;

/** RFC 4475 torture messages: valid ones parse, validate and round-trip; invalid ones fail precisely. */
class Rfc4475CorpusTest {

  private static final Map<String, Integer> EXPECTED = Map.ofEntries(
      Map.entry("bad-header", ParseProblem.BAD_HEADER),
      Map.entry("content-length-exceeds", ParseProblem.CONTENT_LENGTH_EXCEEDS_MESSAGE),
      Map.entry("bad-content-length", ParseProblem.BAD_CONTENT_LENGTH),
      Map.entry("scalar-overflow", ParseProblem.SCALAR_OVERFLOW),
      Map.entry("unterminated-quote", ParseProblem.UNTERMINATED_QUOTE),
      Map.entry("bad-start-line", ParseProblem.BAD_START_LINE),
      Map.entry("bad-uri", ParseProblem.BAD_URI),
      Map.entry("bad-date", ParseProblem.BAD_DATE),
      Map.entry("bad-name-addr", ParseProblem.BAD_NAME_ADDR),
      Map.entry("bad-version", ParseProblem.UNSUPPORTED_VERSION),
      Map.entry("cseq-method-mismatch", ParseProblem.CSEQ_METHOD_MISMATCH));

  /** Semantic messages (RFC 4475 §3.3) an element must answer with 400, and why. */
  private static final Map<String, Integer> SEMANTIC_REJECTS = Map.of(
      "insuf", ParseProblem.BAD_HEADER_COUNT,
      "multi01", ParseProblem.BAD_HEADER_COUNT);

  static Stream<Torture> wellFormed() {
    return TestMessages.torture().stream().filter(t -> t.expect.equals("parse"));
  }

  static Stream<Torture> malformed() {
    return TestMessages.torture().stream().filter(t -> !t.expect.equals("parse"));
  }

  @Test
  void corpusHoldsEveryRfc4475Message() {
    List<Torture> all = TestMessages.torture();
    assertThat(all).hasSize(49);
    assertThat(all.stream().filter(t -> t.kind.equals("valid"))).hasSize(13);
    assertThat(all.stream().filter(t -> t.kind.equals("invalid"))).hasSize(19);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("wellFormed")
  void wellFormedMessageParsesAsDatagramAndRoundTrips(Torture t) throws SipParseException {
    byte[] bytes = t.bytes();
    SipMessage message = SipParser.DEFAULT.parse(bytes, 0, bytes.length);

    SipMessage again = SipParser.DEFAULT.parse(message.toBytes(), 0, message.toBytes().length);
    assertThat(again).isEqualTo(message);
    assertThat(again.toBytes()).isEqualTo(message.toBytes());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("wellFormed")
  void wellFormedMessageValidatesUnlessRfc4475SaysReject(Torture t) throws SipParseException {
    byte[] bytes = t.bytes();
    SipMessage message = SipParser.DEFAULT.parse(bytes, 0, bytes.length);
    Integer reject = SEMANTIC_REJECTS.get(t.name);
    if (reject == null) {
      assertThatCode(message::validate).doesNotThrowAnyException();
    } else {
      assertThat(catchThrowableOfType(SipParseException.class, message::validate).problem()).isEqualTo(reject);
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("malformed")
  void malformedMessageIsRejectedWithItsDefect(Torture t) {
    byte[] bytes = t.bytes();
    SipParseException e = catchThrowableOfType(SipParseException.class, () -> {
      SipMessage message = SipParser.DEFAULT.parse(bytes, 0, bytes.length);
      message.validate();
    });
    assertThat(e).as("%s must be rejected", t).isNotNull();
    assertThat(e.problem()).as(e.reason()).isEqualTo(EXPECTED.get(t.expect));
    assertThat(e.reason()).isNotBlank().doesNotContain("\r").doesNotContain("\n");
  }

  @Test
  void extraOctetsAfterContentLengthInADatagramAreDiscarded() throws SipParseException {
    byte[] bytes = TestMessages.bytes("rfc4475/dblreq.sip");
    SipMessage message = SipParser.DEFAULT.parse(bytes, 0, bytes.length);
    assertThat(message.startLine()).startsWith("REGISTER ");
    assertThat(message.bodyLength()).isZero();
  }

  @Test
  void multipartBodyWithBinaryOctetsIsKeptByteForByte() throws SipParseException {
    byte[] bytes = TestMessages.bytes("rfc4475/mpart01.sip");
    SipMessage message = SipParser.DEFAULT.parse(bytes, 0, bytes.length);
    assertThat(message.bodyLength()).isEqualTo(553);
    byte[] body = message.body();
    assertThat(bytes).endsWith(body);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("wellFormed")
  void streamFramerCutsTheSameMessageFromAnyChunking(Torture t) throws SipParseException {
    SipMessage expected = SipParser.DEFAULT.parse(t.bytes(), 0, t.bytes().length);
    // On a stream Content-Length is mandatory, so send the serialized form, which carries it as parsed.
    if (expected.header("Content-Length") == null || t.name.equals("dblreq")) {
      return;
    }
    byte[] wire = expected.toBytes();
    byte[] twice = new byte[wire.length * 2 + 4];
    System.arraycopy(wire, 0, twice, 0, wire.length);
    twice[wire.length] = '\r';
    twice[wire.length + 1] = '\n';
    twice[wire.length + 2] = '\r';
    twice[wire.length + 3] = '\n';
    System.arraycopy(wire, 0, twice, wire.length + 4, wire.length);
    for (int chunk : new int[] {1, 7, 64, twice.length}) {
      List<SipMessage> got = new ArrayList<>();
      int[] pings = {0};
      StreamFramer framer = new StreamFramer(SipParser.DEFAULT);
      for (int i = 0; i < twice.length; i += chunk) {
        framer.feed(twice, i, Math.min(chunk, twice.length - i), new StreamFramer.Sink() {
          @Override
          public void message(SipMessage message) {
            got.add(message);
          }

          @Override
          public void keepAlive() {
            pings[0]++;
          }
        });
      }
      assertThat(got).as("chunk %d", chunk).containsExactly(expected, expected);
      assertThat(pings[0]).isEqualTo(1);
      assertThat(framer.buffered()).isZero();
    }
  }
}
