package org.webims.sip.transaction;

import org.webims.sip.message.SipRequest;

/** RFC 3261 §17.2.1 with RFC 6026: the TU (UAS core or proxy core) that answers INVITEs. */
public interface InviteServerTransactionUser {

  /**
   * A new INVITE: answer it with {@link InviteServerTransaction#sendResponse}. Answering before
   * returning spares the 100 Trying the transaction otherwise sends at once (§17.2.1).
   */
  void onInvite(InviteServerTransaction transaction);

  /**
   * An ACK for a 2xx (RFC 6026 §7.1, §8.7): it is a transaction of its own, so it arrives here
   * whether it matches an INVITE transaction in Accepted or none at all; the dialog layer owns it.
   */
  void onAck(SipRequest ack, Transport transport);

  /** Timer H fired: no ACK came for a 300-699 (RFC 3261 §17.2.1); the transaction is Terminated. */
  void onTimeout(InviteServerTransaction transaction);

  /** A response could not be sent (RFC 3261 §17.2.4); the transaction is Terminated. */
  void onTransportError(InviteServerTransaction transaction, TransportException error);
}
