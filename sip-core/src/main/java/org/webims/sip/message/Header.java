package org.webims.sip.message;

import org.webims.sip.syntax.SipChars;

/** One header line: a canonical name and its value, unfolded and trimmed (RFC 3261 §7.3.1). */
public final class Header {

  private final String name;
  private final String value;

  public Header(String name, String value) {
    this.name = name;
    this.value = value;
  }

  /** The canonical name, for example {@code Call-ID} for {@code i} or {@code call-id}. */
  public String name() {
    return name;
  }

  public String value() {
    return value;
  }

  public boolean is(String headerName) {
    return SipChars.equalsIgnoreCase(name, headerName);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Header && ((Header) o).is(name) && ((Header) o).value.equals(value);
  }

  @Override
  public int hashCode() {
    return name.length() * 31 + value.hashCode();
  }

  @Override
  public String toString() {
    return name + ": " + value;
  }
}
