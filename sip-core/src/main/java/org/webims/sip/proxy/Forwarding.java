package org.webims.sip.proxy;

import java.util.ArrayList;
import java.util.List;
import org.webims.sip.SipParseException;
import org.webims.sip.dialog.RouteSet;
import org.webims.sip.header.Address;
import org.webims.sip.header.Via;
import org.webims.sip.message.Header;
import org.webims.sip.message.HeaderNames;
import org.webims.sip.message.SipRequest;
import org.webims.sip.transaction.TransportException;
import org.webims.sip.uri.SipUri;
import org.webims.sip.uri.Uri;

/**
 * RFC 3261 §16.6 steps 1 to 8: the request one branch sends toward one target, and the hop it goes
 * to. Step 9 (Content-Length) is the builder's; steps 10 and 11 (client transaction, Timer C) are
 * {@link Branch}'s.
 */
final class Forwarding {

  /** RFC 3261 §16.6 step 3: the Max-Forwards of a request that came without one. */
  static final int DEFAULT_MAX_FORWARDS = 70;

  private Forwarding() {
  }

  /** What a branch sends and where. */
  static final class Outgoing {
    final SipRequest request;
    final Hop hop;

    Outgoing(SipRequest request, Hop hop) {
      this.request = request;
      this.hop = hop;
    }
  }

  /**
   * @param received the request after §16.4
   * @param branch the new Via branch, magic cookie included
   * @throws TransportException when the element knows no way to the next hop
   * @throws SipParseException when Max-Forwards or Route does not parse (§16.3 checked both)
   */
  static Outgoing forward(ProxyRequest received, Target target, String branch, ProxyElement element)
      throws TransportException, SipParseException {
    SipRequest request = target.request() != null ? target.request() : received.request();
    // Step 1 and 2: a copy (of the element's rewrite, when it made one) with the target as Request-URI.
    SipRequest.Builder copy = request.toBuilder();
    Uri requestUri = target.requestUri();
    // Step 3.
    int maxForwards = request.maxForwards();
    copy.setHeader(HeaderNames.MAX_FORWARDS,
        Integer.toString(maxForwards < 0 ? DEFAULT_MAX_FORWARDS : maxForwards - 1));
    // Step 5: preloaded Route on top, then the branch's own header lines.
    List<Address> routes = new ArrayList<>(target.routes());
    routes.addAll(request.routes());
    List<Header> extra = target.headers();
    for (int i = extra.size() - 1; i >= 0; i--) {
      copy.prependHeader(extra.get(i).name(), extra.get(i).value());
    }
    // Step 6: a strict router next gets the Request-URI at the bottom of Route and its own URI as
    // Request-URI (§16.12's "request to a strict router").
    boolean strict = !routes.isEmpty() && RouteSet.isStrictRouter(routes.get(0).uri());
    if (strict) {
      routes.add(Address.of(requestUri));
      requestUri = RouteSet.requestUriOf(routes.remove(0).uri());
    }
    copy.requestUri(requestUri);
    Routes.write(copy, routes);
    // Step 7: the top Route when loose, else the Request-URI (the strict router's); unless the
    // element chose a hop.
    Uri nextHop = target.nextHop() != null ? target.nextHop()
        : strict || routes.isEmpty() ? requestUri : routes.get(0).uri();
    Hop hop = element.hop(target, nextHop);
    // Step 4, after the hop is known because the outbound side's URI depends on it.
    if (target.recordRoute()) {
      recordRoute(copy, element.recordRouteUri(received.inbound()), hop.recordRouteUri());
    }
    // Step 8.
    copy.prependHeader(HeaderNames.VIA, Via.of(hop.viaTransport(), hop.host(), hop.port(), branch).toString());
    return new Outgoing(copy.build(), hop);
  }

  /**
   * RFC 3261 §16.6 step 4 with RFC 5658 §3.2: one Record-Route when both sides use the same URI;
   * two when they differ (WSS toward the WIC, TCP toward the core), the outbound side's on top, so
   * that each side's route set starts with the URI it can reach.
   */
  private static void recordRoute(SipRequest.Builder copy, SipUri inbound, SipUri outbound) {
    if (inbound != null && !inbound.equals(outbound)) {
      copy.prependHeader(HeaderNames.RECORD_ROUTE, Address.of(loose(inbound)).toString());
    }
    if (outbound != null) {
      copy.prependHeader(HeaderNames.RECORD_ROUTE, Address.of(loose(outbound)).toString());
    }
  }

  /** RFC 3261 §16.6 step 4: the URI "SHOULD" carry {@code lr}; this proxy is always a loose router. */
  private static SipUri loose(SipUri uri) {
    return uri.hasParameter("lr") ? uri : uri.withParameter("lr", null);
  }
}
