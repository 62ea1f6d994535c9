package org.webims.sip.message;

/**
 * The one place that makes text fit to be a Reason-Phrase (RFC 3261 §25.1): one line (control
 * characters, CR and LF included, become SP), valid UTF-8 (a lone surrogate becomes U+FFFD), at most
 * {@link #MAX_LENGTH} chars, cut only between code points. Reasons are often built from a parse
 * problem that quotes the input, so none of this may be assumed of them.
 */
public final class ReasonPhrase {

  /** Long enough for every reason this product writes; a quoted input never makes a line longer. */
  public static final int MAX_LENGTH = 128;

  private static final char REPLACEMENT = '\uFFFD';

  private ReasonPhrase() {
  }

  /** {@code text} made safe; null gives the empty phrase. */
  public static String safe(String text) {
    // Small on purpose, and plain char arithmetic rather than Character's surrogate methods: this is in wic.js.
    StringBuilder out = new StringBuilder();
    int n = text == null ? 0 : Math.min(text.length(), MAX_LENGTH);
    for (int i = 0; i < n; i++) {
      char c = text.charAt(i);
      boolean pair = (c & 0xFC00) == 0xD800 && i + 1 < text.length() && (text.charAt(i + 1) & 0xFC00) == 0xDC00;
      if (pair && i + 1 == n) {
        break; // the limit cuts the pair: leave it out whole
      }
      out.append(c < ' ' && c != '\t' || c == 127 ? ' ' : (c & 0xF800) == 0xD800 && !pair ? REPLACEMENT : c);
      if (pair) {
        out.append(text.charAt(++i));
      }
    }
    return out.toString();
  }
}
