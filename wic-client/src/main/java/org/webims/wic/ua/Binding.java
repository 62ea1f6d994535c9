package org.webims.wic.ua;

import java.util.ArrayList;
import java.util.List;
import org.webims.sip.SipParseException;
import org.webims.sip.header.Address;
import org.webims.sip.message.SipResponse;

/**
 * What the registrar's last 200 OK granted (WIC-13..15): the P-Associated-URIs, the first being the
 * default IMPU, the Service-Route (the preloaded Route of every request the WIC originates, WIC-15 and
 * WIC-60), and until when; and what calls take from the registration besides (home domain, Bearer).
 * Emptied when nothing is registered.
 */
final class Binding {

  List<String> associatedUris = new ArrayList<>();
  /** Whole name-addrs, as Route header values. */
  List<String> serviceRoutes = new ArrayList<>();
  long registeredUntilMillis;
  /** The default IMPU (WIC-14: the first P-Associated-URI, else the session's): the From of calls. */
  String impu;
  /** The home domain (WIC-11): a bare callee is {@code sip:<callee>@<domain>}. */
  String domain;
  /** WIC-61: the Authorization of a token registration's last REGISTER, on every request of its calls; null with Digest. */
  String bearer;
  /** When the Bearer's token expires (epoch ms), 0 when unknown. */
  long bearerExpiresAtMillis;

  /**
   * WIC-14, 15: the lists of {@code ok} to a REGISTER of {@code session} with {@code bearer}, replacing
   * any earlier ones; registered for {@code grantedSeconds}.
   */
  void update(SipResponse ok, long nowMillis, long grantedSeconds, WicSession session, String bearer)
      throws SipParseException {
    associatedUris = uris(ok.pAssociatedUris(), false);
    impu = associatedUris.isEmpty() ? session.impus().get(0) : associatedUris.get(0);
    domain = session.realm();
    this.bearer = bearer;
    bearerExpiresAtMillis = session.expiresAtMillis();
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
