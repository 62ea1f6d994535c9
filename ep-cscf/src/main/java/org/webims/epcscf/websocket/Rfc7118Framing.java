package org.webims.epcscf.websocket;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import org.webims.sip.ParseProblem;
import org.webims.sip.SipParseException;
import org.webims.sip.message.HeaderNames;
import org.webims.sip.message.SipMessage;
import org.webims.sip.message.SipRequest;
import org.webims.sip.message.SipResponse;
import org.webims.sip.parser.SipParser;
import org.webims.sip.syntax.Utf8;

/**
 * RFC 7118 §5.1 framing: each WebSocket message carries exactly one SIP message. Decodes one
 * message and checks it ({@code validate()}), or says what to answer: a CRLF keep-alive gets a
 * CRLF (RFC 5626 §4.4.1), a malformed request gets 400 (or 505/513) with the parser's reason, a
 * request with too many header fields gets 513, a malformed response is dropped. Stateless and
 * thread-safe.
 */
public final class Rfc7118Framing {

  private final SipParser parser;
  private final int maxHeaderFields;

  /**
   * @param maxHeaderFields a request with more header fields (each Via value counted) gets 513: it would
   *     come back from the core with more still (issue 12)
   */
  public Rfc7118Framing(SipParser parser, int maxHeaderFields) {
    this.parser = parser;
    this.maxHeaderFields = maxHeaderFields;
  }

  /** What one WebSocket message turned out to be. */
  public sealed interface Decoded permits Message, KeepAlive, Reject, Drop {
  }

  /** A well-formed SIP message for the layer above. */
  public record Message(SipMessage message) implements Decoded {
  }

  /** Only CR and LF: a keep-alive ping, answered with {@link #PONG}. */
  public record KeepAlive() implements Decoded {
  }

  /** A malformed request; {@code answer} goes back on the same connection, which stays open. */
  public record Reject(SipResponse answer, String reason) implements Decoded {
  }

  /** Nothing can be answered (a malformed response). */
  public record Drop(String reason) implements Decoded {
  }

  public static final String PONG = "\r\n";

  public Decoded decode(String text) {
    if (isKeepAlive(text)) {
      return new KeepAlive();
    }
    SipMessage message;
    try {
      message = parser.parse(text);
    } catch (SipParseException e) {
      return refuse(text, e);
    }
    try {
      message.validate();
      if (message instanceof SipRequest request && headerFields(request) > maxHeaderFields) {
        String reason = "Message Too Large: more than " + maxHeaderFields + " header fields";
        return new Reject(SipResponse.to(request, 513, reason).build(), reason); // RFC 3261 §21.5.14
      }
    } catch (SipParseException e) {
      if (!message.isRequest()) {
        return new Drop(e.reason());
      }
      return new Reject(SipResponse.to((SipRequest) message, e.statusCode(), e.reason()).build(), e.reason());
    }
    return new Message(message);
  }

  /** Header fields as RFC 3261 §7.3.1 counts them: a Via line with three values is three. */
  private static int headerFields(SipRequest request) throws SipParseException {
    return request.headers().size() - request.headerLines(HeaderNames.VIA).size() + request.vias().size();
  }

  /**
   * A binary message (RFC 7118 §5.1): as text when it is UTF-8; else a request gets 400 "not UTF-8"
   * with its own Via, From, To, Call-ID and CSeq lines where those are readable, and the flow stays
   * open. (Invalid UTF-8 in a text message never gets here: RFC 6455 §8.1 has the container fail
   * the connection with 1007.)
   */
  public Decoded decode(byte[] data) {
    try {
      return decode(StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(data)).toString());
    } catch (CharacterCodingException e) {
      return refuse(Utf8.decode(data), new SipParseException(ParseProblem.BAD_HEADER, "Bad request: not UTF-8"));
    }
  }

  private static Decoded refuse(String text, SipParseException e) {
    SipResponse answer = SipParser.badRequest(text, e);
    if (answer == null && looksLikeResponse(text)) {
      return new Drop(e.reason());
    }
    // The head lacks a Via, From, To, Call-ID or CSeq: answer what can be answered.
    return new Reject(answer != null ? answer : SipResponse.builder(e.statusCode(), e.reason()).build(), e.reason());
  }

  private static boolean isKeepAlive(String text) {
    if (text.isEmpty()) {
      return false;
    }
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c != '\r' && c != '\n') {
        return false;
      }
    }
    return true;
  }

  private static boolean looksLikeResponse(String text) {
    int i = 0;
    while (i < text.length() && (text.charAt(i) == '\r' || text.charAt(i) == '\n')) {
      i++;
    }
    return text.startsWith("SIP/", i);
  }
}
