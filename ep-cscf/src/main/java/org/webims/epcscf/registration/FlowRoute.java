package org.webims.epcscf.registration;

import java.util.Locale;
import org.webims.epcscf.core.CoreProxy.CoreHop;
import org.webims.sip.SipParseException;
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
}
