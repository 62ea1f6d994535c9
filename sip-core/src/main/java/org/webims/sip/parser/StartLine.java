package org.webims.sip.parser;

import org.webims.sip.ParseProblem;
import org.webims.sip.SipParseException;
import org.webims.sip.syntax.SipChars;
import org.webims.sip.uri.SipUri;
import org.webims.sip.uri.Uri;

/** RFC 3261 §7.1 and §7.2: the Request-Line or Status-Line of a message, checked strictly. */
final class StartLine {

  private StartLine() {
  }

  /** The request or status line in {@code text[from, to)}, at most {@code maxLength} long, into {@code head}. */
  static void parse(String text, int from, int to, int maxLength, SipParser.Head head) throws SipParseException {
    if (to - from > maxLength) {
      throw new SipParseException(ParseProblem.TOO_LARGE, "Start line too long");
    }
    if (text.startsWith("SIP/", from)) {
      parseStatusLine(text, from, to, head);
      return;
    }
    int sp1 = text.indexOf(' ', from);
    int sp2 = text.lastIndexOf(' ', to - 1);
    if (sp1 < 0 || sp1 >= to || sp2 <= sp1) {
      throw badStartLine("not Method SP Request-URI SP SIP-Version");
    }
    for (int i = from; i < sp1; i++) {
      if (!SipChars.isToken(text.charAt(i))) {
        throw badStartLine("invalid method");
      }
    }
    if (sp1 == from) {
      throw badStartLine("empty method");
    }
    checkVersion(text, sp2 + 1, to);
    String uriText = text.substring(sp1 + 1, sp2);
    if (uriText.isEmpty() || uriText.charAt(0) == ' ' || uriText.charAt(uriText.length() - 1) == ' ') {
      throw badStartLine("more than one SP between elements");
    }
    for (int i = 0; i < uriText.length(); i++) {
      char c = uriText.charAt(i);
      if (c <= ' ') {
        throw badStartLine("whitespace in Request-URI");
      }
      if (c == '<' || c == '>') {
        throw badStartLine("Request-URI must not be enclosed in <>");
      }
    }
    Uri uri = Uri.parse(uriText);
    if (uri instanceof SipUri && ((SipUri) uri).headers() != null) {
      // RFC 3261 §19.1.1: headers are not allowed in a Request-URI.
      throw new SipParseException(ParseProblem.BAD_URI, "Bad Request-URI: headers not allowed");
    }
    head.request = true;
    head.method = text.substring(from, sp1);
    head.uri = uri;
  }

  private static void parseStatusLine(String text, int from, int to, SipParser.Head head) throws SipParseException {
    int sp1 = text.indexOf(' ', from);
    if (sp1 < 0 || sp1 >= to) {
      throw badStartLine("not SIP-Version SP Status-Code SP Reason-Phrase");
    }
    checkVersion(text, from, sp1);
    int codeEnd = sp1 + 1;
    while (codeEnd < to && SipChars.isDigit(text.charAt(codeEnd))) {
      codeEnd++;
    }
    if (codeEnd - sp1 - 1 != 3) {
      throw new SipParseException(codeEnd - sp1 - 1 > 3 ? ParseProblem.SCALAR_OVERFLOW : ParseProblem.BAD_START_LINE,
          "Bad status line: status code is not three digits");
    }
    if (codeEnd < to && text.charAt(codeEnd) != ' ') {
      throw badStartLine("status code is not three digits");
    }
    int code = (int) SipChars.parseDecimal(text, sp1 + 1, codeEnd, 999, "status code");
    if (code < 100 || code > 699) {
      throw badStartLine("status code out of range");
    }
    String reason = codeEnd + 1 < to ? text.substring(codeEnd + 1, to) : "";
    for (int i = 0; i < reason.length(); i++) {
      char c = reason.charAt(i);
      if (c < ' ' && c != '\t') {
        throw badStartLine("control character in reason phrase");
      }
    }
    head.request = false;
    head.status = code;
    head.reason = reason;
  }

  /** RFC 3261 §7.1: SIP-Version = "SIP" "/" 1*DIGIT "." 1*DIGIT; only 2.0 is supported. */
  private static void checkVersion(String text, int from, int to) throws SipParseException {
    if (to - from == 7 && SipChars.startsWithIgnoreCase(text, from, "SIP/2.0")) {
      return;
    }
    boolean shaped = to - from >= 7 && SipChars.startsWithIgnoreCase(text, from, "SIP/");
    int dot = shaped ? text.indexOf('.', from + 4) : -1;
    if (dot > from + 4 && dot < to - 1) {
      for (int i = from + 4; i < to; i++) {
        if (i != dot && !SipChars.isDigit(text.charAt(i))) {
          shaped = false;
        }
      }
    } else {
      shaped = false;
    }
    if (shaped) {
      throw new SipParseException(ParseProblem.UNSUPPORTED_VERSION, "Version Not Supported");
    }
    throw badStartLine("bad SIP-Version");
  }

  private static SipParseException badStartLine(String detail) {
    return new SipParseException(ParseProblem.BAD_START_LINE, "Bad start line: " + detail);
  }
}
