package org.webims.sip.header;

import java.util.ArrayList;
import java.util.List;
import org.webims.sip.ParseProblem;
import org.webims.sip.SipParseException;
import org.webims.sip.syntax.Scanner;
import org.webims.sip.syntax.SipChars;

/** Parsers for header values that are a single scalar or a list of tokens. */
public final class HeaderValues {

  private static final String WORD_EXTRA = "()<>:\\\"/[]?{}";

  private HeaderValues() {
  }

  /** Max-Forwards (RFC 3261 §20.22): 0 to 255. */
  public static int maxForwards(String value) throws SipParseException {
    return (int) SipChars.parseDecimal(SipChars.trim(value), 255, "Max-Forwards");
  }

  /** Expires and other delta-seconds (RFC 3261 §20.19): 0 to 2^32-1. */
  public static long deltaSeconds(String value, String field) throws SipParseException {
    return SipChars.parseDecimal(SipChars.trim(value), Contact.MAX_EXPIRES, field);
  }

  /** Call-ID (RFC 3261 §20.8): {@code word ["@" word]}. */
  public static String callId(String value) throws SipParseException {
    String v = SipChars.trim(value);
    int at = v.indexOf('@');
    if (v.isEmpty() || at == 0 || at == v.length() - 1 || at >= 0 && v.indexOf('@', at + 1) >= 0) {
      throw new SipParseException(ParseProblem.BAD_HEADER, "Bad Call-ID");
    }
    for (int i = 0; i < v.length(); i++) {
      char c = v.charAt(i);
      if (c != '@' && !SipChars.isToken(c) && WORD_EXTRA.indexOf(c) < 0) {
        throw new SipParseException(ParseProblem.BAD_HEADER, "Bad Call-ID: invalid character");
      }
    }
    return v;
  }

  /**
   * Option tags of Supported, Require, Proxy-Require, Unsupported (RFC 3261 §20.37 etc.). An
   * empty Supported is legal and gives an empty list.
   */
  public static List<String> optionTags(String value, String field) throws SipParseException {
    List<String> tags = new ArrayList<>(4);
    if (SipChars.trim(value).isEmpty()) {
      return tags;
    }
    List<String> parts = Scanner.splitList(value, ParseProblem.BAD_HEADER, field);
    for (int i = 0; i < parts.size(); i++) {
      String tag = parts.get(i);
      if (!SipChars.isToken(tag)) {
        throw new SipParseException(ParseProblem.BAD_HEADER, "Bad " + field + ": option tag is not a token");
      }
      tags.add(tag);
    }
    return tags;
  }

  /** Date (RFC 3261 §20.17): RFC 1123 form, and the zone must be GMT. */
  public static void checkDate(String value) throws SipParseException {
    String v = SipChars.trim(value);
    // "Sat, 13 Nov 2010 23:29:00 GMT": wkday "," SP 2DIGIT SP month SP 4DIGIT SP time SP "GMT"
    boolean ok = v.length() == 29 && v.charAt(3) == ',' && v.charAt(4) == ' ' && v.charAt(7) == ' '
        && v.charAt(11) == ' ' && v.charAt(16) == ' ' && v.charAt(19) == ':' && v.charAt(22) == ':'
        && v.charAt(25) == ' ' && v.endsWith("GMT")
        && "Mon Tue Wed Thu Fri Sat Sun".indexOf(v.substring(0, 3)) >= 0
        && "Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec".indexOf(v.substring(8, 11)) >= 0
        && digits(v, 5, 7) && digits(v, 12, 16) && digits(v, 17, 19) && digits(v, 20, 22) && digits(v, 23, 25);
    if (!ok) {
      throw new SipParseException(ParseProblem.BAD_DATE, "Bad Date: not an RFC 1123 GMT date");
    }
  }

  private static boolean digits(String s, int from, int to) {
    for (int i = from; i < to; i++) {
      if (!SipChars.isDigit(s.charAt(i))) {
        return false;
      }
    }
    return true;
  }
}
