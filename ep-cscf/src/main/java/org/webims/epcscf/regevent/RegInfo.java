package org.webims.epcscf.regevent;

import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.List;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * RFC 3680 {@code application/reginfo+xml}, only what EPC-42 needs: each registration's AOR and
 * state, and each contact's URI and state. Parsed with the JDK (secure processing, no DTD, no
 * external entities).
 */
public record RegInfo(List<Registration> registrations) {

  public static final String CONTENT_TYPE = "application/reginfo+xml";
  private static final String NS = "urn:ietf:params:xml:ns:reginfo";

  public RegInfo {
    registrations = List.copyOf(registrations);
  }

  /** One {@code <registration>}. */
  public record Registration(String aor, String state, List<ContactState> contacts) {
    public Registration {
      contacts = List.copyOf(contacts);
    }

    public boolean isTerminated() {
      return "terminated".equals(state);
    }
  }

  /** One {@code <contact>}: its {@code <uri>}, state and the event that led to it (RFC 3680 §5.3). */
  public record ContactState(String uri, String state, String event) {
    public boolean isTerminated() {
      return "terminated".equals(state);
    }
  }

  // One factory, configured once; one builder per thread. newInstance() per NOTIFY scanned every jar of the class
  // path for a provider and set up a new parser each time: about 15% of the eP-CSCF's CPU under re-REGISTER load
  // (load-harness profile), since every registration refresh brings a reg-event NOTIFY.
  private static final DocumentBuilderFactory FACTORY = secureFactory();
  private static final ThreadLocal<DocumentBuilder> BUILDER = ThreadLocal.withInitial(RegInfo::newBuilder);

  /** The document, or an exception naming why it is not reginfo. */
  public static RegInfo parse(byte[] xml) throws Exception {
    DocumentBuilder builder = BUILDER.get();
    builder.reset();
    Document doc = builder.parse(new ByteArrayInputStream(xml));
    Element root = doc.getDocumentElement();
    if (!"reginfo".equals(root.getLocalName()) || !NS.equals(root.getNamespaceURI())) {
      throw new IllegalArgumentException("not a reginfo document");
    }
    List<Registration> out = new ArrayList<>();
    for (Element reg : children(root, "registration")) {
      List<ContactState> contacts = new ArrayList<>();
      for (Element c : children(reg, "contact")) {
        List<Element> uri = children(c, "uri");
        contacts.add(new ContactState(uri.isEmpty() ? null : uri.get(0).getTextContent().trim(), c.getAttribute("state"),
            c.getAttribute("event")));
      }
      out.add(new Registration(reg.getAttribute("aor"), reg.getAttribute("state"), contacts));
    }
    return new RegInfo(out);
  }

  private static DocumentBuilderFactory secureFactory() {
    DocumentBuilderFactory f = DocumentBuilderFactory.newDefaultInstance();
    try {
      f.setNamespaceAware(true);
      f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
      f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
      f.setFeature("http://xml.org/sax/features/external-general-entities", false);
      f.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
    } catch (ParserConfigurationException e) {
      throw new IllegalStateException("the JDK's XML parser lacks a secure-processing feature", e);
    }
    f.setXIncludeAware(false);
    f.setExpandEntityReferences(false);
    f.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
    f.setAttribute(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
    return f;
  }

  private static DocumentBuilder newBuilder() {
    try {
      // The factory is not specified as thread-safe: builders are made one at a time.
      synchronized (FACTORY) {
        return FACTORY.newDocumentBuilder();
      }
    } catch (ParserConfigurationException e) {
      throw new IllegalStateException(e);
    }
  }

  private static List<Element> children(Element parent, String name) {
    List<Element> out = new ArrayList<>();
    NodeList nodes = parent.getChildNodes();
    for (int i = 0; i < nodes.getLength(); i++) {
      Node n = nodes.item(i);
      if (n instanceof Element e && name.equals(e.getLocalName()) && NS.equals(e.getNamespaceURI())) {
        out.add(e);
      }
    }
    return out;
  }

  /**
   * EPC-42: the AORs whose registration is {@code terminated}, or in which every contact of
   * {@code contact} (the flow's registered Contact URI; null = any) is terminated.
   */
  public List<String> terminatedAors(String contact) {
    List<String> out = new ArrayList<>();
    for (Registration r : registrations) {
      boolean mine = false;
      boolean allTerminated = true;
      for (ContactState c : r.contacts()) {
        if (contact == null || contact.equals(c.uri())) {
          mine = true;
          allTerminated &= c.isTerminated();
        }
      }
      if (r.isTerminated() || (mine && allTerminated)) {
        out.add(r.aor());
      }
    }
    return out;
  }

  /**
   * True when every terminated contact of {@code contact} (null = any) ended with {@code event="unregistered"}:
   * the UE deregistered itself (RFC 3680 §5.3), as opposed to a network deregistration (deactivated, rejected,
   * expired, ...). The lease release tells the WAF which it was (EPC-28).
   */
  public boolean unregisteredByUe(String contact) {
    boolean any = false;
    for (Registration r : registrations) {
      for (ContactState c : r.contacts()) {
        if ((contact == null || contact.equals(c.uri())) && c.isTerminated()) {
          if (!"unregistered".equals(c.event())) {
            return false;
          }
          any = true;
        }
      }
    }
    return any;
  }
}
