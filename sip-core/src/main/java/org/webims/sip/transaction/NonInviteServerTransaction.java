package org.webims.sip.transaction;

import java.util.function.Consumer;
import org.webims.sip.message.SipRequest;
import org.webims.sip.message.SipResponse;

/**
 * RFC 3261 §17.2.2 non-INVITE server transaction (Figure 8): passes the request to the TU once,
 * answers retransmissions with the last response sent, and keeps the final until Timer J. Made and
 * fed by {@link TransactionLayer}.
 */
public final class NonInviteServerTransaction extends Transaction {

  private final ServerTransactionUser user;
  private SipResponse lastResponse;

  NonInviteServerTransaction(String key, SipRequest request, Transport transport, TimerService timers,
      TransactionTimers config, ServerTransactionUser user, Consumer<Transaction> onTerminated) {
    super(key, request, transport, timers, config, onTerminated);
    this.user = user;
  }

  /** RFC 3261 §17.2.2: the request goes to the TU in Trying. */
  void start() {
    user.onRequest(this);
  }

  /**
   * RFC 3261 §17.2.2: sends a response from the TU. A provisional moves Trying to Proceeding; a
   * final moves to Completed for Timer J. Responses after the final are discarded.
   */
  public void sendResponse(SipResponse response) {
    if (state != TransactionState.TRYING && state != TransactionState.PROCEEDING) {
      return;
    }
    lastResponse = response;
    if (response.isProvisional()) {
      state = TransactionState.PROCEEDING;
    } else {
      complete(config.timerJ(transport.isReliable()));
    }
    send(response);
  }

  /** RFC 3261 §17.2.2: a retransmitted request is absorbed in Trying, answered again after. */
  void receiveRequest(SipRequest retransmission) {
    if (lastResponse != null && !isTerminated()) {
      send(lastResponse);
    }
  }

  @Override
  void cancelTimers() {
    // Trying and Proceeding have no timers on the server side.
  }

  @Override
  void transportFailed(TransportException error) {
    user.onTransportError(this, error);
  }
}
