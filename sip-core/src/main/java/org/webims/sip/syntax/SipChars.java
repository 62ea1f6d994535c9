package org.webims.sip.syntax;

import java.util.ArrayList;
import java.util.List;

import org.webims.sip.ParseProblem;
import org.webims.sip.SipParseException;

/** Character classes of the RFC 3261 §25.1 grammar, as lookup tables (no regex: TeaVM-friendly). */
public final class SipChars {

  private static final boolean[] TOKEN = new boolean[128];
  private static final boolean[] UNRESERVED = new boolean[128];

  static {
    for (char c = 'a'; c <= 'z'; c++) {
      TOKEN[c] = true;
      UNRESERVED[c] = true;
    }
    for (char c = 'A'; c <= 'Z'; c++) {
      TOKEN[c] = true;
      UNRESERVED[c] = true;
    }
    for (char c = '0'; c <= '9'; c++) {
      TOKEN[c] = true;
      UNRESERVED[c] = true;
    }
    mark(TOKEN, "-.!%*_+`'~");
    mark(UNRESERVED, "-_.!~*'()");
  }

  private SipChars() {
  }

  private static void mark(boolean[] table, String chars) {
    for (int i = 0; i < chars.length(); i++) {
      table[chars.charAt(i)] = true;
    }
  }

  public static boolean isToken(char c) {
    return c < 128 && TOKEN[c];
  }

  /** RFC 3261 unreserved = alphanum / mark. */
  public static boolean isUnreserved(char c) {
    return c < 128 && UNRESERVED[c];
  }

  public static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  public static boolean isHexDigit(char c) {
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
  }

  public static boolean isAlpha(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
  }

  public static boolean isWhitespace(char c) {
    return c == ' ' || c == '\t';
  }

  /** True when the whole string is a non-empty RFC 3261 token. */
  public static boolean isToken(String s) {
    if (s == null || s.isEmpty()) {
      return false;
    }
    for (int i = 0; i < s.length(); i++) {
      if (!isToken(s.charAt(i))) {
        return false;
      }
    }
    return true;
  }

  /** Trims SP and HTAB at both ends. */
  public static String trim(String s) {
    int start = 0;
    int end = s.length();
    while (start < end && isWhitespace(s.charAt(start))) {
      start++;
    }
    while (end > start && isWhitespace(s.charAt(end - 1))) {
      end--;
    }
    return start == 0 && end == s.length() ? s : s.substring(start, end);
  }

  /**
   * Parses a non-negative decimal number of at most {@code max}; digits only, no sign, no spaces.
   * Overflow is detected digit by digit, so a 40-digit CSeq cannot wrap around.
   */
  public static long parseDecimal(String s, long max, String field) throws SipParseException {
    return parseDecimal(s, 0, s.length(), max, field);
  }

  public static long parseDecimal(String s, int from, int to, long max, String field)
      throws SipParseException {
    if (from >= to) {
      throw new SipParseException(ParseProblem.BAD_HEADER, "Bad " + field + ": not a number");
    }
    long value = 0;
    for (int i = from; i < to; i++) {
      char c = s.charAt(i);
      if (!isDigit(c)) {
        throw new SipParseException(ParseProblem.BAD_HEADER, "Bad " + field + ": not a number");
      }
      value = value * 10 + (c - '0');
      if (value > max) {
        throw new SipParseException(ParseProblem.SCALAR_OVERFLOW, "Bad " + field + ": value too large");
      }
    }
    return value;
  }

  /**
   * {@code value} in decimal, exactly as {@link Long#toString(long)} writes it, through {@code int}s: every long
   * sip-core writes (CSeq, Expires) goes through here, so wic.js has no {@code StringBuilder.append(long)}, which
   * TeaVM compiles to about 0.3 kB gzip of 64-bit emulation (docs/wic.md "Size"). Beyond {@code int} (never in
   * SIP: CSeq is below 2^31) it writes the high part and nine low digits.
   */
  public static String decimal(long value) {
    if (value == (int) value) {
      return Integer.toString((int) value);
    }
    String low = Integer.toString((int) Math.abs(value % 1_000_000_000L));
    return decimal(value / 1_000_000_000L) + "000000000".substring(low.length()) + low;
  }

  /**
   * ASCII case-insensitive equality. SIP's case-insensitive tokens are ASCII, and the JDK's
   * Unicode-aware methods would pull case tables (~3 kB gzip) into the browser client.
   */
  public static boolean equalsIgnoreCase(String a, String b) {
    return a.length() == b.length() && startsWithIgnoreCase(a, 0, b);
  }

  /** True when {@code s} holds {@code prefix} at {@code offset}, ASCII case-insensitively. */
  public static boolean startsWithIgnoreCase(String s, int offset, String prefix) {
    if (offset < 0 || offset + prefix.length() > s.length()) {
      return false;
    }
    for (int i = 0; i < prefix.length(); i++) {
      char a = s.charAt(offset + i);
      char b = prefix.charAt(i);
      if (a != b && lower(a) != lower(b)) {
        return false;
      }
    }
    return true;
  }

  private static char lower(char c) {
    return c >= 'A' && c <= 'Z' ? (char) (c + 32) : c;
  }

  /**
   * The items of a comma-separated list as written (no trimming, no quoting rules): for constant tables
   * and simple parameter values. Header lists with quoted strings go through {@link Scanner#splitList}.
   */
  public static List<String> commaItems(String list) {
    List<String> items = new ArrayList<>();
    int start = 0;
    for (int i = 0; i <= list.length(); i++) {
      if (i == list.length() || list.charAt(i) == ',') {
        items.add(list.substring(start, i));
        start = i + 1;
      }
    }
    return items;
  }

  /** Lower-cases ASCII letters only; returns the same instance when nothing changes. */
  public static String toLowerAscii(String s) {
    int i = 0;
    while (i < s.length() && !(s.charAt(i) >= 'A' && s.charAt(i) <= 'Z')) {
      i++;
    }
    if (i == s.length()) {
      return s;
    }
    char[] chars = s.toCharArray();
    for (; i < chars.length; i++) {
      char c = chars[i];
      if (c >= 'A' && c <= 'Z') {
        chars[i] = (char) (c + 32);
      }
    }
    return new String(chars);
  }
}
