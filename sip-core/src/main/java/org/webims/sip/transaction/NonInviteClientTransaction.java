package org.webims.sip.transaction;

import java.util.function.Consumer;
import org.webims.sip.message.SipRequest;
import org.webims.sip.message.SipResponse;

/**
 * RFC 3261 §17.1.2 non-INVITE client transaction (Figure 6): sends the request, retransmits it on
 * Timer E over unreliable transports, gives up on Timer F, and absorbs retransmitted finals until
 * Timer K. Made and fed by {@link TransactionLayer}.
 */
public final class NonInviteClientTransaction extends Transaction {

  private final ClientTransactionUser user;
  private TimerService.Timer timerE;
  private TimerService.Timer timerF;
  private long intervalE;

  NonInviteClientTransaction(String key, SipRequest request, Transport transport, TimerService timers,
      TransactionTimers config, ClientTransactionUser user, Consumer<Transaction> onTerminated) {
    super(key, request, transport, timers, config, onTerminated);
    this.user = user;
  }

  /** RFC 3261 §17.1.2.2: arms Timers E (unreliable only) and F, then sends the request. */
  void start() {
    if (!transport.isReliable()) {
      intervalE = config.t1();
      timerE = timers.schedule(intervalE, new Tick(TIMER_E));
    }
    timerF = timers.schedule(config.transactionTimeout(), new Tick(TIMER_F));
    send(request);
  }

  /** RFC 3261 §17.1.2.2: provisional and first final go to the TU; the rest is absorbed. */
  void receiveResponse(SipResponse response) {
    if (state != TransactionState.TRYING && state != TransactionState.PROCEEDING) {
      return;
    }
    if (response.isProvisional()) {
      state = TransactionState.PROCEEDING;
    } else {
      complete(config.timerK(transport.isReliable()));
    }
    user.onResponse(response);
  }

  /** RFC 3261 §17.1.2.2: doubling from T1 up to T2 in Trying, T2 in Proceeding. */
  private static final int TIMER_E = 1;
  private static final int TIMER_F = 2;

  @Override
  void onTimer(int timer) {
    if (timer == TIMER_E) {
      onTimerE();
    } else if (timer == TIMER_F) {
      onTimerF();
    } else {
      super.onTimer(timer);
    }
  }

  private void onTimerE() {
    if (state == TransactionState.TRYING) {
      intervalE = Math.min(2 * intervalE, config.t2());
    } else if (state == TransactionState.PROCEEDING) {
      intervalE = config.t2();
    } else {
      return;
    }
    timerE = timers.schedule(intervalE, new Tick(TIMER_E));
    send(request);
  }

  private void onTimerF() {
    if (state == TransactionState.TRYING || state == TransactionState.PROCEEDING) {
      terminate();
      user.onTimeout();
    }
  }

  @Override
  void cancelTimers() {
    cancel(timerE);
    cancel(timerF);
  }

  @Override
  void transportFailed(TransportException error) {
    user.onTransportError(error);
  }
}
