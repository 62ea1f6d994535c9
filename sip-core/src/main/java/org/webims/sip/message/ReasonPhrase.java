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
    if (text == null) {
      return "";
    }
    if (isSafe(text)) {
      return text;
    }
    int end = Math.min(text.length(), MAX_LENGTH);
    if (end < text.length() && Character.isHighSurrogate(text.charAt(end - 1))
        && Character.isLowSurrogate(text.charAt(end))) {
      end--; // keep the pair whole by leaving it out
    }
    StringBuilder out = new StringBuilder(end);
    for (int i = 0; i < end; i++) {
      char c = text.charAt(i);
      if (c < ' ' && c != '\t' || c == 127) {
        out.append(' ');
      } else if (Character.isHighSurrogate(c) && i + 1 < end && Character.isLowSurrogate(text.charAt(i + 1))) {
        out.append(c).append(text.charAt(++i));
      } else {
        out.append(Character.isSurrogate(c) ? REPLACEMENT : c);
      }
    }
    return out.toString();
  }

  /** True when {@code text} needs no change: the common case, checked without copying. */
  private static boolean isSafe(String text) {
    if (text.length() > MAX_LENGTH) {
      return false;
    }
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c < ' ' && c != '\t' || c == 127) {
        return false;
      }
      if (Character.isSurrogate(c)) {
        if (!Character.isHighSurrogate(c) || i + 1 >= text.length() || !Character.isLowSurrogate(text.charAt(i + 1))) {
          return false;
        }
        i++;
      }
    }
    return true;
  }
}
