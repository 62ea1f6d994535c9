package org.webims.sip.transaction;

import org.webims.sip.message.SipResponse;

/** RFC 3261 §17.1: the transaction user (UAC core or proxy core) behind a client transaction. */
public interface ClientTransactionUser {

  /**
   * A provisional response, or the first final response; retransmitted finals never arrive here,
   * except 2xx to an INVITE, which all arrive so the TU can ACK each (RFC 6026 §7.2).
   */
  void onResponse(SipResponse response);

  /**
   * Timer F (RFC 3261 §17.1.2.2), or Timer B in Calling (§17.1.1.2), fired before a final
   * response arrived; the transaction is Terminated.
   */
  void onTimeout();

  /** The request could not be sent (RFC 3261 §17.1.4); the transaction is Terminated. */
  void onTransportError(TransportException error);
}
