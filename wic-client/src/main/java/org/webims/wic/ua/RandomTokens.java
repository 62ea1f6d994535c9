package org.webims.wic.ua;

import java.util.function.IntUnaryOperator;

/**
 * Random SIP tokens and the RFC 4122 version 4 UUID of the +sip.instance. The source gives a uniform
 * int in [0, bound): the browser's {@code crypto.getRandomValues}, a seeded {@code Random} in tests.
 */
final class RandomTokens {

  private static final String ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789";
  private static final String HEX = "0123456789abcdef";

  private final IntUnaryOperator random;

  RandomTokens(IntUnaryOperator random) {
    this.random = random;
  }

  /** A uniform int in [0, bound): RFC 3261 §14.2's Retry-After. */
  int below(int bound) {
    return random.applyAsInt(bound);
  }

  /** Lower-case letters and digits: fit for a host label, a user part, a tag, a branch or a Call-ID. */
  String token(int length) {
    StringBuilder sb = new StringBuilder(length);
    for (int i = 0; i < length; i++) {
      sb.append(ALPHABET.charAt(random.applyAsInt(ALPHABET.length())));
    }
    return sb.toString();
  }

  /** True for 36 characters of lower-case hex and hyphens: a stored value that goes into the Contact header. */
  static boolean isUuid(String s) {
    if (s == null || s.length() != 36) {
      return false;
    }
    for (int i = 0; i < 36; i++) {
      char c = s.charAt(i);
      if (i == 8 || i == 13 || i == 18 || i == 23 ? c != '-' : HEX.indexOf(c) < 0) {
        return false;
      }
    }
    return true;
  }

  /** RFC 4122 §4.4: 122 random bits, version 4, variant 10xx. */
  String uuid() {
    StringBuilder sb = new StringBuilder(36);
    for (int i = 0; i < 32; i++) {
      int nibble = random.applyAsInt(16);
      if (i == 12) {
        nibble = 4;
      } else if (i == 16) {
        nibble = 8 | (nibble & 3);
      }
      if (i == 8 || i == 12 || i == 16 || i == 20) {
        sb.append('-');
      }
      sb.append(HEX.charAt(nibble));
    }
    return sb.toString();
  }
}
