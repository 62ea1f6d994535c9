package org.webims.wic.ua;

/** Opens WebSockets asking for a subprotocol (RFC 6455 §4.1, {@code Sec-WebSocket-Protocol}). */
public interface WebSocketFactory {

  SipConnection open(String url, String subprotocol, SipConnection.Listener listener);
}
