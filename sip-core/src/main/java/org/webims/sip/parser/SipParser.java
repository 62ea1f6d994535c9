package org.webims.sip.parser;

import org.webims.sip.syntax.Utf8;
import java.util.ArrayList;
import java.util.List;
import org.webims.sip.ParseProblem;
import org.webims.sip.SipParseException;
import org.webims.sip.message.Header;
import org.webims.sip.message.HeaderNames;
import org.webims.sip.message.SipMessage;
import org.webims.sip.message.SipRequest;
import org.webims.sip.message.SipResponse;
import org.webims.sip.syntax.SipChars;
import org.webims.sip.uri.Uri;

/**
 * Parses whole SIP messages (RFC 3261 §7): one per WebSocket text message (RFC 7118 §5.1) or per
 * UDP datagram (§18.3). For TCP streams see {@link StreamFramer}. The head is checked strictly
 * (start line, header line syntax, Content-Length); header values are parsed later, on demand.
 * The start line is {@link StartLine}'s; the lenient second reading of a message that failed is
 * {@link UnparsedMessage}'s. Thread-safe: it holds only its limits.
 */
public final class SipParser {

  public static final SipParser DEFAULT = new SipParser(ParseLimits.DEFAULT);

  private final ParseLimits limits;

  public SipParser(ParseLimits limits) {
    this.limits = limits;
  }

  public ParseLimits limits() {
    return limits;
  }

  /**
   * Parses one message from text. As for a datagram, the body runs to the end unless
   * Content-Length says less, and a Content-Length beyond the end is an error.
   */
  public SipMessage parse(String text) throws SipParseException {
    if (text.length() > limits.maxMessageBytes()) {
      throw tooLarge();
    }
    Head head = new Head();
    int bodyStart = parseHead(text, 0, text.length(), head);
    byte[] body = bodyStart >= text.length() ? noBody()
        : Utf8.encode(text.substring(bodyStart));
    if (bodyStart + body.length > limits.maxMessageBytes()) {
      throw tooLarge();
    }
    return head.toMessage(datagramBody(body, 0, body.length, head.contentLength));
  }

  /** Parses one UDP datagram (RFC 3261 §18.3). */
  public SipMessage parse(byte[] data, int offset, int length) throws SipParseException {
    if (length > limits.maxMessageBytes()) {
      throw tooLarge();
    }
    int headEnd = findHeadEnd(data, offset, offset + length);
    if (headEnd < 0) {
      throw new SipParseException(ParseProblem.INCOMPLETE, "Incomplete message: no empty line after headers");
    }
    String headText = Utf8.decode(data, offset, headEnd - offset);
    Head head = new Head();
    parseHead(headText, 0, headText.length(), head);
    return head.toMessage(datagramBody(data, headEnd, offset + length - headEnd, head.contentLength));
  }

  private static byte[] datagramBody(byte[] data, int from, int available, int contentLength)
      throws SipParseException {
    int n = available;
    if (contentLength >= 0) {
      if (contentLength > available) {
        throw new SipParseException(ParseProblem.CONTENT_LENGTH_EXCEEDS_MESSAGE,
            "Bad Content-Length: larger than the message");
      }
      // Bytes after the body are discarded (RFC 3261 §18.3).
      n = contentLength;
    }
    if (n == 0) {
      return noBody();
    }
    if (from == 0 && n == data.length) {
      return data;
    }
    byte[] body = new byte[n];
    System.arraycopy(data, from, body, 0, n);
    return body;
  }

  /**
   * A {@code 400} for a request that failed to parse, when one can be addressed (RFC 3261 §21.4.1,
   * §8.2.6): the raw Via, From, To, Call-ID and CSeq lines are copied as they came and the reason is
   * the parser's. Null for a response, or when the message lacks any of those lines.
   */
  public static SipResponse badRequest(String text, SipParseException problem) {
    return UnparsedMessage.badRequest(text, problem);
  }

  /**
   * What stands in for a response that arrived but cannot be used (too large, malformed; issue 12):
   * {@code status} and {@code reason} with the raw Via, From, To, Call-ID and CSeq lines as they came,
   * so that it ends the client transaction the response belonged to, and no other. Null for a
   * request, or when the response lacks any of those lines.
   */
  public static SipResponse standIn(String text, int status, String reason) {
    return UnparsedMessage.standIn(text, status, reason);
  }

  private static byte[] noBody() {
    return new byte[0];
  }

  /** Index just past the empty line (CRLF CRLF, or LF LF) that ends the head, or -1. */
  static int findHeadEnd(byte[] data, int from, int to) {
    for (int i = from; i < to; i++) {
      if (data[i] == '\n') {
        if (i + 1 < to && data[i + 1] == '\n') {
          return i + 2;
        }
        if (i + 2 < to && data[i + 1] == '\r' && data[i + 2] == '\n') {
          return i + 3;
        }
      }
    }
    return -1;
  }

