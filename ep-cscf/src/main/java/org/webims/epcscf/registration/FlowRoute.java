package org.webims.epcscf.registration;

import java.util.List;
import java.util.Locale;
import org.webims.epcscf.core.CoreProxy.CoreHop;
import org.webims.sip.SipParseException;
import org.webims.sip.header.Address;
import org.webims.sip.message.HeaderNames;
import org.webims.sip.message.SipRequest;
import org.webims.sip.uri.SipUri;
import org.webims.sip.uri.Uri;

/**
 * The eP-CSCF's URI for one WebSocket flow on the Mw side (RFC 5626 §5.3): the Path of the flow's
 * registrations (EPC-07, RFC 3327) and the Record-Route of the dialogs on it (EPC-61, RFC 3261
 * §16.6 step 4) are the same URI, {@code sip:<flow-token>@<Mw host>:<Mw port>;transport=<t>;lr},
 * so that a request from the core whose top Route is either goes over that flow (EPC-33, EPC-62).
 */
public final class FlowRoute {

  private FlowRoute() {
  }

  /** The flow's URI on the Mw hop, without angle brackets. */
  public static String uri(CoreHop hop, String flowId) {
    return "sip:" + flowId + "@" + hop.host() + ":" + hop.port() + ";transport="
        + hop.transport().toLowerCase(Locale.ROOT) + ";lr";
  }

  /**
   * True when {@code uri} names this eP-CSCF on the Mw side, as its Path and Record-Route URIs do:
   * its host and port (5060 when absent).
   */
  public static boolean namesThisNode(CoreHop hop, Uri uri) {
    if (!(uri instanceof SipUri s)) {
      return false;
    }
    int port = s.port() > 0 ? s.port() : 5060;
    return s.host().equalsIgnoreCase(hop.host()) && port == hop.port();
  }

  /** The Record-Route value the eP-CSCF adds to a dialog-initiating request on {@code flowId} (EPC-61). */
  public static String recordRoute(CoreHop hop, String flowId) {
    return "<" + uri(hop, flowId) + ">";
  }

  /**
   * True for a request outside a dialog (no To tag) whose method creates one: INVITE (RFC 3261
   * §12.1), SUBSCRIBE (RFC 6665 §4.1.2.3) and REFER (RFC 3515 §2.4.4, an implicit subscription).
   */
  public static boolean isDialogInitiating(SipRequest request) throws SipParseException {
    String m = request.method();
    boolean creates = m.equals(SipRequest.INVITE) || m.equals(SipRequest.SUBSCRIBE) || m.equals("REFER");
    return creates && request.to().tag() == null;
  }

  /** True when the request is inside a dialog: its To has a tag (RFC 3261 §12.2). */
  public static boolean isInDialog(SipRequest request) throws SipParseException {
    return request.to().tag() != null;
  }

  /**
   * RFC 3261 §16.4: {@code out} (a copy of {@code request}) without the top Route value, which names
   * this eP-CSCF; the other values of the same header line stay.
   */
  public static SipRequest.Builder withoutTopRoute(SipRequest request, SipRequest.Builder out)
      throws SipParseException {
    List<Address> first = Address.parseList(request.headerLines(HeaderNames.ROUTE).get(0), "Route");
    if (first.size() > 1) {
      StringBuilder rest = new StringBuilder();
      for (Address a : first.subList(1, first.size())) {
        rest.append(rest.length() == 0 ? "" : ", ").append(a);
      }
      out.replaceFirstHeader(HeaderNames.ROUTE, rest.toString());
    } else {
      out.removeFirstHeader(HeaderNames.ROUTE);
    }
    return out;
  }
}
