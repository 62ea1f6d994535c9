package org.webims.waf.pool;

import java.util.ArrayList;
import java.util.List;

/**
 * A numbered range of identities, written with one counter in braces: {@code sip:guest-{001..100}@ims.example.net}
 * stands for {@code sip:guest-001@...} to {@code sip:guest-100@...}. The start's digit count is the zero-padded
 * width. The IMPI pattern of a pool range uses the same counter ({@code guest-{001..100}@ims.example.net}).
 */
public record ImpuRange(String prefix, long start, long end, int width, String suffix) {

  /** Longest counter (digits) accepted: keeps every number inside a long. */
  private static final int MAX_DIGITS = 15;

  /** Parses {@code text}; the reason it is no range is the exception's message. */
  public static ImpuRange parse(String text) {
    if (text == null || text.isBlank()) {
      throw new IllegalArgumentException("required");
    }
    int open = text.indexOf('{');
    int close = text.indexOf('}');
    if (open < 0 || close < open || text.indexOf('{', open + 1) >= 0 || text.indexOf('}', close + 1) >= 0) {
      throw new IllegalArgumentException("write one numbered range in braces, e.g. sip:guest-{001..100}@ims.example.net");
    }
    String counter = text.substring(open + 1, close);
    int dots = counter.indexOf("..");
    if (dots <= 0 || dots + 2 >= counter.length()) {
      throw new IllegalArgumentException("the range in braces is {first..last}, e.g. {001..100}");
    }
    String first = counter.substring(0, dots);
    String last = counter.substring(dots + 2);
    if (!digits(first) || !digits(last)) {
      throw new IllegalArgumentException("the range bounds are decimal numbers of at most " + MAX_DIGITS + " digits");
    }
    long start = Long.parseLong(first);
    long end = Long.parseLong(last);
    if (end < start) {
      throw new IllegalArgumentException("the range's last number is below its first");
    }
    return new ImpuRange(text.substring(0, open), start, end, first.length(), text.substring(close + 1));
  }

  /** The number of identities in the range. */
  public long size() {
    return end - start + 1;
  }

  /** The counter as written between the braces, e.g. {@code 001..100}. */
  public String counter() {
    return pad(start) + ".." + pad(end);
  }

  /** The identity of number {@code n} of the range. */
  public String at(long n) {
    return prefix + pad(n) + suffix;
  }

  /** Every identity of the range in order; check {@link #size()} against a limit first. */
  public List<String> expand() {
    List<String> all = new ArrayList<>((int) size());
    for (long n = start; n <= end; n++) {
      all.add(at(n));
    }
    return all;
  }

  /** True when {@code other} counts over the same numbers with the same width. */
  public boolean sameCounter(ImpuRange other) {
    return start == other.start && end == other.end && width == other.width;
  }

  private String pad(long n) {
    StringBuilder text = new StringBuilder(Long.toString(n));
    while (text.length() < width) {
      text.insert(0, '0');
    }
    return text.toString();
  }

  private static boolean digits(String text) {
    if (text.isEmpty() || text.length() > MAX_DIGITS) {
      return false;
    }
    for (int i = 0; i < text.length(); i++) {
      if (text.charAt(i) < '0' || text.charAt(i) > '9') {
        return false;
      }
    }
    return true;
  }
}
