package org.webims.sip.reginfo;

import java.util.ArrayList;
import java.util.List;

/**
 * A small XML 1.0 reader for the subset RFC 3680 documents use, written by hand because the browser
 * client (TeaVM) has no XML parser and the JDK's costs a parser per thread: namespaces and prefixes,
 * attributes in any order quoted with ' or ", the five predefined and numeric character references,
 * CDATA, comments, processing instructions and the XML declaration. A DOCTYPE is refused, so no
 * entity is ever expanded beyond these; nesting is limited, so a hostile document cannot exhaust the
 * stack. Errors name the defect and the offset.
 */
public final class XmlReader {

  private static final String XML_NS = "http://www.w3.org/XML/1998/namespace";
  private static final String[] ROOT_SCOPE = {"xml", XML_NS};
  /** XML 1.0 §4.6: the predefined entities and their characters (a loop, not a String switch: smaller in wic.js). */
  private static final String[] PREDEFINED = {"amp", "lt", "gt", "quot", "apos"};
  private static final String PREDEFINED_CHARS = "&<>\"'";

  private final String in;
  private final int maxDepth;
  private int pos;

  private XmlReader(String in, int maxDepth) {
    this.in = in;
    this.maxDepth = maxDepth;
  }

  /** The root element of {@code xml}, nested at most {@code maxDepth} elements deep. */
  public static XmlElement read(String xml, int maxDepth) throws ReginfoException {
    XmlReader r = new XmlReader(xml, maxDepth);
    if (xml.startsWith("\uFEFF")) {
      r.pos = 1;
    }
    r.misc();
    if (r.pos >= xml.length() || xml.charAt(r.pos) != '<') {
      throw r.error("no root element");
    }
    XmlElement root = r.element(ROOT_SCOPE, 1);
    r.misc();
    if (r.pos < xml.length()) {
      throw r.error("content after the root element");
    }
    return root;
  }

  /** Whitespace, comments and processing instructions around the root element; a DOCTYPE is refused. */
  private void misc() throws ReginfoException {
    while (true) {
      skipWhitespace();
      if (in.startsWith("<?", pos)) {
        skipPast("?>", "processing instruction");
      } else if (in.startsWith("<!--", pos)) {
        skipPast("-->", "comment");
      } else if (in.startsWith("<!", pos)) {
        throw error("DOCTYPE not allowed");
      } else {
        return;
      }
    }
  }

  private XmlElement element(String[] parentScope, int depth) throws ReginfoException {
    if (depth > maxDepth) {
      throw error("nested deeper than " + maxDepth + " elements");
    }
    int start = pos;
    pos++; // '<'
    String qname = name();
    List<String> raw = new ArrayList<>(8);
    boolean empty;
    while (true) {
      boolean space = skipWhitespace();
      if (pos >= in.length()) {
        throw error("unclosed start tag");
      }
      char c = in.charAt(pos);
      if (c == '>' || c == '/') {
        empty = c == '/';
        expect(empty ? "/>" : ">");
        break;
      }
      if (!space) {
        throw error("expected whitespace before an attribute");
      }
      String attr = name();
      for (int i = 0; i < raw.size(); i += 2) {
        if (raw.get(i).equals(attr)) {
          throw error("duplicate attribute " + attr);
        }
      }
      skipWhitespace();
      expect("=");
      skipWhitespace();
      raw.add(attr);
      raw.add(attributeValue());
    }
    String[] scope = scope(parentScope, raw);
    List<String> attributes = new ArrayList<>(raw.size());
    for (int i = 0; i < raw.size(); i += 2) {
      String n = raw.get(i);
      if (n.indexOf(':') < 0 && !n.equals("xmlns")) {
        attributes.add(n);
        attributes.add(raw.get(i + 1));
      } else if (!n.startsWith("xmlns")) {
        resolve(scope, n.substring(0, n.indexOf(':')), start); // a prefixed attribute needs a bound prefix
      }
    }
    int colon = qname.indexOf(':');
    String namespace = resolve(scope, colon < 0 ? "" : qname.substring(0, colon), start);
    String local = colon < 0 ? qname : qname.substring(colon + 1);
    List<XmlElement> children = new ArrayList<>(2);
    StringBuilder text = new StringBuilder();
    if (!empty) {
      content(qname, scope, depth, children, text);
    }
    return new XmlElement(namespace, local, attributes.toArray(new String[0]), children, text.toString());
  }

  private void content(String qname, String[] scope, int depth, List<XmlElement> children, StringBuilder text)
      throws ReginfoException {
    while (true) {
      if (pos >= in.length()) {
        throw error("element " + qname + " not closed");
      }
      if (in.startsWith("</", pos)) {
        pos += 2;
        if (!name().equals(qname)) {
          throw error("end tag does not match " + qname);
        }
        skipWhitespace();
        expect(">");
        return;
      } else if (in.startsWith("<!--", pos)) {
        skipPast("-->", "comment");
      } else if (in.startsWith("<![CDATA[", pos)) {
        int end = in.indexOf("]]>", pos + 9);
        if (end < 0) {
          throw error("CDATA section not closed");
        }
        text.append(in, pos + 9, end);
        pos = end + 3;
      } else if (in.startsWith("<?", pos)) {
        skipPast("?>", "processing instruction");
      } else if (in.startsWith("<!", pos)) {
        throw error("DOCTYPE not allowed");
      } else if (in.charAt(pos) == '<') {
        children.add(element(scope, depth + 1));
      } else {
        charData(text, '<');
      }
    }
  }

