package org.webims.sip.testing;

import java.io.ByteArrayOutputStream;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Issue 12 point 8's fuzz input, shared by the parser's test and the eP-CSCF's: inputs that break naive
 * code (a 4-byte code point, lone surrogates, bad UTF-8, Latin-1, NUL, a bare CR), and every position of
 * a message's head worth putting one in.
 */
public final class NonAsciiInputs {

  private NonAsciiInputs() {
  }

  /**
   * One bad input: its bytes on the wire, and its form as a Java string when it has one (a lone
   * surrogate has no UTF-8 form: on the wire it is its CESU-8 bytes, itself invalid UTF-8).
   */
  public record Payload(String name, byte[] bytes, String text) {
    static Payload text(String name, String text) {
      return new Payload(name, text.getBytes(StandardCharsets.UTF_8), text);
    }

    static Payload surrogate(String name, char c) {
      return new Payload(name, new byte[] {(byte) (0xE0 | c >> 12), (byte) (0x80 | c >> 6 & 0x3F),
          (byte) (0x80 | c & 0x3F)}, String.valueOf(c));
    }

    static Payload bytes(String name, int... values) {
      byte[] b = new byte[values.length];
      for (int i = 0; i < values.length; i++) {
        b[i] = (byte) values[i];
      }
      return new Payload(name, b, null);
    }

    /** True when the bytes are valid UTF-8 (so they can go in a WebSocket text frame). */
    public boolean isUtf8() {
      return text != null && isValidUtf16(text);
    }
  }

  public static final List<Payload> PAYLOADS = List.of(
      Payload.text("emoji", "\uD83D\uDE00"),
      Payload.surrogate("lone high surrogate", '\uD83D'),
      Payload.surrogate("lone low surrogate", '\uDE00'),
      Payload.bytes("invalid byte", 0xFF),
      Payload.bytes("truncated sequence", 0xF0, 0x9F, 0x98),
      Payload.bytes("overlong slash", 0xC0, 0xAF),
      Payload.bytes("Latin-1 e-acute", 0xE9),
      Payload.text("NUL", "\u0000"),
      Payload.text("CR without LF", "\r"));

  /**
   * Every place worth a payload in the head of {@code message}: each line's start and end (so the
   * method, a header name, the end of a value or of the reason phrase) and after each separator of the
   * grammar (so the URI, the version, each value and each parameter's name and value).
   */
  public static List<Integer> positions(String message) {
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

  /** {@code message} (UTF-8) with {@code payload} inserted before char {@code at}. */
  public static byte[] insert(String message, int at, byte[] payload) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(message.substring(0, at).getBytes(StandardCharsets.UTF_8));
    out.writeBytes(payload);
    out.writeBytes(message.substring(at).getBytes(StandardCharsets.UTF_8));
    return out.toByteArray();
  }

  /** A short view of where {@code at} is, for assertion messages. */
  public static String context(String message, int at) {
    return message.substring(Math.max(0, at - 12), at).replace("\r\n", "|") + "^";
  }

  /** True when {@code s} encodes to UTF-8 as it is (no lone surrogate). */
  public static boolean isValidUtf16(String s) {
    try {
      StandardCharsets.UTF_8.newEncoder().onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT).encode(CharBuffer.wrap(s));
      return true;
    } catch (CharacterCodingException e) {
      return false;
    }
  }
}
