package org.webims.wic.ua;

import org.webims.sip.syntax.SipChars;

/**
 * Just enough of RFC 3680's {@code application/reginfo+xml} for WIC-44, read without regex or an
 * XML parser (wic.js has neither): the {@code <contact>} elements, their {@code state} and
 * {@code event} attributes and their {@code <uri>}. Element names without a namespace prefix, as the
 * IMS core and the checklist's §5.7 write them; attribute values in double quotes.
 */
final class RegInfo {

  private RegInfo() {
  }

  /**
   * The {@code event} of the first {@code <contact state="terminated">} whose {@code <uri>} is
   * {@code contactUri} (parameters after it ignored), "" when it names none; null when the body has
   * no such contact, i.e. the WIC's binding is not ended by this NOTIFY.
   */
  static String terminatedContactEvent(String xml, String contactUri) {
    int at = 0;
    while ((at = xml.indexOf("<contact", at)) >= 0) {
      int tagEnd = xml.indexOf('>', at);
      int end = xml.indexOf("</contact>", at);
      if (tagEnd < 0 || end < 0) {
        return null;
      }
      String tag = xml.substring(at, tagEnd);
      int uri = xml.indexOf("<uri>", tagEnd);
      int uriEnd = xml.indexOf("</uri>", tagEnd);
      if (uri >= 0 && uri < uriEnd && uriEnd < end && "terminated".equals(attribute(tag, "state"))) {
        String value = SipChars.trim(xml.substring(uri + 5, uriEnd));
        if (value.startsWith(contactUri)
            && (value.length() == contactUri.length() || value.charAt(contactUri.length()) == ';')) {
          String event = attribute(tag, "event");
          return event == null ? "" : event;
        }
      }
      at = end;
    }
    return null;
  }

  /** The value of {@code name="…"} in a start tag, or null. */
  static String attribute(String tag, String name) {
    String key = " " + name + "=\"";
    int at = tag.indexOf(key);
    if (at < 0) {
      return null;
    }
    int from = at + key.length();
    int to = tag.indexOf('"', from);
    return to < 0 ? null : tag.substring(from, to);
  }
}
