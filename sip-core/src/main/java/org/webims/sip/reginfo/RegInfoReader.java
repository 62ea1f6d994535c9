package org.webims.sip.reginfo;

import org.webims.sip.syntax.SipChars;
import org.webims.sip.syntax.Utf8;

/**
 * Reads an RFC 3680 reginfo document into a {@link RegInfo}: with or without namespace prefixes,
 * as the IMS core, Kamailio's ims_registrar_scscf and pua_reginfo write it. Elements of other
 * namespaces or unknown to RFC 3680 (GRUU, extensions) are skipped; the required attributes
 * ({@code version}, {@code state}, {@code aor}, {@code id}) and the contact's {@code <uri>} must
 * be there and the states must be RFC 3680's, or the document is refused with a
 * {@link ReginfoException} naming what is wrong.
 */
public final class RegInfoReader {

  /** The default limit on a document, in bytes; a reg NOTIFY for one implicit set is a few kB. */
  public static final int DEFAULT_MAX_BYTES = 65536;
  /** reginfo nests four deep (reginfo, registration, contact, uri); extensions get some room. */
  static final int MAX_DEPTH = 16;

  private RegInfoReader() {
  }

  /** The document in {@code body} (UTF-8), refused when longer than {@code maxBytes}. */
  public static RegInfo read(byte[] body, int maxBytes) throws ReginfoException {
    if (body.length > maxBytes) {
      throw new ReginfoException("Bad reginfo: " + body.length + " bytes, more than the limit of " + maxBytes);
    }
    return read(Utf8.decode(body), maxBytes);
  }

  /** The document in {@code xml}, refused when longer than {@code maxChars}, read by {@link XmlReader}. */
  public static RegInfo read(String xml, int maxChars) throws ReginfoException {
    return read(xml, maxChars, XmlReader::read);
  }

  /**
   * The document in {@code xml}, refused when longer than {@code maxChars}, its XML read by
   * {@code parser} (the WIC passes the browser's DOMParser, so wic.js carries no XML reader); the
   * mapping to RFC 3680 and its checks are the same whichever parser reads.
   */
  public static RegInfo read(String xml, int maxChars, XmlParser parser) throws ReginfoException {
    if (xml.length() > maxChars) {
      throw new ReginfoException("Bad reginfo: " + xml.length() + " characters, more than the limit of " + maxChars);
    }
    XmlElement root = parser.read(xml, MAX_DEPTH);
    if (!root.is(RegInfo.NAMESPACE, "reginfo")) {
      throw new ReginfoException("Bad reginfo: the root element is not reginfo in " + RegInfo.NAMESPACE);
    }
    String state = oneOf(root, "state", RegInfo.FULL, RegInfo.PARTIAL, null);
    RegInfo.Builder info = RegInfo.builder(number(root, "version", true), state);
    for (XmlElement child : root.children) {
      if (child.is(RegInfo.NAMESPACE, "registration")) {
        info.registration(registration(child));
      }
    }
    return info.build();
  }

  private static Registration registration(XmlElement e) throws ReginfoException {
    Registration.Builder r = Registration.builder(required(e, "aor"), required(e, "id"),
        oneOf(e, "state", Registration.INIT, Registration.ACTIVE, Registration.TERMINATED));
    for (XmlElement child : e.children) {
      if (child.is(RegInfo.NAMESPACE, "contact")) {
        r.contact(contact(child));
      }
    }
    return r.build();
  }

  private static Contact contact(XmlElement e) throws ReginfoException {
    String uri = null;
    for (XmlElement child : e.children) {
      if (child.is(RegInfo.NAMESPACE, "uri")) {
        uri = SipChars.trim(child.text);
      }
    }
    if (uri == null || uri.isEmpty()) {
      throw new ReginfoException("Bad reginfo: contact without uri");
    }
    Contact.Builder c = Contact.builder(required(e, "id"), oneOf(e, "state", Contact.ACTIVE, Contact.TERMINATED, null),
            uri)
        .event(e.attribute("event"))
        .expires(number(e, "expires", false))
        .durationRegistered(number(e, "duration-registered", false))
        .retryAfter(number(e, "retry-after", false))
        .q(e.attribute("q"))
        .callId(e.attribute("callid"))
        .cseq(number(e, "cseq", false));
    for (XmlElement child : e.children) {
      if (child.is(RegInfo.NAMESPACE, "display-name")) {
        c.displayName(child.text);
      } else if (child.is(RegInfo.NAMESPACE, "unknown-param")) {
        c.unknownParam(required(child, "name"), SipChars.trim(child.text));
      }
    }
    return c.build();
  }

  private static String required(XmlElement e, String name) throws ReginfoException {
    String v = e.attribute(name);
    if (v == null) {
      throw new ReginfoException("Bad reginfo: " + e.name + " without " + name);
    }
    return v;
  }

  private static String oneOf(XmlElement e, String name, String a, String b, String c) throws ReginfoException {
    String v = required(e, name);
    if (!v.equals(a) && !v.equals(b) && !v.equals(c)) {
      throw new ReginfoException("Bad reginfo: " + e.name + " " + name + " is not one of RFC 3680's");
    }
    return v;
  }

  /** A non-negative integer attribute; -1 when absent and optional. */
  private static long number(XmlElement e, String name, boolean isRequired) throws ReginfoException {
    String v = isRequired ? required(e, name) : e.attribute(name);
    if (v == null) {
      return -1;
    }
    String t = SipChars.trim(v);
    if (t.isEmpty() || t.length() > 18) {
      throw new ReginfoException("Bad reginfo: " + e.name + " " + name + " is not a number");
    }
    long n = 0;
    for (int i = 0; i < t.length(); i++) {
      char ch = t.charAt(i);
      if (ch < '0' || ch > '9') {
        throw new ReginfoException("Bad reginfo: " + e.name + " " + name + " is not a number");
      }
      n = n * 10 + (ch - '0');
    }
    return n;
  }
}
