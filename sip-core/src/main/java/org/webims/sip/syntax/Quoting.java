package org.webims.sip.syntax;

/** RFC 3261 §25.1 quoted-string: adding and removing quotes and quoted-pairs. */
public final class Quoting {

  private Quoting() {
  }

  /** {@code "a\"b"} becomes {@code a"b}; a value without quotes is returned unchanged. */
  public static String unquote(String raw) {
    if (raw == null || raw.length() < 2 || raw.charAt(0) != '"' || raw.charAt(raw.length() - 1) != '"') {
      return raw;
    }
    String inner = raw.substring(1, raw.length() - 1);
    if (inner.indexOf('\\') < 0) {
      return inner;
    }
    StringBuilder sb = new StringBuilder(inner.length());
    for (int i = 0; i < inner.length(); i++) {
      char c = inner.charAt(i);
      if (c == '\\' && i + 1 < inner.length()) {
        c = inner.charAt(++i);
      }
      sb.append(c);
    }
    return sb.toString();
  }

  /** Wraps a value in quotes, escaping {@code "} and {@code \}. */
  public static String quote(String value) {
    StringBuilder sb = new StringBuilder(value.length() + 2);
    sb.append('"');
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c == '"' || c == '\\') {
        sb.append('\\');
      }
      sb.append(c);
    }
    return sb.append('"').toString();
  }
}
