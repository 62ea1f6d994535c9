package org.webims.wic.ua;

import org.webims.sip.SipParseException;
import org.webims.sip.dialog.Dialog;
import org.webims.sip.message.SipRequest;
import org.webims.sip.message.SipResponse;
import org.webims.sip.transaction.ClientTransactionUser;
import org.webims.sip.transaction.TimerService;
import org.webims.sip.transaction.TransactionTimers;
import org.webims.sip.transaction.TransportException;

/**
 * One call of the WIC, either way ({@link OutgoingCall}, {@link IncomingCall}): its media session, its
 * RFC 3261 §12 dialog once there is one, its state as the page shows it (a {@link CallState}), one
 * timer, and what both directions share: BYE sent or received (WIC-64), a lost flow (WIC-66), mute and
 * camera (WIC-65). Every request it sends goes on the flow the call started on, with the current
 * Bearer token of a token registration (WIC-61).
 */
abstract class Call implements MediaSession.Callback, ClientTransactionUser, Runnable {

  /**
   * RFC 3261 §9.1 and §13.3.1.4: 64*T1, the wait for a final response after CANCEL and for the ACK of a 2xx.
   * A compile-time constant (the WIC's layer runs on {@link TransactionTimers#DEFAULT}): read from
   * {@code DEFAULT} it needs a static initialiser, which TeaVM calls before every use of the class.
   */
  static final int TRANSACTION_TIMEOUT_MILLIS = (int) (64 * TransactionTimers.DEFAULT_T1);

  final CallAgent agent;
  final Flow flow;
  final MediaSession media;
  /** The other side: the target, or the caller's asserted identity. */
  final String peer;
  String state;
  Dialog dialog;
  /** WIC-64: the other side's last offer inside the call, until answered and (re-INVITE) ACKed. */
  Renegotiation renegotiation;
  private TimerService.Timer timer;

  Call(CallAgent agent, Flow flow, String peer) {
    this.agent = agent;
    this.flow = flow;
    this.peer = peer;
    this.media = agent.media.create();
  }

  boolean isOver() {
    return state == CallState.ENDED || state == CallState.FAILED;
  }

  void show(String next) {
    state = next;
    agent.listener.onCallState(next, peer, null);
  }

  /**
   * The call is over: the timer stops, the media closes, the dialog is forgotten (a later request
   * for it gets 481), and the page shows {@code end} ({@link CallState#ENDED} or
   * {@link CallState#FAILED}) with {@code reason} in words.
   */
  void end(String end, String reason) {
    if (isOver()) {
      return;
    }
    stopTimer();
    if (renegotiation != null) {
      renegotiation.stop();
    }
    media.close();
    if (dialog != null) {
      dialog.terminate();
      agent.dialogs.remove(dialog.id());
    }
    state = end;
    agent.listener.onCallState(end, peer, reason);
  }

  /** WIC-64: BYE along the dialog's route set to its remote target; the call ends at once, not at the 200. */
  void bye(String end, String reason) {
    send(dialog.newRequest(SipRequest.BYE));
    end(end, reason);
  }

  /** Sends an in-dialog or CANCEL request with the current Bearer (WIC-61); its answer changes nothing. */
  void send(SipRequest.Builder request) {
    flow.send(agent.authorized(request).build(), this);
  }

  /** WIC-62 (RFC 3261 §13.2.2.4): the ACK for a 2xx, by {@code d}'s route set, CSeq of the INVITE. */
  SipRequest ack(Dialog d, SipResponse ok) throws SipParseException {
    SipRequest ack = agent.authorized(d.ackFor2xx(ok.cseq().sequence())).build();
    flow.sendAck(ack);
    return ack;
  }

  /** WIC-64: the other side's BYE, already answered 200. */
  void byeReceived() {
    end(CallState.ENDED, "Hung up by the other side");
  }

  /** WIC-66: the flow is gone; nothing can be sent, the call ends here. */
  void flowLost() {
    end(CallState.FAILED, "Connection lost");
  }

  abstract void hangUp();

  void answer() {
  }

  void decline() {
  }

  /** An ACK for a 2xx of this call's dialog. */
  void acked() {
  }

  void startTimer(int millis) {
    stopTimer();
    timer = agent.timers.schedule(millis, this);
  }

  void stopTimer() {
    if (timer != null) {
      timer.cancel();
      timer = null;
    }
  }

  /** Responses to BYE and CANCEL, and their failures, change nothing: the call ended or waits for the INVITE's. */
  @Override
  public void onResponse(SipResponse response) {
  }

  @Override
  public void onTimeout() {
  }

  @Override
  public void onTransportError(TransportException error) {
  }

  /** A status in words for the page: {@code Busy (486)}. */
  static String words(int status, String phrase) {
    String w;
    if (status == 486 || status == 600) {
      w = "Busy";
    } else if (status == 603) {
      w = "Declined";
    } else if (status == 480) {
      w = "Not available";
    } else if (status == 404 || status == 604) {
      w = "Not found";
    } else if (status == 408) {
      w = "No answer";
    } else if (status == 487) {
      w = "Cancelled";
    } else {
      w = phrase;
    }
    return w + " (" + status + ")";
  }
}
