package org.webims.sip.reginfo;

import org.webims.sip.SipParseException;
import org.webims.sip.syntax.SipChars;
import org.webims.sip.uri.Uri;

/**
 * Who a contact is, for the one question every side asks of a reg event: "is this contact mine?"
 * The rule, the registrar's (RFC 5626 §6 and RFC 3261 §10.3): when both sides carry a
 * {@code +sip.instance} and a {@code reg-id}, the contacts are the same when both are equal (the
 * instance as a URN, case-insensitive); otherwise when their URIs are equal by RFC 3261 §19.1.4
 * (a URI that does not parse is compared as written). In reginfo, the instance and reg-id are the
 * contact's {@code <unknown-param>}s of those names (RFC 3680 §5.3).
 */
public final class ContactIdentity {

  private final String uri;
  private final String instance;
  private final int regId;

  private ContactIdentity(String uri, String instance, int regId) {
    this.uri = uri;
    this.instance = instance;
    this.regId = regId;
  }

  /**
   * @param uri the contact URI
   * @param instance the {@code +sip.instance} with or without its quotes, or null
   * @param regId the {@code reg-id}, or -1
   */
  public static ContactIdentity of(String uri, String instance, int regId) {
    return new ContactIdentity(uri, unquote(instance), regId);
  }

  /** The identity of a SIP Contact header value. */
  public static ContactIdentity of(org.webims.sip.header.Contact contact) {
    return of(contact.address().uri().toString(), contact.instance(), contact.regId());
  }

  /** The identity a reginfo {@code <contact>} carries. */
  public static ContactIdentity of(Contact contact) {
    String regId = contact.unknownParam("reg-id");
    return of(contact.uri(), contact.unknownParam("+sip.instance"), regId == null ? -1 : regIdValue(regId));
  }

  public String uri() {
    return uri;
  }

  /** The instance without quotes, e.g. {@code <urn:uuid:...>}, or null. */
  public String instance() {
    return instance;
  }

  public int regId() {
    return regId;
  }

  /** True when the reginfo contact is this one. */
  public boolean sameAs(Contact contact) {
    return sameAs(of(contact));
  }

  /** The rule (see the class comment). */
  public boolean sameAs(ContactIdentity other) {
    if (instance != null && regId >= 0 && other.instance != null && other.regId >= 0) {
      return regId == other.regId && SipChars.equalsIgnoreCase(instance, other.instance);
    }
    if (uri == null || other.uri == null) {
      return false;
    }
    try {
      return Uri.parse(uri).equals(Uri.parse(other.uri));
    } catch (SipParseException e) {
      return uri.equals(other.uri);
    }
  }

  private static int regIdValue(String text) {
    String t = SipChars.trim(text);
    if (t.isEmpty() || t.length() > 9) {
      return -1;
    }
    int value = 0;
    for (int i = 0; i < t.length(); i++) {
      char c = t.charAt(i);
      if (c < '0' || c > '9') {
        return -1;
      }
      value = value * 10 + (c - '0');
    }
    return value;
  }

  private static String unquote(String value) {
    if (value == null) {
      return null;
    }
    String v = SipChars.trim(value);
    return v.length() >= 2 && v.charAt(0) == '"' && v.charAt(v.length() - 1) == '"' ? v.substring(1, v.length() - 1) : v;
  }
}
