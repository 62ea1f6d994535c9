package org.webims.epcscf.registration;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import org.webims.sip.SipParseException;
import org.webims.sip.header.Via;
import org.webims.sip.syntax.Parameters;

/** RFC 3581 §4 and RFC 3261 §18.2.1 on the WIC's Via (EPC-04, EPC-05). */
final class Rfc3581 {

  private Rfc3581() {
  }

  /**
   * The first Via value of a header line with {@code received} set to the source address and,
   * when the WIC asked with an empty {@code rport}, {@code rport} set to the source port; written
   * {@code ;rport=<port>;received=<ip>} in the place of {@code ;rport} as in RFC 3581 §4 and
   * checklist §5.2. Other values on the same line stay as they were.
   */
  static String stamp(String viaLine, InetSocketAddress source) throws SipParseException {
    List<Via> vias = Via.parseList(viaLine);
    Via top = vias.get(0);
    String ip = source.getAddress().getHostAddress();
    Parameters p = top.parameters();
    List<String> pairs = new ArrayList<>(p.size() * 2 + 4);
    boolean stamped = false;
    for (int i = 0; i < p.size(); i++) {
      String name = p.name(i);
      if (name.equalsIgnoreCase("received")) {
        continue;
      }
      if (name.equalsIgnoreCase("rport")) {
        pairs.add(name);
        pairs.add(Integer.toString(source.getPort()));
        pairs.add("received");
        pairs.add(ip);
        stamped = true;
        continue;
      }
      pairs.add(name);
      pairs.add(p.value(i));
    }
    if (!stamped) {
      pairs.add("received");
      pairs.add(ip);
    }
    StringBuilder sb = new StringBuilder(96);
    sb.append(top.protocol()).append('/').append(top.transport()).append(' ').append(top.host());
    if (top.port() >= 0) {
      sb.append(':').append(top.port());
    }
    Parameters.of(pairs).appendTo(sb);
    for (int i = 1; i < vias.size(); i++) {
      sb.append(", ").append(vias.get(i));
    }
    return sb.toString();
  }
}
