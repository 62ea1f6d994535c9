package org.webims.epcscf.websocket;

import java.net.InetSocketAddress;
import org.webims.sip.message.SipMessage;

/**
 * One WebSocket connection from a WIC (RFC 5626 §3 "flow"; RFC 7118 §5): the unit the eP-CSCF
 * keeps registration state for and the only way back to that WIC (EPC-06).
 */
public interface WicFlow {

  /** The flow token: names this connection in the Path URI (EPC-07); random, not guessable. */
  String id();

  /** The WIC's address as seen by the eP-CSCF: {@code received} and {@code rport} (EPC-04). */
  InetSocketAddress remote();

  /** The WIC's IP address as text: what abuse limits and refusal logs count per (never null). */
  default String sourceAddress() {
    InetSocketAddress r = remote();
    return r == null || r.getAddress() == null ? "unknown" : r.getAddress().getHostAddress();
  }

  /** Sends one SIP message in one WebSocket text message; dropped when the connection is gone. */
  void send(SipMessage message);

  boolean isOpen();

  /**
   * Closes the connection with an RFC 6455 §7.4 status {@code code} and {@code reason}; the close is
   * then handled as for any other (flow loss, EPC-43). Nothing happens when it is already closed.
   */
  void close(int code, String reason);

  /**
   * The identity of this connection's TLS session as seen at the handshake ({@link TlsSessionCapture}: the
   * TLS session id in hex, or a random identity of the connection where the TLS provider assigns no id), or
   * null over plain WebSocket. Scenario 1 binds it to the IMPI (EPC-13, 14).
   */
  String tlsSessionId();
}
