package org.webims.sip.transaction;

import java.util.function.Consumer;
import org.webims.sip.message.SipMessage;
import org.webims.sip.message.SipRequest;

/**
 * RFC 3261 §17: what client and server transactions share: the request that made the transaction,
 * its state, sending through the transport, and the wait in Completed before Terminated. Changes
 * state before sending or calling the TU, so a TU that calls back in sees the new state.
 */
public abstract class Transaction {

  final SipRequest request;
  final Transport transport;
  final TimerService timers;
  final TransactionTimers config;
  int state = TransactionState.TRYING;
  private final String key;
  private final Consumer<Transaction> onTerminated;
  private TimerService.Timer completedTimer;

  Transaction(String key, SipRequest request, Transport transport, TimerService timers, TransactionTimers config,
      Consumer<Transaction> onTerminated) {
    this.key = key;
    this.request = request;
    this.transport = transport;
    this.timers = timers;
    this.config = config;
    this.onTerminated = onTerminated;
  }

  /** The request that created the transaction. */
  public SipRequest request() {
    return request;
  }

  /** The connection or flow the transaction sends on: where a server transaction's request came from. */
  public Transport transport() {
    return transport;
  }

  public int state() {
    return state;
  }

  public boolean isTerminated() {
    return state == TransactionState.TERMINATED;
  }

  /** The matching key (RFC 3261 §17.1.3, §17.2.3) under which the layer files this transaction. */
  String key() {
    return key;
  }

  /** Sends; on failure enters Terminated and tells the TU (RFC 3261 §17.1.4, §17.2.4). */
  final boolean send(SipMessage message) {
    try {
      transport.send(message);
      return true;
    } catch (TransportException e) {
      terminate();
      transportFailed(e);
      return false;
    }
  }

  /**
   * The transport reports, after {@link Transport#send} returned, that a message did not leave (an
   * asynchronous connect failed) or that the connection is gone: as for a send that throws, the
   * transaction terminates and the TU hears it, unless a final response has already come or gone.
   */
  final void sendFailedLater(TransportException error) {
    if (state == TransactionState.CALLING || state == TransactionState.TRYING
        || state == TransactionState.PROCEEDING) {
      terminate();
      transportFailed(error);
    }
  }

  /** Enters Completed and stays for {@code wait} ms (Timer K, J or D); zero terminates at once. */
  final void complete(long wait) {
    linger(TransactionState.COMPLETED, wait);
  }

  /**
   * Stops the timers of the earlier states, enters {@code waiting} (Completed, Confirmed or
   * Accepted) and stays for {@code wait} ms before Terminated; zero terminates at once.
   */
  final void linger(int waiting, long wait) {
    cancelTimers();
    state = waiting;
    if (wait == 0) {
      terminate();
    } else {
      completedTimer = timers.schedule(wait, new Tick(LINGER));
    }
  }

  /** The timer code of the wait in {@link #linger}; subclasses number their own timers from 1. */
  static final int LINGER = 0;

  /**
   * A timer's task: one class for every timer of every transaction, where a method reference each
   * would be a class each in wic.js.
   */
  final class Tick implements Runnable {

    private final int timer;

    Tick(int timer) {
      this.timer = timer;
    }

    @Override
    public void run() {
      onTimer(timer);
    }
  }

  /** Timer {@code timer} fired; here only {@link #LINGER}'s, which ends the wait. */
  void onTimer(int timer) {
    terminate();
  }

  /** Enters Terminated, stops every timer and lets the layer forget the transaction; idempotent. */
  final void terminate() {
    if (state == TransactionState.TERMINATED) {
      return;
    }
    state = TransactionState.TERMINATED;
    cancelTimers();
    cancel(completedTimer);
    onTerminated.accept(this);
  }

  /** Stops the timers of the states before the wait in {@link #linger}. */
  abstract void cancelTimers();

  abstract void transportFailed(TransportException error);

  static void cancel(TimerService.Timer timer) {
    if (timer != null) {
      timer.cancel();
    }
  }

  /** The method and state only: the request may carry credentials. */
  @Override
  public String toString() {
    return request.method() + " " + state;
  }
}
