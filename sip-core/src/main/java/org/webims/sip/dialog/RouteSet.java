package org.webims.sip.dialog;

import java.util.ArrayList;
import java.util.List;
import org.webims.sip.header.Address;
import org.webims.sip.syntax.ReadOnlyList;
import org.webims.sip.uri.SipUri;
import org.webims.sip.uri.Uri;

/**
 * The RFC 3261 §12.1 route set of a dialog: the Record-Route URIs, fixed when the dialog is created,
 * in the order this side sends through them. {@link #target(Uri)} applies §12.2.1.1 to place a request.
 */
public final class RouteSet {

  public static final RouteSet EMPTY = new RouteSet(ReadOnlyList.copyOf(new ArrayList<Address>()));

  private final List<Address> routes;

  private RouteSet(List<Address> routes) {
    this.routes = routes;
  }

  /**
   * §12.1.1: the UAS keeps the Record-Route of the request it received in order, since the top entry
   * is the proxy nearest to it.
   */
  public static RouteSet inOrder(List<Address> recordRoutes) {
    return of(recordRoutes, false);
  }

  /**
   * §12.1.2: the UAC reverses the Record-Route of the response, since the bottom entry is the proxy
   * nearest to it.
   */
  public static RouteSet reversed(List<Address> recordRoutes) {
    return of(recordRoutes, true);
  }

  private static RouteSet of(List<Address> recordRoutes, boolean reverse) {
    if (recordRoutes.isEmpty()) {
      return EMPTY;
    }
    List<Address> copy = new ArrayList<>(recordRoutes.size());
    for (int i = 0; i < recordRoutes.size(); i++) {
      copy.add(recordRoutes.get(reverse ? recordRoutes.size() - 1 - i : i));
    }
    return new RouteSet(ReadOnlyList.copyOf(copy));
  }

  /** The routes in sending order. */
  public List<Address> routes() {
    return routes;
  }

  public boolean isEmpty() {
    return routes.isEmpty();
  }

  /** True when the first route is a strict router (RFC 2543 style): its URI has no {@code lr}. */
  public boolean firstIsStrict() {
    return !routes.isEmpty() && isStrictRouter(routes.get(0).uri());
  }

  /** RFC 3261 §16.6 step 6, §12.2.1.1: a Route URI without {@code lr} names a strict router. */
  public static boolean isStrictRouter(Uri route) {
    return !(route instanceof SipUri) || !((SipUri) route).hasParameter("lr");
  }

  /**
   * §12.2.1.1: where a request to {@code remoteTarget} goes. Loose routing (empty set, or first route
   * with {@code lr}): Request-URI = remote target, Route = the set. Strict routing: Request-URI = the
   * first route's URI without parameters a Request-URI may not carry, Route = the rest followed by
   * the remote target, so that the strict router finds the target at the bottom.
   */
  public RequestTarget target(Uri remoteTarget) {
    if (!firstIsStrict()) {
      return new RequestTarget(remoteTarget, routes);
    }
    List<Address> rest = new ArrayList<>(routes.size());
    for (int i = 1; i < routes.size(); i++) {
      rest.add(routes.get(i));
    }
    rest.add(Address.of(remoteTarget));
    return new RequestTarget(requestUriOf(routes.get(0).uri()), ReadOnlyList.copyOf(rest));
  }

  /**
   * §19.1.1 Table 1: a Route URI made Request-URI (strict routing, §12.2.1.1 and §16.6 step 6)
   * loses {@code method} and URI headers, which a Request-URI may not carry.
   */
  public static Uri requestUriOf(Uri uri) {
    if (!(uri instanceof SipUri)) {
      return uri;
    }
    SipUri sip = (SipUri) uri;
    if (!sip.hasParameter("method") && sip.headers() == null) {
      return sip;
    }
    return sip.toBuilder().parameters(sip.parameters().without("method")).headers(null).build();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof RouteSet && routes.equals(((RouteSet) o).routes);
  }

  @Override
  public int hashCode() {
    return routes.hashCode();
  }

  @Override
  public String toString() {
    return routes.toString();
  }

  /** A request's Request-URI and Route header values, in order. */
  public static final class RequestTarget {

    private final Uri requestUri;
    private final List<Address> routes;

    RequestTarget(Uri requestUri, List<Address> routes) {
      this.requestUri = requestUri;
      this.routes = routes;
    }

    public Uri requestUri() {
      return requestUri;
    }

    public List<Address> routes() {
      return routes;
    }
  }
}
