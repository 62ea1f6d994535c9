package org.webims.sip.syntax;

import java.util.ArrayList;
import java.util.List;

/**
 * An immutable, ordered list of {@code ;name[=value]} parameters as written on the wire. Values are
 * kept raw (a quoted value keeps its quotes) so that serializing reproduces the input; names compare
 * case-insensitively (RFC 3261 §7.3.1).
 */
public final class Parameters {

  public static final Parameters EMPTY = new Parameters(new String[0]);

  /** name0, value0, name1, value1, ...; a null value is a flag parameter such as {@code ;lr}. */
  private final String[] pairs;

  private Parameters(String[] pairs) {
    this.pairs = pairs;
  }

  /** From a flat list name0, value0, name1, value1, ... */
  public static Parameters of(List<String> pairs) {
    return pairs.isEmpty() ? EMPTY : new Parameters(pairs.toArray(new String[0]));
  }

  public int size() {
    return pairs.length / 2;
  }

  public boolean isEmpty() {
    return pairs.length == 0;
  }

  public String name(int index) {
    return pairs[2 * index];
  }

  public String value(int index) {
    return pairs[2 * index + 1];
  }

  private int indexOf(String name) {
    for (int i = 0; i < pairs.length; i += 2) {
      if (SipChars.equalsIgnoreCase(pairs[i], name)) {
        return i;
      }
    }
    return -1;
  }

  public boolean has(String name) {
    return indexOf(name) >= 0;
  }

  /** The raw value, null for a flag parameter or an absent one (use {@link #has}). */
  public String get(String name) {
    int i = indexOf(name);
    return i < 0 ? null : pairs[i + 1];
  }

  /** The value with surrounding quotes and quoted-pairs removed. */
  public String unquoted(String name) {
    return Quoting.unquote(get(name));
  }

  /** Replaces the first parameter of that name, or appends it; a null value makes a flag. */
  public Parameters with(String name, String value) {
    int i = indexOf(name);
    String[] copy;
    if (i >= 0) {
      copy = pairs.clone();
      copy[i + 1] = value;
    } else {
      copy = new String[pairs.length + 2];
      System.arraycopy(pairs, 0, copy, 0, pairs.length);
      copy[pairs.length] = name;
      copy[pairs.length + 1] = value;
    }
    return new Parameters(copy);
  }

  public Parameters without(String name) {
    if (indexOf(name) < 0) {
      return this;
    }
    List<String> kept = new ArrayList<>(pairs.length);
    for (int i = 0; i < pairs.length; i += 2) {
      if (!SipChars.equalsIgnoreCase(pairs[i], name)) {
        kept.add(pairs[i]);
        kept.add(pairs[i + 1]);
      }
    }
    return of(kept);
  }

  /** Writes {@code ;name=value...}. */
  public void appendTo(StringBuilder sb) {
    for (int i = 0; i < pairs.length; i += 2) {
      sb.append(';').append(pairs[i]);
      if (pairs[i + 1] != null) {
        sb.append('=').append(pairs[i + 1]);
      }
    }
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof Parameters)) {
      return false;
    }
    Parameters other = (Parameters) o;
    if (other.pairs.length != pairs.length) {
      return false;
    }
    for (int i = 0; i < pairs.length; i += 2) {
      if (!SipChars.equalsIgnoreCase(pairs[i], other.pairs[i])) {
        return false;
      }
      String a = pairs[i + 1];
      String b = other.pairs[i + 1];
      if (a == null ? b != null : !a.equals(b)) {
        return false;
      }
    }
    return true;
  }

  @Override
  public int hashCode() {
    int h = 1;
    for (int i = 0; i < pairs.length; i += 2) {
      h = 31 * h + SipChars.toLowerAscii(pairs[i]).hashCode();
      h = 31 * h + (pairs[i + 1] == null ? 0 : pairs[i + 1].hashCode());
    }
    return h;
  }

  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder();
    appendTo(sb);
    return sb.toString();
  }
}
