package org.webims.sip.parser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.ByteArrayOutputStream;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.webims.sip.SipParseException;
import org.webims.sip.TestMessages;
import org.webims.sip.message.ReasonPhrase;
import org.webims.sip.message.SipMessage;
import org.webims.sip.message.SipResponse;

/**
 * Issue 12 point 8: non-ASCII and control input in every position of a REGISTER (request line's method,
 * URI and version; every header name and value; every parameter of Via, From, To, Contact, CSeq,
 * Call-ID and Authorization) and of a 401 (its reason phrase too). The parser, the validator and every
 * typed view raise only {@link SipParseException}; its reason, and the 400 built from it, are valid
 * UTF-8 on one line; what parses encodes to valid UTF-8.
 */
class NonAsciiInEveryPositionTest {

  /** Inputs that break naive code: a 4-byte code point, lone surrogates, bad UTF-8, Latin-1, NUL, bare CR. */
  static final List<Payload> PAYLOADS = List.of(
      Payload.text("emoji", "\uD83D\uDE00"),
      Payload.text("lone high surrogate", "\uD83D"),
      Payload.text("lone low surrogate", "\uDE00"),
      Payload.bytes("surrogate as CESU-8 bytes", 0xED, 0xA0, 0xBD),
      Payload.bytes("invalid byte", 0xFF),
      Payload.bytes("truncated sequence", 0xF0, 0x9F, 0x98),
      Payload.bytes("overlong slash", 0xC0, 0xAF),
      Payload.bytes("Latin-1 e-acute", 0xE9),
      Payload.text("NUL", "\u0000"),
      Payload.text("CR without LF", "\r"));

  /** One bad input: its bytes on the wire, and (when it has one) its form as a Java string. */
  record Payload(String name, byte[] bytes, String text) {
    static Payload text(String name, String text) {
      // A lone surrogate has no UTF-8 form; on the wire it goes as the replacement character would.
      byte[] b = text.getBytes(StandardCharsets.UTF_8);
      return new Payload(name, b, text);
    }

    static Payload bytes(String name, int... values) {
      byte[] b = new byte[values.length];
      for (int i = 0; i < values.length; i++) {
        b[i] = (byte) values[i];
      }
      return new Payload(name, b, null);
    }
  }

  /** Every place worth a payload: each line's start and end, and after each separator of the grammar. */
  static List<Integer> positions(String message) {
    List<Integer> at = new ArrayList<>();
    int headEnd = message.indexOf("\r\n\r\n");
    for (int i = 0; i < headEnd; i++) {
      char c = message.charAt(i);
      boolean lineStart = i == 0 || message.charAt(i - 1) == '\n';
      boolean afterSeparator = i > 0 && ":;=,<@ /\"".indexOf(message.charAt(i - 1)) >= 0;
      if (lineStart || afterSeparator || c == '\r' || c == '>' || c == '"') {
        at.add(i);
      }
    }
    return at;
  }

  static byte[] insert(String message, int at, byte[] payload) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(message.substring(0, at).getBytes(StandardCharsets.UTF_8));
    out.writeBytes(payload);
    out.writeBytes(message.substring(at).getBytes(StandardCharsets.UTF_8));
    return out.toByteArray();
  }

  static boolean isValidUtf16(String s) {
    try {
      StandardCharsets.UTF_8.newEncoder().onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT).encode(CharBuffer.wrap(s));
      return true;
    } catch (CharacterCodingException e) {
      return false;
    }
  }

  static void assertSafeReason(String reason, String where) {
    assertThat(reason).as("reason for %s", where).isNotBlank().doesNotContain("\r", "\n", "\u0000")
        .hasSizeLessThanOrEqualTo(ReasonPhrase.MAX_LENGTH);
    assertThat(isValidUtf16(reason)).as("reason %s for %s is valid UTF-8", reason, where).isTrue();
  }

  @Test
  void everyPositionOfARegisterAndA401YieldsOnlyTypedProblems() {
    int cases = 0;
    int refused = 0;
    for (String id : new String[] {"5.4-register-digest", "5.1-register-bearer", "5.3-401-digest"}) {
      String message = TestMessages.checklist(id);
      for (int at : positions(message)) {
        for (Payload p : PAYLOADS) {
          String where = id + " at " + at + " (" + context(message, at) + ") with " + p.name();
          byte[] bytes = insert(message, at, p.bytes());
          refused += check(bytes, () -> SipParser.DEFAULT.parse(bytes, 0, bytes.length), where) ? 0 : 1;
          String text = p.text() != null
              ? message.substring(0, at) + p.text() + message.substring(at)
              : new String(bytes, StandardCharsets.ISO_8859_1);
          check(bytes, () -> SipParser.DEFAULT.parse(text), where + " as text");
          cases++;
        }
      }
    }
    assertThat(cases).isGreaterThan(2000);
    assertThat(refused).as("inputs refused").isGreaterThan(500);
  }

  interface Parse {
    SipMessage run() throws SipParseException;
  }

  /** True when the input was accepted. */
  private static boolean check(byte[] input, Parse parse, String where) {
    try {
      SipMessage m = parse.run();
      RobustnessTest.exerciseEveryView(m);
      assertThat(isValidUtf16(m.encode())).as("accepted %s encodes to valid UTF-8", where).isTrue();
      return true;
    } catch (SipParseException e) {
      assertSafeReason(e.reason(), where);
      String text = new String(input, StandardCharsets.UTF_8);
      SipResponse answer = SipParser.badRequest(text, e);
      if (answer != null) {
        assertSafeReason(answer.reasonPhrase(), where + " (400)");
        assertThat(isValidUtf16(answer.encode())).as("400 for %s is valid UTF-8", where).isTrue();
      }
      return false;
    } catch (RuntimeException e) {
      fail("unchecked " + e + " for " + where, e);
      return false;
    }
  }

  private static String context(String message, int at) {
    return message.substring(Math.max(0, at - 12), at).replace("\r\n", "|") + "^";
  }
}
