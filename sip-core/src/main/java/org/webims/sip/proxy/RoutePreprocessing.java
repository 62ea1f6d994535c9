package org.webims.sip.proxy;

import java.util.ArrayList;
import java.util.List;
import org.webims.sip.SipParseException;
import org.webims.sip.header.Address;
import org.webims.sip.message.SipRequest;
import org.webims.sip.transaction.Transport;

/**
 * RFC 3261 §16.4: route information preprocessing. Undoes what a strict router upstream did, and
 * removes the Route values that name this element (both of them after double Record-Route, RFC
 * 5658 §3.3), so that what is left says where the request goes next.
 */
final class RoutePreprocessing {

  private RoutePreprocessing() {
  }

  /**
   * @param element tells which URIs name this element
   * @throws SipParseException when Route does not parse (§16.3 checked it already)
   */
  static ProxyRequest apply(SipRequest request, Transport inbound, ProxyElement element) throws SipParseException {
    List<Address> routes = new ArrayList<>(request.routes()); // the message's view is shared and read-only
    SipRequest.Builder changed = null;
    // A strict router upstream put our Record-Route URI in the Request-URI and the target at the
    // bottom of Route: restore the Request-URI from the last Route value.
    if (!routes.isEmpty() && element.isLocal(request.requestUri())) {
      Address last = routes.remove(routes.size() - 1);
      changed = request.toBuilder().requestUri(last.uri());
    }
    List<Address> local = new ArrayList<>(2);
    while (!routes.isEmpty() && element.isLocal(routes.get(0).uri())) {
      local.add(routes.remove(0));
    }
    if (changed == null && local.isEmpty()) {
      return new ProxyRequest(request, local, inbound);
    }
    if (changed == null) {
      changed = request.toBuilder();
    }
    return new ProxyRequest(Routes.write(changed, routes).build(), local, inbound);
  }
}
