package org.webims.wic.browser;

import java.util.ArrayList;
import java.util.List;
import org.teavm.jso.JSBody;
import org.webims.sip.reginfo.ReginfoException;
import org.webims.sip.reginfo.XmlElement;
import org.webims.sip.reginfo.XmlParser;

/**
 * The WIC's XML reader (WIC-44's reginfo): the browser's DOMParser instead of sip-core's
 * {@code XmlReader}, which then is not compiled into wic.js. It refuses what {@code XmlReader}
 * refuses: a document that is not well-formed or namespace-well-formed ({@code parsererror}), a
 * DOCTYPE (so no entity of the document's own is expanded), nesting deeper than the limit; and
 * gives the same elements: the namespace ("" for none), the local name, the unprefixed attributes
 * without {@code xmlns}, and the text and CDATA directly inside. sip-core's {@code RegInfoReader}
 * maps them to RFC 3680 either way, with its size limit and checks.
 */
public final class BrowserXml implements XmlParser {

  @Override
  public XmlElement read(String xml, int maxDepth) throws ReginfoException {
    String[] flat = flatten(xml, maxDepth);
    if (flat.length == 0) {
      throw new ReginfoException("Bad reginfo: not well-formed XML, a DOCTYPE, or nested deeper than " + maxDepth);
    }
    // Each element in document order: depth, namespace, local name, text, attribute count (the two counts
    // as one char each: no number parsing in wic.js), name, value, ...
    List<?>[] open = new List<?>[maxDepth + 1];
    XmlElement root = null;
    int i = 0;
    while (i < flat.length) {
      int depth = flat[i].charAt(0);
      int count = flat[i + 4].charAt(0) * 2;
      String[] attributes = new String[count];
      System.arraycopy(flat, i + 5, attributes, 0, count);
      List<XmlElement> children = new ArrayList<>(2);
      XmlElement e = new XmlElement(flat[i + 1], flat[i + 2], attributes, children, flat[i + 3]);
      if (depth == 1) {
        root = e;
      } else {
        @SuppressWarnings("unchecked")
        List<XmlElement> parent = (List<XmlElement>) open[depth - 1];
        parent.add(e);
      }
      open[depth] = children;
      i += 5 + count;
    }
    return root;
  }

  /**
   * The elements as {@link #read} reads them, or an empty array when the document is refused. The
   * script's own names are three letters or more: TeaVM renames the parameters to short ones.
   */
  @JSBody(params = {"x", "m"}, script = "var doc = new DOMParser().parseFromString(x, 'application/xml'), out = [], max = m;"
      + "if (doc.doctype || doc.getElementsByTagNameNS('http://www.w3.org/1999/xhtml', 'parsererror').length"
      + " || doc.getElementsByTagNameNS('http://www.mozilla.org/newlayout/xml/parsererror.xml', 'parsererror').length)"
      + " return out;"
      + "function walk(elt, depth) {"
      + " if (depth > max) throw 0;"
      + " var pos = out.length, txt = '', atts = elt.attributes, idx, kid;"
      + " out.push(String.fromCharCode(depth), elt.namespaceURI || '', elt.localName, '', '');"
      + " for (idx = 0; idx < atts.length; idx++)"
      + "  if (atts[idx].namespaceURI == null) out.push(atts[idx].localName, atts[idx].value);"
      + " out[pos + 4] = String.fromCharCode((out.length - pos - 5) / 2);"
      + " for (kid = elt.firstChild; kid; kid = kid.nextSibling)"
      + "  if (kid.nodeType == 1) walk(kid, depth + 1); else if (kid.nodeType == 3 || kid.nodeType == 4) txt += kid.data;"
      + " out[pos + 3] = txt;"
      + "}"
      + "try { walk(doc.documentElement, 1); } catch (err) { return []; }"
      + "return out;")
  private static native String[] flatten(String xml, int maxDepth);
}
