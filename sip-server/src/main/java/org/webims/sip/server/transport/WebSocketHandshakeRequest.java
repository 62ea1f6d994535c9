package org.webims.sip.server.transport;

import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import java.net.InetSocketAddress;
import javax.net.ssl.SSLSession;
import org.webims.sip.server.flow.WebSocketFlow;

/**
 * An opening handshake as the {@link WebSocketHandshakeHook} sees it: the request's path and headers, and the
 * flow the connection becomes if it is accepted (its token, its peer, and over WSS its TLS session).
 *
 * @param path the request target's path, without the query
 */
public record WebSocketHandshakeRequest(String path, HttpHeaders headers, WebSocketFlow flow) {

  /** The {@code Origin} header (RFC 6454), null when there is none. */
  public String origin() {
    return headers.get(HttpHeaderNames.ORIGIN);
  }

  public InetSocketAddress remote() {
    return flow.remote();
  }

  /** The TLS session of a WSS connection (TS 33.203 O.2.2 binds to it); null over WS. */
  public SSLSession tlsSession() {
    return flow.tlsSession();
  }
}
