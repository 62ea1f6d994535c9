package org.webims.sip.proxy;

import java.util.List;
import org.webims.sip.SipParseException;
import org.webims.sip.header.Via;
import org.webims.sip.message.HeaderNames;
import org.webims.sip.message.SipResponse;

/** RFC 3261 §16.7 step 3: a response loses the top Via, this element's, before it goes upstream. */
final class TopVia {

  private TopVia() {
  }

  /** Removes the first Via value, which may share its line with others. */
  static SipResponse remove(SipResponse response) throws SipParseException {
    String first = response.header(HeaderNames.VIA);
    if (first == null) {
      return response;
    }
    List<Via> line = Via.parseList(first);
    SipResponse.Builder b = response.toBuilder();
    if (line.size() == 1) {
      return b.removeFirstHeader(HeaderNames.VIA).build();
    }
    StringBuilder rest = new StringBuilder(first.length());
    for (int i = 1; i < line.size(); i++) {
      if (i > 1) {
        rest.append(", ");
      }
      rest.append(line.get(i));
    }
    return b.replaceFirstHeader(HeaderNames.VIA, rest.toString()).build();
  }
}
