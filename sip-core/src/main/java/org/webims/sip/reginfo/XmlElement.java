package org.webims.sip.reginfo;

import java.util.List;

/**
 * One element as an {@link XmlParser} read it: namespace-resolved name ("" for none), the attributes
 * without a namespace prefix (the only ones RFC 3680 defines; no {@code xmlns}), child elements and
 * the text directly inside (text and CDATA, entities decoded).
 */
public final class XmlElement {

  final String namespace;
  final String name;
  /** name0, value0, name1, value1, ...: unprefixed attributes, entities decoded. */
  private final String[] attributes;
  final List<XmlElement> children;
  final String text;

  public XmlElement(String namespace, String name, String[] attributes, List<XmlElement> children, String text) {
    this.namespace = namespace;
    this.name = name;
    this.attributes = attributes;
    this.children = children;
    this.text = text;
  }

  boolean is(String ns, String localName) {
    return localName.equals(name) && ns.equals(namespace);
  }

  /** The value of the unprefixed attribute, or null. */
  String attribute(String attributeName) {
    for (int i = 0; i < attributes.length; i += 2) {
      if (attributes[i].equals(attributeName)) {
        return attributes[i + 1];
      }
    }
    return null;
  }
}
