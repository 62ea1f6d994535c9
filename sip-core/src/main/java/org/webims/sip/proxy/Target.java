package org.webims.sip.proxy;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.webims.sip.header.Address;
import org.webims.sip.message.Header;
import org.webims.sip.message.SipRequest;
import org.webims.sip.transaction.Transport;
import org.webims.sip.uri.Uri;

/**
 * RFC 3261 §16.5: one target the element chose for a request, and what its branch carries besides
 * (§16.6 step 5): Routes to preload (a Service-Route, a Path), extra header lines, a next hop or
 * flow that overrides the route, and whether this element Record-Routes. Immutable.
 */
public final class Target {

  private final Uri requestUri;
  private final Uri nextHop;
  private final Transport flow;
  private final List<Address> routes;
  private final List<Header> headers;
  private final boolean recordRoute;
  private final SipRequest request;

  private Target(Builder b) {
    this.request = b.request;
    this.requestUri = b.requestUri;
    this.nextHop = b.nextHop;
    this.flow = b.flow;
    this.routes = Collections.unmodifiableList(new ArrayList<>(b.routes));
    this.headers = Collections.unmodifiableList(new ArrayList<>(b.headers));
    this.recordRoute = b.recordRoute;
  }

  /** A target that becomes the branch's Request-URI (§16.6 step 2). */
  public static Builder to(Uri requestUri) {
    if (requestUri == null) {
      throw new IllegalArgumentException("a target needs a Request-URI");
    }
    return new Builder(requestUri);
  }

  /** A plain target with nothing preloaded. */
  public static Target of(Uri requestUri) {
    return to(requestUri).build();
  }

  public Uri requestUri() {
    return requestUri;
  }

  /** The URI to send to instead of the one §16.6 step 7 finds (an outbound proxy), or null. */
  public Uri nextHop() {
    return nextHop;
  }

  /** The connection or flow to send over (RFC 5626 §5.3), or null to let the element's hop lookup choose. */
  public Transport flow() {
    return flow;
  }

  /** Route values to push on top of the request's Route, first one on top (§16.6 step 5). */
  public List<Address> routes() {
    return routes;
  }

  /** Header lines added to this branch only, each on top of the lines of its name. */
  public List<Header> headers() {
    return headers;
  }

  /** True when this element stays on the dialog's path (§16.6 step 4). */
  public boolean recordRoute() {
    return recordRoute;
  }

  /**
   * The element's own version of the received request for this branch (§16.6 step 1 copies it
   * instead), or null: an element that asserts an identity (RFC 3325 §6: P-Asserted-Identity in
   * place of P-Preferred-Identity) or removes header fields only a trusted node may set. Steps 2 to 8
   * still apply to it, Max-Forwards and Via included.
   */
  public SipRequest request() {
    return request;
  }

  /** The Request-URI only: the target may name a subscriber. */
  @Override
  public String toString() {
    return "Target " + requestUri;
  }

  /** Builds a {@link Target}. */
  public static final class Builder {
    private final Uri requestUri;
    private Uri nextHop;
    private Transport flow;
    private final List<Address> routes = new ArrayList<>(2);
    private final List<Header> headers = new ArrayList<>(2);
    private boolean recordRoute;
    private SipRequest request;

    private Builder(Uri requestUri) {
      this.requestUri = requestUri;
    }

    public Builder nextHop(Uri nextHop) {
      this.nextHop = nextHop;
      return this;
    }

    public Builder flow(Transport flow) {
      this.flow = flow;
      return this;
    }

    /** Appends a Route to preload; the first one given ends up on top. */
    public Builder route(Address route) {
      routes.add(route);
      return this;
    }

    public Builder routes(List<Address> list) {
      routes.addAll(list);
      return this;
    }

    public Builder header(String name, String value) {
      headers.add(new Header(name, value));
      return this;
    }

    public Builder recordRoute(boolean recordRoute) {
      this.recordRoute = recordRoute;
      return this;
    }

    /** See {@link Target#request()}. */
    public Builder request(SipRequest rewritten) {
      this.request = rewritten;
      return this;
    }

    public Target build() {
      return new Target(this);
    }
  }
}
