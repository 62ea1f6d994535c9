package org.webims.sip.parser;

import org.webims.sip.SipParseException;
import org.webims.sip.message.HeaderNames;
import org.webims.sip.message.SipResponse;
import org.webims.sip.syntax.SipChars;

/**
 * The second reading of a message that failed to parse (issue 12): lenient, line by line, only for
 * what still lets an element answer it or stay in step: the lines that address a response (Via,
 * From, To, Call-ID, CSeq), and the Content-Length that bounds it on a stream. Kept apart from
 * {@link SipParser}, whose one job is the strict parse.
 */
final class UnparsedMessage {

  private UnparsedMessage() {
  }

  /**
   * A {@code 400} for a request that failed to parse, when one can be addressed (RFC 3261 §21.4.1,
   * §8.2.6): the raw Via, From, To, Call-ID and CSeq lines are copied as they came and the reason is
   * the parser's. Null for a response, or when the message lacks any of those lines.
   */
  static SipResponse badRequest(String text, SipParseException problem) {
    return isResponse(text) ? null : addressed(text, problem.statusCode(), problem.reason());
  }

  /**
   * What stands in for a response that arrived but cannot be used (too large, malformed; issue 12):
   * {@code status} and {@code reason} with the raw Via, From, To, Call-ID and CSeq lines as they came,
   * so that it ends the client transaction the response belonged to, and no other. Null for a
   * request, or when the response lacks any of those lines.
   */
  static SipResponse standIn(String text, int status, String reason) {
    return isResponse(text) ? addressed(text, status, reason) : null;
  }

  private static boolean isResponse(String text) {
    return text.startsWith("SIP/", startLineIndex(text));
  }

  /** Where the start line begins: after the CRLFs RFC 3261 §7.5 allows before it. */
  private static int startLineIndex(String text) {
    int pos = 0;
    while (pos < text.length() && (text.charAt(pos) == '\r' || text.charAt(pos) == '\n')) {
      pos++;
    }
    return pos;
  }

  /** {@code status} addressed by the raw Via, From, To, Call-ID and CSeq lines of {@code text}, or null. */
  private static SipResponse addressed(String text, int status, String reason) {
    int pos = startLineIndex(text);
    SipResponse.Builder response = SipResponse.builder(status, reason);
    String[] needed = {HeaderNames.VIA, HeaderNames.FROM, HeaderNames.TO, HeaderNames.CALL_ID, HeaderNames.CSEQ};
    boolean[] seen = new boolean[needed.length];
    int nl = text.indexOf('\n', pos);
    while (nl >= 0 && nl + 1 < text.length()) {
      int start = nl + 1;
      nl = text.indexOf('\n', start);
      int end = SipParser.contentEnd(text, start, nl < 0 ? text.length() : nl);
      if (end == start) {
        break;
      }
      int colon = text.indexOf(':', start);
      if (colon < 0 || colon >= end) {
        continue;
      }
      String name = HeaderNames.canonical(SipChars.trim(text.substring(start, colon)));
      for (int i = 0; i < needed.length; i++) {
        if (needed[i].equals(name)) {
          String value = SipChars.trim(text.substring(colon + 1, end));
          boolean printable = true;
          for (int k = 0; k < value.length(); k++) {
            char c = value.charAt(k);
            printable &= c >= ' ' && c != 127 || c == '\t';
          }
          if (printable && !value.isEmpty()) {
            response.header(name, value);
            seen[i] = true;
          }
        }
      }
    }
    for (boolean s : seen) {
      if (!s) {
        return null;
      }
    }
    return response.build();
  }

  /**
   * The Content-Length of a head that failed to parse, read leniently so that a stream can skip the
   * message and stay in step (issue 12): the value of its Content-Length (or {@code l}) lines, or -1
   * when there is none, one is not a number, or two disagree; then the message has no boundary.
   */
  static long rawContentLength(String head) {
    long found = -1;
    int pos = 0;
    while (pos < head.length()) {
      int nl = head.indexOf('\n', pos);
      int lineEnd = nl < 0 ? head.length() : nl;
      int end = SipParser.contentEnd(head, pos, lineEnd);
      int colon = head.indexOf(':', pos);
      boolean continuation = pos < end && SipChars.isWhitespace(head.charAt(pos));
      if (!continuation && colon > pos && colon < end
          && HeaderNames.CONTENT_LENGTH.equals(HeaderNames.canonical(SipChars.trim(head.substring(pos, colon))))) {
        long n = digits(SipChars.trim(head.substring(colon + 1, end)));
        if (n < 0 || found >= 0 && found != n) {
          return -1;
        }
        found = n;
      }
      pos = lineEnd + 1;
    }
    return found;
  }

  /** A decimal of 1 to 12 ASCII digits, or -1. */
  private static long digits(String value) {
    if (value.isEmpty() || value.length() > 12) {
      return -1;
    }
    long n = 0;
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (!SipChars.isDigit(c)) {
        return -1;
      }
      n = n * 10 + (c - '0');
    }
    return n;
  }

}
