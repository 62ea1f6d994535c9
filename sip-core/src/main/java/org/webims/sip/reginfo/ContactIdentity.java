package org.webims.sip.reginfo;

import org.webims.sip.SipParseException;
import org.webims.sip.syntax.SipChars;
import org.webims.sip.uri.Uri;

/**
 * Who a contact is: the one rule for "is this the same binding?", used by the registrar (IMS core),
 * the eP-CSCF (its contact in a 200 to REGISTER and in reginfo) and the WIC (reginfo). Decided from
 * the RFCs (docs/sip-core.md, "Contact matching"):
 * <ol>
 *   <li>both sides carry a {@code +sip.instance} and a {@code reg-id}: the same binding when both
 *       are equal (RFC 5626 §6: an outbound binding is the AOR, instance-id and reg-id);</li>
 *   <li>both carry a {@code +sip.instance} and neither a {@code reg-id}: the same when the
 *       instances are equal, whatever the URIs (RFC 5627 §7.1.2.1: without reg-id the instance
 *       identifies the UA's binding, so a new URI of the same instance replaces the old one);</li>
 *   <li>otherwise (no instance, an instance on one side only, or an outbound binding against a
 *       plain one, RFC 5626 §6's "registrations that do not" use it): RFC 3261 §10.3 step 7, the
 *       URIs equal by RFC 3261 §19.1.4 (a URI that does not parse is compared as written).</li>
 * </ol>
 * Instances compare as URNs, case-insensitively. In reginfo, the instance and reg-id are the
 * contact's {@code <unknown-param>}s of those names (RFC 3680 §5.3).
 */
public final class ContactIdentity {

  private final String uri;
  private final String instance;
  private final int regId;
  /** The URI parsed, when known at construction (a header's Contact), so a match parses no more. */
  private final Uri parsed;

  private ContactIdentity(String uri, String instance, int regId, Uri parsed) {
    this.uri = uri;
    this.instance = instance;
    this.regId = regId;
    this.parsed = parsed;
  }

  /**
   * @param uri the contact URI
   * @param instance the {@code +sip.instance} with or without its quotes, or null
   * @param regId the {@code reg-id}, or -1
   */
  public static ContactIdentity of(String uri, String instance, int regId) {
    return new ContactIdentity(uri, unquote(instance), regId, null);
  }

  /** The identity of a SIP Contact header value. */
  public static ContactIdentity of(org.webims.sip.header.Contact contact) {
    Uri u = contact.address().uri();
    return new ContactIdentity(u.toString(), unquote(contact.instance()), contact.regId(), u);
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
    if (instance != null && other.instance != null && (regId >= 0) == (other.regId >= 0)) {
      return regId == other.regId && SipChars.equalsIgnoreCase(instance, other.instance);
    }
    if (uri == null || other.uri == null) {
      return false;
    }
    try {
      return parsedUri().equals(other.parsedUri());
    } catch (SipParseException e) {
      return uri.equals(other.uri);
    }
  }

  private Uri parsedUri() throws SipParseException {
    return parsed != null ? parsed : Uri.parse(uri);
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
