package org.webims.sip.proxy;

import org.webims.sip.message.SipResponse;
import org.webims.sip.transaction.Transport;
import org.webims.sip.transaction.TransportException;
import org.webims.sip.uri.SipUri;
import org.webims.sip.uri.Uri;

/**
 * What the element (eP-CSCF, S-CSCF, ...) tells the proxy core: where requests go and what names it.
 * Every method is called on the loop that runs the proxy and must not block.
 */
public interface ProxyElement {

  /**
   * RFC 3261 §16.5: chooses the targets of a request that passed §16.3 and §16.4. Also asked for
   * ACK to 2xx, which is forwarded to the first target without a transaction (§16.11).
   */
  void decide(ProxyRequest request, Decision decision);

  /**
   * RFC 3261 §16.4: true when {@code uri} names this element: a URI it put in Record-Route or
   * Path, or one of its own addresses. Not a domain it serves: a Request-URI for which this is true
   * while a Route is present is taken for a strict router's doing and replaced by the last Route.
   */
  boolean isLocal(Uri uri);

  /**
   * RFC 3261 §16.6 step 7 and §18: the transport toward {@code nextHop}, or toward {@code
   * target.flow()} when the target names one, with this element's sent-by and Record-Route URI on
   * that side.
   *
   * @throws TransportException when there is no way there (the branch then answers 503, §16.9)
   */
  Hop hop(Target target, Uri nextHop) throws TransportException;

  /**
   * RFC 3261 §16.6 step 4: this element's Record-Route URI on the side {@code inbound} belongs to, or
   * null. When it differs from the outbound hop's, both are inserted (RFC 5658 §3.2).
   */
  SipUri recordRouteUri(Transport inbound);

  /**
   * RFC 3261 §16.7 step 6, before the choice: the non-2xx final of the branch toward {@code target}
   * (the target instance the element chose), top Via removed, or the 408, 503 or 430 the branch
   * counts as (§16.8, §16.9). Returns what joins the selection: {@code response} itself, or the
   * element's replacement. An authoritative proxy learns here that a flow failed (a 430, RFC 5626
   * §5.3) and ends the binding. Not called for 2xx, which go upstream as received (step 5).
   */
  default SipResponse branchFinal(ProxyRequest request, Target target, SipResponse response) {
    return response;
  }
}