  /** The scope of an element: its parent's plus the xmlns declarations among {@code raw}. */
  private String[] scope(String[] parent, List<String> raw) {
    List<String> added = null;
    for (int i = 0; i < raw.size(); i += 2) {
      String n = raw.get(i);
      if (n.equals("xmlns") || n.startsWith("xmlns:")) {
        if (added == null) {
          added = new ArrayList<>(4);
        }
        added.add(n.equals("xmlns") ? "" : n.substring(6));
        added.add(raw.get(i + 1));
      }
    }
    if (added == null) {
      return parent;
    }
    String[] scope = new String[parent.length + added.size()];
    System.arraycopy(parent, 0, scope, 0, parent.length);
    for (int i = 0; i < added.size(); i++) {
      scope[parent.length + i] = added.get(i);
    }
    return scope;
  }

  /** The namespace bound to {@code prefix} (innermost first); "" for no default namespace. */
  private String resolve(String[] scope, String prefix, int at) throws ReginfoException {
    for (int i = scope.length - 2; i >= 0; i -= 2) {
      if (scope[i].equals(prefix)) {
        return scope[i + 1];
      }
    }
    if (prefix.isEmpty()) {
      return "";
    }
    pos = at;
    throw error("namespace prefix " + prefix + " not declared");
  }

  private String attributeValue() throws ReginfoException {
    if (pos >= in.length() || in.charAt(pos) != '"' && in.charAt(pos) != '\'') {
      throw error("attribute value not quoted");
    }
    char quote = in.charAt(pos++);
    StringBuilder value = new StringBuilder();
    charData(value, quote);
    if (pos >= in.length()) {
      throw error("attribute value not closed");
    }
    pos++;
    return value.toString();
  }

  /** Characters up to {@code stop} (not consumed) or the end, with references decoded. */
  private void charData(StringBuilder out, char stop) throws ReginfoException {
    while (pos < in.length()) {
      char c = in.charAt(pos);
      if (c == stop) {
        return;
      }
      if (c == '<') {
        throw error("'<' inside an attribute value");
      }
      if (c == '&') {
        reference(out);
      } else if (stop != '<' && (c == '\t' || c == '\n' || c == '\r')) {
        out.append(' '); // XML 1.0 §3.3.3: literal whitespace in an attribute value is a space; a reference is not
        pos++;
      } else {
        out.append(c);
        pos++;
      }
    }
  }

  private void reference(StringBuilder out) throws ReginfoException {
    int end = in.indexOf(';', pos);
    if (end < 0 || end - pos > 12) {
      throw error("'&' not followed by a reference");
    }
    String ref = in.substring(pos + 1, end);
    int i = PREDEFINED.length - 1;
    while (i >= 0 && !PREDEFINED[i].equals(ref)) {
      i--;
    }
    if (i >= 0) {
      out.append(PREDEFINED_CHARS.charAt(i));
    } else {
      codePoint(out, ref);
    }
    pos = end + 1;
  }

  private void codePoint(StringBuilder out, String ref) throws ReginfoException {
    boolean hex = ref.startsWith("#x");
    int from = hex ? 2 : 1;
    if (!ref.startsWith("#") || ref.length() == from) {
      throw error("unknown entity reference");
    }
    int cp = 0;
    for (int i = from; i < ref.length(); i++) {
      int d = digit(ref.charAt(i), hex);
      if (d < 0) {
        throw error("bad character reference");
      }
      cp = cp * (hex ? 16 : 10) + d;
    }
    if (ref.length() - from > 7 || cp == 0 || cp > 0x10FFFF || cp >= 0xD800 && cp <= 0xDFFF) {
      throw error("character reference out of range");
    }
    if (cp < 0x10000) {
      out.append((char) cp);
    } else {
      cp -= 0x10000;
      out.append((char) (0xD800 + (cp >> 10))).append((char) (0xDC00 + (cp & 0x3FF)));
    }
  }

  /** An ASCII digit's value, or -1 (not Character.digit: its Unicode tables would weigh on wic.js). */
  private static int digit(char c, boolean hex) {
    if (c >= '0' && c <= '9') {
      return c - '0';
    }
    char lower = (char) (c | 0x20);
    return hex && lower >= 'a' && lower <= 'f' ? lower - 'a' + 10 : -1;
  }

  /** A name (qualified or not): everything up to whitespace or markup. */
  private String name() throws ReginfoException {
    int start = pos;
    while (pos < in.length()) {
      char c = in.charAt(pos);
      if (c <= ' ' || c == '/' || c == '>' || c == '=' || c == '<' || c == '"' || c == '\'' || c == '&') {
        break;
      }
      pos++;
    }
    if (pos == start) {
      throw error("expected a name");
    }
    String n = in.substring(start, pos);
    if (n.startsWith(":") || n.endsWith(":") || n.indexOf(':') != n.lastIndexOf(':')) {
      pos = start;
      throw error("bad qualified name");
    }
    return n;
  }

  private boolean skipWhitespace() {
    int start = pos;
    while (pos < in.length()) {
      char c = in.charAt(pos);
      if (c != ' ' && c != '\t' && c != '\r' && c != '\n') {
        break;
      }
      pos++;
    }
    return pos > start;
  }

  private void skipPast(String end, String what) throws ReginfoException {
    int at = in.indexOf(end, pos + 2);
    if (at < 0) {
      throw error(what + " not closed");
    }
    pos = at + end.length();
  }

  private void expect(String s) throws ReginfoException {
    if (!in.startsWith(s, pos)) {
      throw error("expected '" + s + "'");
    }
    pos += s.length();
  }

  private ReginfoException error(String what) {
    return new ReginfoException("Bad reginfo: " + what + " at offset " + pos);
  }
}
