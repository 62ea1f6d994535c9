package org.webims.sip.transaction;

/** RFC 3261 §17.2: the transaction user (UAS core or proxy core) that answers incoming requests. */
public interface ServerTransactionUser {

  /** A new request: answer it with {@link NonInviteServerTransaction#sendResponse}. */
  void onRequest(NonInviteServerTransaction transaction);

  /** A response could not be sent (RFC 3261 §17.2.4); the transaction is Terminated. */
  void onTransportError(NonInviteServerTransaction transaction, TransportException error);
}
