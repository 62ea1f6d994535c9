package org.webims.sip.syntax;

/**
 * UTF-8 (RFC 3629) encoding and decoding. SIP is UTF-8 (RFC 3261 §7); this small codec keeps the
 * JDK's charset machinery (about 3 kB of gzipped JavaScript) out of the browser client.
 */
public final class Utf8 {

  private static final char REPLACEMENT = '\uFFFD';

  private Utf8() {
  }

  public static byte[] encode(String s) {
    int n = s.length();
    // SIP heads are almost always ASCII: one pass, and only on a non-ASCII char the general path.
    byte[] ascii = new byte[n];
    for (int i = 0; i < n; i++) {
      char c = s.charAt(i);
      if (c >= 0x80) {
        return encodeGeneral(s);
      }
      ascii[i] = (byte) c;
    }
    return ascii;
  }

  private static byte[] encodeGeneral(String s) {
    int n = s.length();
    int size = 0;
    for (int i = 0; i < n; i++) {
      char c = s.charAt(i);
      if (c < 0x80) {
        size++;
      } else if (c < 0x800) {
        size += 2;
      } else if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(s.charAt(i + 1))) {
        size += 4;
        i++;
      } else {
        size += 3;
      }
    }
    byte[] out = new byte[size];
    int o = 0;
    for (int i = 0; i < n; i++) {
      char c = s.charAt(i);
      if (c < 0x80) {
        out[o++] = (byte) c;
      } else if (c < 0x800) {
        out[o++] = (byte) (0xC0 | c >> 6);
        out[o++] = (byte) (0x80 | c & 0x3F);
      } else if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(s.charAt(i + 1))) {
        int cp = Character.toCodePoint(c, s.charAt(++i));
        out[o++] = (byte) (0xF0 | cp >> 18);
        out[o++] = (byte) (0x80 | cp >> 12 & 0x3F);
        out[o++] = (byte) (0x80 | cp >> 6 & 0x3F);
        out[o++] = (byte) (0x80 | cp & 0x3F);
      } else {
        // A lone surrogate cannot be encoded; it becomes U+FFFD like the JDK's encoder makes '?'.
        char e = Character.isSurrogate(c) ? REPLACEMENT : c;
        out[o++] = (byte) (0xE0 | e >> 12);
        out[o++] = (byte) (0x80 | e >> 6 & 0x3F);
        out[o++] = (byte) (0x80 | e & 0x3F);
      }
    }
    return out;
  }

  /** Decodes; malformed sequences become U+FFFD, one per bad byte. */
  public static String decode(byte[] b, int offset, int length) {
    int end = offset + length;
    int i = offset;
    while (i < end && b[i] >= 0) {
      i++;
    }
    if (i == end) {
      return asciiString(b, offset, length);
    }
    char[] out = new char[length];
    int o = 0;
    for (int k = offset; k < i; k++) {
      out[o++] = (char) b[k];
    }
    while (i < end) {
      int c = b[i] & 0xFF;
      if (c < 0x80) {
        out[o++] = (char) c;
        i++;
        continue;
      }
      int need;
      int cp;
      int min;
      if (c >= 0xC2 && c <= 0xDF) {
        need = 1;
        cp = c & 0x1F;
        min = 0x80;
      } else if (c >= 0xE0 && c <= 0xEF) {
        need = 2;
        cp = c & 0x0F;
        min = 0x800;
      } else if (c >= 0xF0 && c <= 0xF4) {
        need = 3;
        cp = c & 0x07;
        min = 0x10000;
      } else {
        out[o++] = REPLACEMENT;
        i++;
        continue;
      }
      int j = i + 1;
      while (j <= i + need && j < end && (b[j] & 0xC0) == 0x80) {
        cp = cp << 6 | b[j] & 0x3F;
        j++;
      }
      if (j != i + need + 1 || cp < min || cp > 0x10FFFF || cp >= 0xD800 && cp <= 0xDFFF) {
        out[o++] = REPLACEMENT;
        i++;
        continue;
      }
      if (cp >= 0x10000) {
        out[o++] = Character.highSurrogate(cp);
        out[o++] = Character.lowSurrogate(cp);
      } else {
        out[o++] = (char) cp;
      }
      i = j;
    }
    return new String(out, 0, o);
  }

  /** ASCII bytes as a String through a char array: TeaVM has no String(byte[], hibyte, offset, count). */
  private static String asciiString(byte[] b, int offset, int length) {
    char[] chars = new char[length];
    for (int i = 0; i < length; i++) {
      chars[i] = (char) b[offset + i];
    }
    return new String(chars);
  }

  public static String decode(byte[] b) {
    return decode(b, 0, b.length);
  }
}
