package org.webims.sip.proxy;

import org.webims.sip.transaction.Transport;
import org.webims.sip.uri.SipUri;

/**
 * RFC 3261 §16.6 steps 4, 7 and 8: where a branch goes and what this element writes about itself on
 * that side: the transport, the Via sent-by of the local end, and the URI this element
 * Record-Routes with on that side (null when it does not). Immutable.
 */
public final class Hop {

  private final Transport transport;
  private final String viaTransport;
  private final String host;
  private final int port;
  private final SipUri recordRouteUri;

  /**
   * @param viaTransport the Via transport token ({@code UDP}, {@code TCP}, {@code WSS}, ...)
   * @param host the sent-by host of this element on that side
   * @param port the sent-by port, or -1 to leave it out
   * @param recordRouteUri this element's URI on that side, or null
   */
  public Hop(Transport transport, String viaTransport, String host, int port, SipUri recordRouteUri) {
    if (transport == null || viaTransport == null || host == null) {
      throw new IllegalArgumentException("a hop needs a transport, a Via transport and a host");
    }
    this.transport = transport;
    this.viaTransport = viaTransport;
    this.host = host;
    this.port = port;
    this.recordRouteUri = recordRouteUri;
  }

  public Transport transport() {
    return transport;
  }

  public String viaTransport() {
    return viaTransport;
  }

  public String host() {
    return host;
  }

  public int port() {
    return port;
  }

  public SipUri recordRouteUri() {
    return recordRouteUri;
  }
}
