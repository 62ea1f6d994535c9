package org.webims.sip.transaction;

import java.util.function.Consumer;
import org.webims.sip.message.SipRequest;
import org.webims.sip.message.SipResponse;

/**
 * RFC 3261 §17.2.1 INVITE server transaction (Figure 7) as amended by RFC 6026 §7.1: answers with
 * 100 Trying unless the TU answered at once, repeats the last provisional for retransmitted INVITEs,
 * retransmits a 300-699 on Timer G until the ACK (Confirmed, Timer I) or Timer H, and after a 2xx
 * waits in Accepted for Timer L, absorbing INVITE retransmissions while the TU retransmits the 2xx.
 * Made and fed by {@link TransactionLayer}.
 */
public final class InviteServerTransaction extends Transaction {

  /** RFC 3261 §20.38; kept here rather than in HeaderNames, whose constants wic.js carries. */
  private static final String TIMESTAMP = "Timestamp";

  private final InviteServerTransactionUser user;
  private SipResponse lastResponse;
  private TimerService.Timer timerG;
  private TimerService.Timer timerH;
  private long intervalG;

  InviteServerTransaction(String key, SipRequest request, Transport transport, TimerService timers,
      TransactionTimers config, InviteServerTransactionUser user, Consumer<Transaction> onTerminated) {
    super(key, request, transport, timers, config, onTerminated);
    this.user = user;
    this.state = TransactionState.PROCEEDING;
  }

  /**
   * RFC 3261 §17.2.1: the INVITE goes to the TU in Proceeding. The transaction "MUST generate a 100
   * (Trying) unless it knows that the TU will generate a provisional or final response within 200
   * ms": the only TU it knows that of is one that answered before returning, so any other gets the
   * 100 at once. That quenches the client's Timer A before its first retransmission and needs no timer.
   */
  void start() {
    user.onInvite(this);
    if (lastResponse == null && state == TransactionState.PROCEEDING) {
      sendResponse(trying(request));
    }
  }

  /**
   * RFC 3261 §17.2.1 with RFC 6026 §8.5: a 1xx stays in Proceeding; a 2xx moves to Accepted, where
   * further 2xx from the TU (its own retransmissions, §13.3.1.4) are sent too; a 300-699 moves to
   * Completed. Anything else is discarded.
   */
  public void sendResponse(SipResponse response) {
    if (state == TransactionState.ACCEPTED) {
      if (response.isSuccess()) {
        send(response);
      }
      return;
    }
    if (state != TransactionState.PROCEEDING) {
      return;
    }
    lastResponse = response;
    if (response.isSuccess()) {
      linger(TransactionState.ACCEPTED, config.transactionTimeout());
    } else if (!response.isProvisional()) {
      state = TransactionState.COMPLETED;
      if (!transport.isReliable()) {
        intervalG = config.t1();
        timerG = timers.schedule(intervalG, new Tick(TIMER_G));
      }
      timerH = timers.schedule(config.transactionTimeout(), new Tick(TIMER_H));
    }
    send(response);
  }

  /**
   * RFC 3261 §17.2.1: a retransmitted INVITE gets the last provisional again in Proceeding and the
   * final again in Completed; RFC 6026 §7.1: Accepted absorbs it, as does Confirmed.
   */
  void receiveRequest(SipRequest retransmission) {
    if (state == TransactionState.PROCEEDING || state == TransactionState.COMPLETED) {
      send(lastResponse);
    }
  }

  /**
   * RFC 3261 §17.2.1: the ACK for a 300-699 ends Completed (Timer I to absorb its retransmissions);
   * RFC 6026 §7.1: an ACK matching in Accepted acknowledges a 2xx and belongs to the TU.
   */
  void receiveAck(SipRequest ack) {
    if (state == TransactionState.COMPLETED) {
      linger(TransactionState.CONFIRMED, config.timerI(transport.isReliable()));
    } else if (state == TransactionState.ACCEPTED) {
      user.onAck(ack, transport);
    }
  }

  /** RFC 3261 §17.2.1: doubling from T1 up to T2, in Completed only. */
  private static final int TIMER_G = 1;
  private static final int TIMER_H = 2;

  @Override
  void onTimer(int timer) {
    if (timer == TIMER_G) {
      onTimerG();
    } else if (timer == TIMER_H) {
      onTimerH();
    } else {
      super.onTimer(timer);
    }
  }

  private void onTimerG() {
    if (state != TransactionState.COMPLETED) {
      return;
    }
    intervalG = Math.min(2 * intervalG, config.t2());
    timerG = timers.schedule(intervalG, new Tick(TIMER_G));
    send(lastResponse);
  }

  private void onTimerH() {
    if (state == TransactionState.COMPLETED) {
      terminate();
      user.onTimeout(this);
    }
  }

  /** §8.2.6.1: a 100 copies Timestamp and, having no dialog to speak for, adds no To tag. */
  private static SipResponse trying(SipRequest invite) {
    SipResponse.Builder trying = SipResponse.to(invite, 100, null);
    String timestamp = invite.header(TIMESTAMP);
    if (timestamp != null) {
      trying.header(TIMESTAMP, timestamp);
    }
    return trying.build();
  }

  @Override
  void cancelTimers() {
    cancel(timerG);
    cancel(timerH);
  }

  @Override
  void transportFailed(TransportException error) {
    user.onTransportError(this, error);
  }
}
