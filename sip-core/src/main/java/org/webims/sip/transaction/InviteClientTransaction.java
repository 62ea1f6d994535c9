package org.webims.sip.transaction;

import java.util.function.Consumer;
import org.webims.sip.SipParseException;
import org.webims.sip.message.SipRequest;
import org.webims.sip.message.SipResponse;

/**
 * RFC 3261 §17.1.1 INVITE client transaction (Figure 5) as amended by RFC 6026 §7.2: sends the
 * INVITE, retransmits it on Timer A over unreliable transports, gives up on Timer B, ACKs 300-699
 * itself and waits Timer D, and after a 2xx waits in Accepted for Timer M so that 2xx
 * retransmissions still reach the TU (which ACKs them end to end). Made and fed by {@link
 * TransactionLayer}.
 */
public final class InviteClientTransaction extends Transaction {

  private final ClientTransactionUser user;
  private TimerService.Timer timerA;
  private TimerService.Timer timerB;
  private long intervalA;
  private SipRequest ack;

  InviteClientTransaction(String key, SipRequest request, Transport transport, TimerService timers,
      TransactionTimers config, ClientTransactionUser user, Consumer<Transaction> onTerminated) {
    super(key, request, transport, timers, config, onTerminated);
    this.user = user;
    this.state = TransactionState.CALLING;
  }

  /** RFC 3261 §17.1.1.2: arms Timers A (unreliable only) and B, then sends the INVITE. */
  void start() {
    if (!transport.isReliable()) {
      intervalA = config.t1();
      timerA = timers.schedule(intervalA, new Tick(TIMER_A));
    }
    timerB = timers.schedule(config.transactionTimeout(), new Tick(TIMER_B));
    send(request);
  }

  /**
   * RFC 3261 §17.1.1.2 with RFC 6026 §8.4: 1xx and the first 300-699 go to the TU, and so does every
   * 2xx until Timer M, retransmissions included, because only the TU can ACK a 2xx. A retransmitted
   * 300-699 gets the same ACK again and stays here.
   *
   * @throws SipParseException when a 300-699 has no usable To, so no ACK can be built
   */
  void receiveResponse(SipResponse response) throws SipParseException {
    if (state == TransactionState.CALLING || state == TransactionState.PROCEEDING) {
      if (response.isProvisional()) {
        // Figure 5: Proceeding has neither retransmissions nor a timeout; the TU decides (CANCEL, Timer C).
        cancelTimers();
        state = TransactionState.PROCEEDING;
      } else if (response.isSuccess()) {
        linger(TransactionState.ACCEPTED, config.transactionTimeout());
      } else {
        ack = AckForNon2xx.build(request, response);
        complete(config.timerD(transport.isReliable()));
        // The TU hears of the final before any failure to send the ACK, which it may get next.
        user.onResponse(response);
        send(ack);
        return;
      }
      user.onResponse(response);
    } else if (state == TransactionState.COMPLETED && !response.isProvisional() && !response.isSuccess()) {
      send(ack);
    } else if (state == TransactionState.ACCEPTED && response.isSuccess()) {
      user.onResponse(response);
    }
  }

  /**
   * RFC 3261 §9.1 and §16.8: the TU gives up on a transaction that got no final response 64*T1
   * after its CANCEL, or when Timer C fired before any provisional; it is Terminated without a
   * word to the TU, which acts as if a 487 or 408 had come.
   */
  public void abandon() {
    terminate();
  }

  /** RFC 3261 §17.1.1.2: Timer A doubles without the T2 cap of non-INVITE Timer E, in Calling only. */
  private static final int TIMER_A = 1;
  private static final int TIMER_B = 2;

  @Override
  void onTimer(int timer) {
    if (timer == TIMER_A) {
      onTimerA();
    } else if (timer == TIMER_B) {
      onTimerB();
    } else {
      super.onTimer(timer);
    }
  }

  private void onTimerA() {
    if (state != TransactionState.CALLING) {
      return;
    }
    intervalA = 2 * intervalA;
    timerA = timers.schedule(intervalA, new Tick(TIMER_A));
    send(request);
  }

  private void onTimerB() {
    if (state == TransactionState.CALLING) {
      terminate();
      user.onTimeout();
    }
  }

  @Override
  void cancelTimers() {
    cancel(timerA);
    cancel(timerB);
  }

  @Override
  void transportFailed(TransportException error) {
    user.onTransportError(error);
  }
}
