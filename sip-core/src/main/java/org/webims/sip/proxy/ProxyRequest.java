package org.webims.sip.proxy;

import java.util.Collections;
import java.util.List;
import org.webims.sip.SipParseException;
import org.webims.sip.header.Address;
import org.webims.sip.message.SipRequest;
import org.webims.sip.transaction.Transport;

/**
 * A received request after RFC 3261 §16.3 and §16.4, as the element sees it for its §16.5 decision:
 * the request with its Route values naming this element removed, those values (their parameters, an
 * RFC 5626 flow token for example, tell where in-dialog requests go), and where it came from.
 */
public final class ProxyRequest {

  private final SipRequest request;
  private final List<Address> localRoutes;
  private final Transport inbound;

  ProxyRequest(SipRequest request, List<Address> localRoutes, Transport inbound) {
    this.request = request;
    this.localRoutes = Collections.unmodifiableList(localRoutes);
    this.inbound = inbound;
  }

  public SipRequest request() {
    return request;
  }

  /** The Route values §16.4 removed because they named this element, top first; may be empty. */
  public List<Address> localRoutes() {
    return localRoutes;
  }

  public Transport inbound() {
    return inbound;
  }

  /**
   * True for a request inside a dialog (RFC 3261 §12: its To has a tag): its route set brought it
   * here, so its Request-URI is usually the only target (§16.5).
   */
  public boolean inDialog() {
    try {
      return request.to().tag() != null;
    } catch (SipParseException e) {
      return false; // §16.3 checked To; unreachable for a request the proxy passes on
    }
  }
}
