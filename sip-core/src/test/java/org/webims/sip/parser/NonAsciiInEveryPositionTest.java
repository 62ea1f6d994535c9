package org.webims.sip.parser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.webims.sip.testing.NonAsciiInputs.PAYLOADS;
import static org.webims.sip.testing.NonAsciiInputs.context;
import static org.webims.sip.testing.NonAsciiInputs.insert;
import static org.webims.sip.testing.NonAsciiInputs.isValidUtf16;
import static org.webims.sip.testing.NonAsciiInputs.positions;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.webims.sip.SipParseException;
import org.webims.sip.TestMessages;
import org.webims.sip.message.ReasonPhrase;
import org.webims.sip.message.SipMessage;
import org.webims.sip.message.SipResponse;
import org.webims.sip.testing.NonAsciiInputs.Payload;

/**
 * Issue 12 point 8: non-ASCII and control input in every position of a REGISTER (request line's method,
 * URI and version; every header name and value; every parameter of Via, From, To, Contact, CSeq,
 * Call-ID and Authorization) and of a 401 (its reason phrase too). The parser, the validator and every
 * typed view raise only {@link SipParseException}; its reason, and the 400 built from it, are valid
 * UTF-8 on one line; what parses from bytes encodes to valid UTF-8.
 */
class NonAsciiInEveryPositionTest {

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
          refused += check(bytes, () -> SipParser.DEFAULT.parse(bytes, 0, bytes.length), where, true) ? 0 : 1;
          String text = p.text() != null
              ? message.substring(0, at) + p.text() + message.substring(at)
              : new String(bytes, StandardCharsets.ISO_8859_1);
          check(bytes, () -> SipParser.DEFAULT.parse(text), where + " as text", false);
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

  /**
   * True when the input was accepted. What arrives as bytes (the wire) and is accepted encodes to valid
   * UTF-8; a String with a lone surrogate can come only from Java code (the WebSocket container decodes
   * strictly), so its acceptance is not checked further.
   */
  private static boolean check(byte[] input, Parse parse, String where, boolean fromBytes) {
    try {
      SipMessage m = parse.run();
      RobustnessTest.exerciseEveryView(m);
      assertThat(!fromBytes || isValidUtf16(m.encode())).as("accepted %s encodes to valid UTF-8", where).isTrue();
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
}
