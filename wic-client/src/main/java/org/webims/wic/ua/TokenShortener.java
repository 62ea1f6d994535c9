package org.webims.wic.ua;

/** Keeps access tokens out of logs: each occurrence becomes its first 8 characters and an ellipsis. */
public final class TokenShortener {

  static final int KEPT = 8;

  private TokenShortener() {
  }

  /** The token as it may be shown: 8 characters and {@code …}. */
  public static String shorten(String token) {
    return (token.length() <= KEPT ? "" : token.substring(0, KEPT)) + '\u2026';
  }

  /** {@code text} with every occurrence of {@code token} shortened; no regex, so TeaVM stays small. */
  public static String redact(String text, String token) {
    if (token == null || token.isEmpty()) {
      return text;
    }
    int at = text.indexOf(token);
    if (at < 0) {
      return text;
    }
    String shortened = shorten(token);
    StringBuilder sb = new StringBuilder(text.length());
    int from = 0;
    while (at >= 0) {
      sb.append(text, from, at).append(shortened);
      from = at + token.length();
      at = text.indexOf(token, from);
    }
    return sb.append(text, from, text.length()).toString();
  }
}
