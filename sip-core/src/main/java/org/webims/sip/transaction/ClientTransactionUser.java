package org.webims.sip.transaction;

import org.webims.sip.message.SipResponse;

/** RFC 3261 §17.1: the transaction user (UAC core or proxy core) behind a client transaction. */
public interface ClientTransactionUser {

  /** A provisional response, or the first final response; retransmitted finals never arrive here. */
  void onResponse(SipResponse response);

  /** Timer F fired before a final response arrived (RFC 3261 §17.1.2.2); the transaction is Terminated. */
  void onTimeout();

  /** The request could not be sent (RFC 3261 §17.1.4); the transaction is Terminated. */
  void onTransportError(TransportException error);
}
