package org.webims.sip.reginfo;

/**
 * Writes a {@link RegInfo} as an RFC 3680 document: the XML declaration, the reginfo namespace as
 * the default namespace, attributes in double quotes and {@code & < > "} escaped. What it writes
 * {@link RegInfoReader} reads back unchanged.
 */
public final class RegInfoWriter {

  private RegInfoWriter() {
  }

  public static String write(RegInfo info) {
    StringBuilder xml = new StringBuilder(512);
    xml.append("<?xml version=\"1.0\"?>\r\n<reginfo xmlns=\"").append(RegInfo.NAMESPACE).append("\" version=\"")
        .append(info.version()).append("\" state=\"").append(info.state()).append("\">\r\n");
    for (Registration r : info.registrations()) {
      xml.append(" <registration aor=\"");
      escape(xml, r.aor()).append("\" id=\"");
      escape(xml, r.id()).append("\" state=\"").append(r.state()).append("\">\r\n");
      for (Contact c : r.contacts()) {
        contact(xml, c);
      }
      xml.append(" </registration>\r\n");
    }
    return xml.append("</reginfo>\r\n").toString();
  }

  private static void contact(StringBuilder xml, Contact c) {
    xml.append("  <contact id=\"");
    escape(xml, c.id()).append("\" state=\"").append(c.state()).append('"');
    attribute(xml, "event", c.event());
    number(xml, "expires", c.expires());
    number(xml, "duration-registered", c.durationRegistered());
    number(xml, "retry-after", c.retryAfter());
    attribute(xml, "q", c.q());
    attribute(xml, "callid", c.callId());
    number(xml, "cseq", c.cseq());
    xml.append(">\r\n   <uri>");
    escape(xml, c.uri()).append("</uri>\r\n");
    if (c.displayName() != null) {
      xml.append("   <display-name>");
      escape(xml, c.displayName()).append("</display-name>\r\n");
    }
    for (int i = 0; i < c.unknownParamCount(); i++) {
      xml.append("   <unknown-param name=\"");
      escape(xml, c.unknownParamName(i)).append("\">");
      escape(xml, c.unknownParamValue(i)).append("</unknown-param>\r\n");
    }
    xml.append("  </contact>\r\n");
  }

  private static void attribute(StringBuilder xml, String name, String value) {
    if (value != null) {
      xml.append(' ').append(name).append("=\"");
      escape(xml, value).append('"');
    }
  }

  private static void number(StringBuilder xml, String name, long value) {
    if (value >= 0) {
      xml.append(' ').append(name).append("=\"").append(value).append('"');
    }
  }

  private static StringBuilder escape(StringBuilder xml, String text) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '&' -> xml.append("&amp;");
        case '<' -> xml.append("&lt;");
        case '>' -> xml.append("&gt;");
        case '"' -> xml.append("&quot;");
        case '\r' -> xml.append("&#13;");
        case '\n' -> xml.append("&#10;");
        case '\t' -> xml.append("&#9;");
        default -> xml.append(c);
      }
    }
    return xml;
  }
}
