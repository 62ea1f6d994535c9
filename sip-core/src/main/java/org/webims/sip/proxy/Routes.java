package org.webims.sip.proxy;

import java.util.List;
import org.webims.sip.header.Address;
import org.webims.sip.message.HeaderNames;
import org.webims.sip.message.MessageBuilder;

/** Writes a Route list back into a message: one line, or none at all when the list is empty. */
final class Routes {

  private Routes() {
  }

  static <B extends MessageBuilder<B>> B write(B builder, List<Address> routes) {
    if (routes.isEmpty()) {
      return builder.removeHeader(HeaderNames.ROUTE);
    }
    StringBuilder line = new StringBuilder(64 * routes.size());
    for (int i = 0; i < routes.size(); i++) {
      if (i > 0) {
        line.append(", ");
      }
      line.append(routes.get(i));
    }
    return builder.setHeader(HeaderNames.ROUTE, line.toString());
  }
}
