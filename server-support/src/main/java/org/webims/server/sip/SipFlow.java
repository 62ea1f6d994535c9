package org.webims.server.sip;

import java.net.InetSocketAddress;
import org.webims.sip.transaction.Transport;

/**
 * Where a SIP message came from and how to answer it (RFC 3261 §18): a UDP peer address, or a TCP
 * connection. Safe to call {@link #send} from any thread.
 */
public interface SipFlow extends Transport {

  /** {@code "UDP"} or {@code "TCP"}, as written in a Via. */
  String transport();

  /** The peer's address: the source of what was received, the destination of what is sent. */
  InetSocketAddress remote();

  /** This end's address. */
  InetSocketAddress local();

  /** False once a TCP connection has closed; a UDP flow is always open. */
  boolean isOpen();
}
