package org.webims.wic.ua;

import java.util.ArrayList;
import java.util.List;
import org.webims.sip.SipParseException;
import org.webims.sip.header.Address;
import org.webims.sip.message.SipResponse;

/**
 * What the registrar's last 200 OK granted (WIC-13..15): the P-Associated-URIs, the first being the
 * default IMPU, the Service-Route (the preloaded Route of every request the WIC originates, WIC-15 and
 * WIC-60), and until when. Emptied when nothing is registered.
 */
final class Binding {

  List<String> associatedUris = new ArrayList<>();
  /** Whole name-addrs, as Route header values. */
  List<String> serviceRoutes = new ArrayList<>();
  long registeredUntilMillis;

  /** WIC-14, 15: the lists of {@code ok}, replacing any earlier ones; registered for {@code grantedSeconds}. */
  void update(SipResponse ok, long nowMillis, long grantedSeconds) throws SipParseException {
    associatedUris = uris(ok.pAssociatedUris(), false);
    serviceRoutes = uris(ok.serviceRoutes(), true);
    registeredUntilMillis = nowMillis + grantedSeconds * 1000;
  }

  void clear() {
    associatedUris = new ArrayList<>();
    serviceRoutes = new ArrayList<>();
  }

  private static List<String> uris(List<Address> addresses, boolean whole) {
    List<String> list = new ArrayList<>(addresses.size());
    for (Address a : addresses) {
      list.add(whole ? a.toString() : a.uri().toString());
    }
    return list;
  }
}
