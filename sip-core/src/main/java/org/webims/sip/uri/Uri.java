package org.webims.sip.uri;

import org.webims.sip.ParseProblem;
import org.webims.sip.SipParseException;
import org.webims.sip.syntax.SipChars;

/** A URI as SIP carries it: SIP or SIPS (RFC 3261 §19.1), TEL (RFC 3966), or any other absolute URI. */
public interface Uri {

  /** Lower-case scheme, for example {@code "sip"}. */
  String scheme();

  /** The URI as written on the wire. */
  @Override
  String toString();

  /** Parses any absolute URI, choosing the typed class by scheme. */
  static Uri parse(String text) throws SipParseException {
    int colon = text.indexOf(':');
    if (colon <= 0) {
      throw new SipParseException(ParseProblem.BAD_URI, "Bad URI: no scheme");
    }
    if (colon == 3 && SipChars.startsWithIgnoreCase(text, 0, "sip")
        || colon == 4 && SipChars.startsWithIgnoreCase(text, 0, "sips")) {
      return SipUri.parse(text);
    }
    if (colon == 3 && SipChars.startsWithIgnoreCase(text, 0, "tel")) {
      return TelUri.parse(text);
    }
    return AbsoluteUri.parse(text);
  }

  /** Checks the RFC 3986 scheme grammar: ALPHA *( ALPHA / DIGIT / "+" / "-" / "." ). */
  static void checkScheme(String text, int colon) throws SipParseException {
    for (int i = 0; i < colon; i++) {
      char c = text.charAt(i);
      boolean ok = SipChars.isAlpha(c) || i > 0 && (SipChars.isDigit(c) || c == '+' || c == '-' || c == '.');
      if (!ok) {
        throw new SipParseException(ParseProblem.BAD_URI, "Bad URI: invalid scheme");
      }
    }
  }
}
