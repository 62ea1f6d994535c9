package org.webims.sip.uri;

import org.webims.sip.syntax.Parameters;
import org.webims.sip.syntax.SipChars;

/**
 * RFC 3261 §19.1.4, the comparison of two SIP or SIPS URIs, rule by rule:
 * <ul>
 *   <li>userinfo (user and password) is case-sensitive, every other component case-insensitive;</li>
 *   <li>an escape {@code %HH} equals the character it stands for, unless that character is in the
 *       RFC 2396 "reserved" set (then the escape stays an escape, with its hex digits' case ignored);</li>
 *   <li>a uri-parameter present on both sides must match; {@code user}, {@code ttl}, {@code method},
 *       {@code maddr} and (by the section's own examples and its "default value" rule)
 *       {@code transport} on one side only never match; any other parameter on one side only is
 *       ignored;</li>
 *   <li>headers are never ignored: each one must be on both sides with the same value (order of
 *       parameters and headers does not matter).</li>
 * </ul>
 */
final class UriEquivalence {

  private static final String RESERVED = ";/?:@&=+$,";
  private static final String[] NEVER_ONE_SIDED = {"user", "ttl", "method", "maddr", "transport"};
  private static final char[] HEX = "0123456789ABCDEF".toCharArray();

  private UriEquivalence() {
  }

  /** The userinfo compared case-sensitively, escapes resolved; null stays null. */
  static String userinfo(String value) {
    return value == null ? null : unescape(value);
  }

  /** A case-insensitive component, escapes resolved and ASCII lower-cased; null stays null. */
  static String folded(String value) {
    return value == null ? null : SipChars.toLowerAscii(unescape(value));
  }

  static boolean sameParameters(Parameters a, Parameters b) {
    return covers(a, b) && covers(b, a);
  }

  /** Every parameter of {@code a} matches in {@code b}, or is one that may be on one side only. */
  private static boolean covers(Parameters a, Parameters b) {
    for (int i = 0; i < a.size(); i++) {
      String name = a.name(i);
      if (!b.has(name)) {
        if (isNeverOneSided(name)) {
          return false;
        }
        continue;
      }
      String mine = a.value(i);
      String theirs = b.get(name);
      if (mine == null ? theirs != null : theirs == null || !folded(mine).equals(folded(theirs))) {
        return false;
      }
    }
    return true;
  }

  private static boolean isNeverOneSided(String name) {
    for (String n : NEVER_ONE_SIDED) {
      if (SipChars.equalsIgnoreCase(n, name)) {
        return true;
      }
    }
    return false;
  }

  /** The {@code hname=hvalue&...} parts, compared as sets, names and values case-insensitive. */
  static boolean sameHeaders(String a, String b) {
    if (a == null || b == null) {
      return a == b;
    }
    String[] x = headerList(a);
    String[] y = headerList(b);
    if (x.length != y.length) {
      return false;
    }
    boolean[] used = new boolean[y.length];
    for (String h : x) {
      boolean found = false;
      for (int j = 0; j < y.length && !found; j++) {
        if (!used[j] && h.equals(y[j])) {
          used[j] = true;
          found = true;
        }
      }
      if (!found) {
        return false;
      }
    }
    return true;
  }

  private static String[] headerList(String headers) {
    int count = 1;
    for (int i = 0; i < headers.length(); i++) {
      if (headers.charAt(i) == '&') {
        count++;
      }
    }
    String[] list = new String[count];
    int start = 0;
    for (int k = 0; k < count; k++) {
      int end = headers.indexOf('&', start);
      if (end < 0) {
        end = headers.length();
      }
      String h = headers.substring(start, end);
      int eq = h.indexOf('=');
      // the name and the value are folded apart, so an escaped '=' in a value stays in the value
      list[k] = eq < 0 ? folded(h) : folded(h.substring(0, eq)) + "=" + folded(h.substring(eq + 1));
      start = end + 1;
    }
    return list;
  }

  /** Resolves {@code %HH} escapes of unreserved ASCII; other escapes keep upper-case hex digits. */
  private static String unescape(String s) {
    if (s.indexOf('%') < 0) {
      return s;
    }
    StringBuilder sb = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '%' && i + 2 < s.length() && SipChars.isHexDigit(s.charAt(i + 1)) && SipChars.isHexDigit(s.charAt(i + 2))) {
        int value = hex(s.charAt(i + 1)) * 16 + hex(s.charAt(i + 2));
        char decoded = (char) value;
        if (value < 0x80 && value != '%' && RESERVED.indexOf(decoded) < 0 && value > 0x20) {
          sb.append(decoded);
        } else {
          sb.append('%').append(HEX[value >> 4]).append(HEX[value & 15]);
        }
        i += 2;
      } else {
        sb.append(c);
      }
    }
    return sb.toString();
  }

  private static int hex(char c) {
    if (c >= '0' && c <= '9') {
      return c - '0';
    }
    if (c >= 'a' && c <= 'f') {
      return c - 'a' + 10;
    }
    return c - 'A' + 10;
  }
}
