package org.webims.wic.browser;

import org.teavm.jso.JSBody;
import org.teavm.jso.JSByRef;

/**
 * sip-core's {@code org.webims.sip.syntax.Utf8} in {@code wic.js}: the browser's own UTF-8 codec
 * ({@code TextEncoder}, {@code TextDecoder}) instead of sip-core's Java loops, which stay on the JVM. TeaVM
 * compiles this class in place of {@code Utf8} ({@link BrowserSubstitutions}), so it has {@code Utf8}'s public
 * methods and nothing else. Lone surrogates become U+FFFD as in {@code Utf8}; malformed input becomes U+FFFD
 * per maximal subpart (WHATWG Encoding), where {@code Utf8} writes one per bad byte.
 */
public final class BrowserUtf8 {

  private BrowserUtf8() {
  }

  /** The encoder's bytes viewed as the Java array, no copy ({@code byte[]} is an {@code Int8Array} in TeaVM). */
  @JSBody(params = "s", script = "return new Int8Array(new TextEncoder().encode(s).buffer);")
  @JSByRef
  public static native byte[] encode(String s);

  @JSBody(params = {"b", "offset", "length"},
      script = "return new TextDecoder().decode(b.subarray(offset, offset + length));")
  public static native String decode(@JSByRef byte[] b, int offset, int length);

  public static String decode(byte[] b) {
    return decode(b, 0, b.length);
  }
}