  /**
   * Parses start line and header lines of {@code text[from, to)} into {@code head}; returns the
   * index where the body starts (after the empty line), or {@code to} when the head ends there.
   */
  int parseHead(String text, int from, int to, Head head) throws SipParseException {
    int pos = from;
    // RFC 3261 §7.5: CRLFs before the start line are ignored.
    while (pos < to && (text.charAt(pos) == '\r' || text.charAt(pos) == '\n')) {
      pos++;
    }
    int lineEnd = lineEnd(text, pos, to);
    if (lineEnd < 0) {
      throw new SipParseException(ParseProblem.INCOMPLETE, "Incomplete message: no end of start line");
    }
    StartLine.parse(text, pos, contentEnd(text, pos, lineEnd), limits.maxLineLength(), head);
    pos = lineEnd + 1;
    List<Header> headers = new ArrayList<>(20);
    head.headers = headers;
    String name = null;
    StringBuilder value = null;
    int valueStart = 0;
    int valueEnd = 0;
    while (true) {
      lineEnd = lineEnd(text, pos, to);
      if (lineEnd < 0) {
        throw new SipParseException(ParseProblem.INCOMPLETE, "Incomplete message: no empty line after headers");
      }
      int end = contentEnd(text, pos, lineEnd);
      if (end - pos > limits.maxLineLength()) {
        throw new SipParseException(ParseProblem.TOO_LARGE, "Header line too long");
      }
      if (end > pos && SipChars.isWhitespace(text.charAt(pos))) {
        // A folded continuation (RFC 3261 §7.3.1): joined to the previous value with one SP.
        if (name == null) {
          throw new SipParseException(ParseProblem.BAD_HEADER, "Bad header: continuation without header");
        }
        if (value == null) {
          value = new StringBuilder(128).append(text, valueStart, valueEnd);
        }
        String more = SipChars.trim(text.substring(pos, end));
        checkValueChars(more, name);
        if (!more.isEmpty()) {
          value.append(value.length() == 0 ? "" : " ").append(more);
        }
        pos = lineEnd + 1;
        continue;
      }
      if (name != null) {
        addHeader(headers, name, value != null ? value.toString() : text.substring(valueStart, valueEnd), head);
        name = null;
        value = null;
      }
      if (end == pos) {
        pos = lineEnd + 1;
        break;
      }
      if (headers.size() >= limits.maxHeaderCount()) {
        throw new SipParseException(ParseProblem.TOO_LARGE, "Too many header fields");
      }
      int colon = text.indexOf(':', pos);
      if (colon < 0 || colon >= end) {
        throw new SipParseException(ParseProblem.BAD_HEADER, "Bad header: no colon");
      }
      int nameEnd = colon;
      while (nameEnd > pos && SipChars.isWhitespace(text.charAt(nameEnd - 1))) {
        nameEnd--;
      }
      for (int i = pos; i < nameEnd; i++) {
        if (!SipChars.isToken(text.charAt(i))) {
          throw new SipParseException(ParseProblem.BAD_HEADER, "Bad header: invalid name");
        }
      }
      if (nameEnd == pos) {
        throw new SipParseException(ParseProblem.BAD_HEADER, "Bad header: empty name");
      }
      name = HeaderNames.canonical(text, pos, nameEnd);
      valueStart = colon + 1;
      while (valueStart < end && SipChars.isWhitespace(text.charAt(valueStart))) {
        valueStart++;
      }
      valueEnd = end;
      while (valueEnd > valueStart && SipChars.isWhitespace(text.charAt(valueEnd - 1))) {
        valueEnd--;
      }
      checkValueChars(text, valueStart, valueEnd, name);
      pos = lineEnd + 1;
    }
    return pos;
  }

  private static void checkValueChars(String s, String name) throws SipParseException {
    checkValueChars(s, 0, s.length(), name);
  }

  /**
   * Header values hold no control characters but HTAB, except escaped in a quoted-pair, which
   * allows %x00-09 / %x0B-0C / %x0E-7F (RFC 3261 §25.1; RFC 4475 §3.1.1.2).
   */
  private static void checkValueChars(String s, int from, int to, String name) throws SipParseException {
    for (int i = from; i < to; i++) {
      char c = s.charAt(i);
      if ((c < ' ' && c != '\t' || c == 127) && (i == from || s.charAt(i - 1) != '\\')) {
        throw new SipParseException(ParseProblem.BAD_HEADER, "Bad " + name + ": control character");
      }
    }
  }

  private void addHeader(List<Header> headers, String name, String value, Head head) throws SipParseException {
    if (name.equals(HeaderNames.CONTENT_LENGTH)) {
      int length;
      try {
        length = (int) SipChars.parseDecimal(value, limits.maxMessageBytes(), "Content-Length");
      } catch (SipParseException e) {
        if (e.problem() == ParseProblem.SCALAR_OVERFLOW) {
          throw tooLarge();
        }
        throw new SipParseException(ParseProblem.BAD_CONTENT_LENGTH, "Bad Content-Length: not a number");
      }
      if (head.contentLength >= 0 && head.contentLength != length) {
        // Two lengths make the framing ambiguous (RFC 4475 §3.3.9).
        throw new SipParseException(ParseProblem.BAD_CONTENT_LENGTH, "Bad Content-Length: conflicting values");
      }
      head.contentLength = length;
    }
    headers.add(new Header(name, value));
  }

  /** Index of the LF that ends the line starting at {@code pos}, or -1. */
  private static int lineEnd(String text, int pos, int to) {
    int nl = text.indexOf('\n', pos);
    return nl < 0 || nl >= to ? -1 : nl;
  }

  /** End of the line's content: before CR LF or a bare LF. */
  static int contentEnd(String text, int pos, int lineEnd) {
    return lineEnd > pos && text.charAt(lineEnd - 1) == '\r' ? lineEnd - 1 : lineEnd;
  }

  private SipParseException tooLarge() {
    return new SipParseException(ParseProblem.TOO_LARGE, "Message Too Large");
  }

  /** The parsed head of a message before its body is attached. */
  static final class Head {
    boolean request;
    String method;
    Uri uri;
    int status;
    String reason;
    List<Header> headers;
    int contentLength = -1;

    SipMessage toMessage(byte[] body) {
      return request ? SipRequest.of(method, uri, headers, body) : SipResponse.of(status, reason, headers, body);
    }
  }
}
