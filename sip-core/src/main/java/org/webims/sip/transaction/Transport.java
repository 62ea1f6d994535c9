package org.webims.sip.transaction;

import org.webims.sip.message.SipMessage;

/** RFC 3261 §18: the transport layer below a transaction, one connection or flow. */
public interface Transport {

  /**
   * True for WS, WSS, TCP and TLS, false for UDP: only over an unreliable transport do
   * transactions retransmit and linger in Completed (RFC 3261 §17.1.2.2, §17.2.2).
   */
  boolean isReliable();

  /** Sends one message; throws when the transport cannot (RFC 3261 §18.1.1, §18.2.2). */
  void send(SipMessage message) throws TransportException;
}
