package org.webims.ims.testing;

import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * An RFC 3680 reginfo document read with the JDK's DOM parser, for asserting on reg NOTIFY bodies.
 *
 * @param version the {@code version} attribute
 * @param state {@code full} or {@code partial}
 * @param registrations the {@code <registration>} elements in order
 */
public record RegInfo(long version, String state, List<Registration> registrations) {

  public static final String NS = "urn:ietf:params:xml:ns:reginfo";

  /** One {@code <registration>}. */
  public record Registration(String aor, String id, String state, List<ContactInfo> contacts) {
  }

  /** One {@code <contact>}; {@code instance} is the {@code +sip.instance} unknown-param or null. */
  public record ContactInfo(String id, String state, String event, String uri, String instance) {
  }

  public Registration registration(String aor) {
    return registrations.stream().filter(r -> r.aor().equals(aor)).findFirst()
        .orElseThrow(() -> new AssertionError("no registration for " + aor + " in " + this));
  }

  public static RegInfo parse(byte[] body) {
    try {
      DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
      factory.setNamespaceAware(true);
      factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
      Document doc = factory.newDocumentBuilder().parse(new ByteArrayInputStream(body));
      Element root = doc.getDocumentElement();
      if (!NS.equals(root.getNamespaceURI()) || !"reginfo".equals(root.getLocalName())) {
        throw new AssertionError("not a reginfo document: " + root.getNodeName());
      }
      List<Registration> registrations = new ArrayList<>();
      NodeList regs = root.getElementsByTagNameNS(NS, "registration");
      for (int i = 0; i < regs.getLength(); i++) {
        Element reg = (Element) regs.item(i);
        List<ContactInfo> contacts = new ArrayList<>();
        NodeList cs = reg.getElementsByTagNameNS(NS, "contact");
        for (int j = 0; j < cs.getLength(); j++) {
          Element c = (Element) cs.item(j);
          String uri = c.getElementsByTagNameNS(NS, "uri").item(0).getTextContent();
          String instance = null;
          NodeList params = c.getElementsByTagNameNS(NS, "unknown-param");
          for (int k = 0; k < params.getLength(); k++) {
            Element p = (Element) params.item(k);
            if ("+sip.instance".equals(p.getAttribute("name"))) {
              instance = p.getTextContent();
            }
          }
          contacts.add(new ContactInfo(c.getAttribute("id"), c.getAttribute("state"), c.getAttribute("event"), uri,
              instance));
        }
        registrations.add(new Registration(reg.getAttribute("aor"), reg.getAttribute("id"), reg.getAttribute("state"),
            List.copyOf(contacts)));
      }
      return new RegInfo(Long.parseLong(root.getAttribute("version")), root.getAttribute("state"),
          List.copyOf(registrations));
    } catch (AssertionError e) {
      throw e;
    } catch (Exception e) {
      throw new AssertionError("reginfo does not parse: " + e.getMessage(), e);
    }
  }
}
