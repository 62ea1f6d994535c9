package org.webims.sip.message;

import org.webims.sip.syntax.Utf8;

/** A {@link SipMessage} as text or bytes (RFC 3261 §7): start line, header lines, empty line, body. */
final class MessageEncoder {

  private MessageEncoder() {
  }

  /** The message as text, for a WebSocket text message (RFC 7118 §5.1). */
  static String encode(SipMessage m) {
    StringBuilder sb = new StringBuilder(estimateSize(m));
    appendHead(m, sb);
    if (m.body.length > 0) {
      sb.append(Utf8.decode(m.body));
    }
    return sb.toString();
  }

  /** The message as bytes, for TCP or UDP. */
  static byte[] toBytes(SipMessage m) {
    byte[] ascii = asciiBytes(m);
    if (ascii != null) {
      return ascii;
    }
    StringBuilder sb = new StringBuilder(estimateSize(m));
    appendHead(m, sb);
    byte[] head = Utf8.encode(sb.toString());
    if (m.body.length == 0) {
      return head;
    }
    byte[] out = new byte[head.length + m.body.length];
    System.arraycopy(head, 0, out, 0, head.length);
    System.arraycopy(m.body, 0, out, head.length, m.body.length);
    return out;
  }

  /**
   * Writes the message straight into one array when its head is ASCII (nearly always): no
   * intermediate String. Null when a non-ASCII character needs the UTF-8 path.
   */
  private static byte[] asciiBytes(SipMessage m) {
    String start = m.startLine();
    int size = start.length() + 4 + m.body.length;
    for (Header h : m.headers) {
      size += h.name().length() + h.value().length() + 4;
    }
    byte[] out = new byte[size];
    int o = put(start, out, 0);
    if (o < 0) {
      return null;
    }
    out[o++] = '\r';
    out[o++] = '\n';
    for (Header h : m.headers) {
      o = put(h.name(), out, o);
      if (o < 0) {
        return null;
      }
      out[o++] = ':';
      out[o++] = ' ';
      o = put(h.value(), out, o);
      if (o < 0) {
        return null;
      }
      out[o++] = '\r';
      out[o++] = '\n';
    }
    out[o++] = '\r';
    out[o++] = '\n';
    System.arraycopy(m.body, 0, out, o, m.body.length);
    return out;
  }

  /** Copies ASCII {@code s} into {@code out} at {@code o}; returns the new offset, or -1 on non-ASCII. */
  private static int put(String s, byte[] out, int o) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c >= 0x80) {
        return -1;
      }
      out[o++] = (byte) c;
    }
    return o;
  }

  private static int estimateSize(SipMessage m) {
    int n = 64 + m.body.length;
    for (Header h : m.headers) {
      n += h.name().length() + h.value().length() + 4;
    }
    return n;
  }

  private static void appendHead(SipMessage m, StringBuilder sb) {
    sb.append(m.startLine()).append("\r\n");
    for (Header h : m.headers) {
      sb.append(h.name()).append(": ").append(h.value()).append("\r\n");
    }
    sb.append("\r\n");
  }
}
