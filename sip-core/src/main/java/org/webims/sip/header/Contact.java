package org.webims.sip.header;

import java.util.ArrayList;
import java.util.List;
import org.webims.sip.ParseProblem;
import org.webims.sip.SipParseException;
import org.webims.sip.syntax.Quoting;
import org.webims.sip.syntax.Scanner;
import org.webims.sip.syntax.SipChars;

/**
 * One Contact value (RFC 3261 §20.10): an address with {@code expires}, {@code +sip.instance} and
 * {@code reg-id} (RFC 5626 §4.2), or the wildcard {@code *} that removes every binding (§10.2.2).
 */
public final class Contact {

  /** RFC 3261 §25.1 delta-seconds; values up to 2^32-1 are allowed. */
  public static final long MAX_EXPIRES = 4294967295L;

  public static final Contact WILDCARD = new Contact(null);

  private final Address address;

  private Contact(Address address) {
    this.address = address;
  }

  public static Contact of(Address address) {
    return new Contact(address);
  }

  /** Parses a Contact header value: {@code *} or a comma-separated list of addresses. */
  public static List<Contact> parseList(String value) throws SipParseException {
    String trimmed = SipChars.trim(value);
    List<Contact> list = new ArrayList<>(1);
    if (trimmed.equals("*")) {
      list.add(WILDCARD);
      return list;
    }
    List<String> parts = Scanner.splitList(value, ParseProblem.BAD_NAME_ADDR, "Contact");
    for (int i = 0; i < parts.size(); i++) {
      Address a = Address.parse(parts.get(i), "Contact");
      String expires = a.parameter("expires");
      if (expires != null) {
        SipChars.parseDecimal(expires, MAX_EXPIRES, "Contact expires");
      }
      String regId = a.parameter("reg-id");
      if (regId != null) {
        SipChars.parseDecimal(regId, 2147483647L, "Contact reg-id");
      }
      list.add(new Contact(a));
    }
    return list;
  }

  public boolean isWildcard() {
    return address == null;
  }

  /** The address; null for the wildcard. */
  public Address address() {
    return address;
  }

  /** The {@code expires} parameter in seconds, or -1 when absent. */
  public long expires() {
    String e = address == null ? null : address.parameter("expires");
    if (e == null) {
      return -1;
    }
    long v = 0;
    for (int i = 0; i < e.length(); i++) {
      v = v * 10 + (e.charAt(i) - '0');
    }
    return v;
  }

  /** The {@code +sip.instance} value without quotes, for example {@code <urn:uuid:...>}, or null. */
  public String instance() {
    return address == null ? null : Quoting.unquote(address.parameter("+sip.instance"));
  }

  /** The {@code reg-id} (RFC 5626), or -1 when absent. */
  public int regId() {
    String r = address == null ? null : address.parameter("reg-id");
    return r == null ? -1 : Integer.parseInt(r);
  }

  public Contact withExpires(long seconds) {
    return new Contact(address.withParameter("expires", SipChars.decimal(seconds)));
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Contact && (address == null ? ((Contact) o).address == null : address.equals(((Contact) o).address));
  }

  @Override
  public int hashCode() {
    return address == null ? 0 : address.hashCode();
  }

  @Override
  public String toString() {
    return address == null ? "*" : address.toString();
  }
}
