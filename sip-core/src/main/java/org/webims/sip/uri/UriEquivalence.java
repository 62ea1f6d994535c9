package org.webims.sip.uri;

import java.util.ArrayList;
import java.util.List;
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
  private static final String NEVER_ONE_SIDED = ";user;ttl;method;maddr;transport;";

  private UriEquivalence() {
  }

  /** The userinfo compared case-sensitively, escapes resolved; null stays null. */
  static String userinfo(String value) {
    return value == null ? null : unescape(value);
  }

  /** A case-insensitive component, escapes resolved and ASCII lower-cased. */
  static String folded(String value) {
    return SipChars.toLowerAscii(unescape(value));
  }

  static boolean sameParameters(Parameters a, Parameters b) {
    return covers(a, b) && covers(b, a);
  }

  /** Every parameter of {@code a} matches in {@code b}, or is one that may be on one side only. */
  private static boolean covers(Parameters a, Parameters b) {
    for (int i = 0; i < a.size(); i++) {
      String name = a.name(i);
      if (!b.has(name)) {
        if (NEVER_ONE_SIDED.indexOf(";" + SipChars.toLowerAscii(name) + ";") >= 0) {
          return false;
        }
        continue;
      }
      String mine = a.value(i);
      String theirs = b.get(name);
      if (mine == null || theirs == null ? mine != theirs : !folded(mine).equals(folded(theirs))) {
        return false;
      }
    }
    return true;
  }

  /** The {@code hname=hvalue&...} parts, compared as sets, names and values case-insensitive. */
  static boolean sameHeaders(String a, String b) {
    if (a == null || b == null) {
      return a == b;
    }
    List<String> left = headerList(a);
    List<String> right = headerList(b);
    if (left.size() != right.size()) {
      return false;
    }
    for (String h : left) {
      if (!right.remove(h)) {
        return false;
      }
    }
    return true;
  }

  private static List<String> headerList(String headers) {
    List<String> list = new ArrayList<>();
    int start = 0;
    while (start <= headers.length()) {
      int end = headers.indexOf('&', start);
      end = end < 0 ? headers.length() : end;
      list.add(folded(headers.substring(start, end))); // an escaped '=' or '&' stays escaped
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
      if (c == '%' && i + 2 < s.length()) {
        char hi = upper(s.charAt(i + 1));
        char lo = upper(s.charAt(i + 2));
        char decoded = (char) (hex(hi) * 16 + hex(lo));
        if (decoded > ' ' && decoded < 0x7f && decoded != '%' && RESERVED.indexOf(decoded) < 0) {
          sb.append(decoded);
        } else {
          sb.append('%').append(hi).append(lo);
        }
        i += 2;
      } else {
        sb.append(c);
      }
    }
    return sb.toString();
  }

  private static char upper(char c) {
    return c >= 'a' && c <= 'z' ? (char) (c - 32) : c;
  }

  /** The value of an upper-case hex digit; the parser has checked that it is one. */
  private static int hex(char c) {
    return c <= '9' ? c - '0' : c - 'A' + 10;
  }
}
