package org.webims.wic.browser;

import java.util.function.IntUnaryOperator;
import org.teavm.jso.JSBody;

/**
 * The browser's CSPRNG ({@code crypto.getRandomValues}) directly: TeaVM's {@code SecureRandom} does the
 * same through {@code java.util.Random}'s machinery, which cost wic.js about 0.5 kB gzip.
 */
public final class BrowserRandom implements IntUnaryOperator {

  /**
   * A uniform int in [0, bound): a 32-bit random value reduced modulo the bound (a bias below
   * bound/2^32, none for powers of two; the bounds are 16, 36 and backoff milliseconds).
   */
  @Override
  public int applyAsInt(int bound) {
    return nextInt(bound);
  }

  @JSBody(params = "bound", script = "return crypto.getRandomValues(new Uint32Array(1))[0] % bound;")
  private static native int nextInt(int bound);
}
