package org.webims.sip.reginfo;

/**
 * Reads an XML document into its root {@link XmlElement}: {@link XmlReader} on the JVM, the browser's
 * DOMParser in the WIC (whose wic.js then carries no XML reader of its own).
 */
@FunctionalInterface
public interface XmlParser {

  /**
   * The root element of {@code xml}; refused with a {@link ReginfoException} when not well-formed,
   * with a DOCTYPE, or nested more than {@code maxDepth} elements deep.
   */
  XmlElement read(String xml, int maxDepth) throws ReginfoException;
}
