package org.webims.sip.proxy;

import org.webims.sip.SipParseException;
import org.webims.sip.message.SipRequest;
import org.webims.sip.message.SipResponse;
import org.webims.sip.transaction.ClientTransactionUser;
import org.webims.sip.transaction.InviteClientTransaction;
import org.webims.sip.transaction.TimerService;
import org.webims.sip.transaction.Transport;
import org.webims.sip.transaction.TransportException;

/**
 * One branch of a forwarded request (RFC 3261 §16.6 steps 10 and 11): its client transaction, Timer
 * C for INVITE, and its CANCEL (§9.1, §16.10), sent only once a provisional response has come. Tells
 * its {@link ResponseContext} every response; a timeout counts as 408 and a transport error as 503
 * (430 for a failed RFC 5626 flow; §16.7 step 6 end, §16.9), both made from the request it sent. A
 * transport that sends asynchronously reports a later failure through {@link
 * ProxyCore#transportFailed}, which reaches the branch the same way.
 */
final class Branch implements ClientTransactionUser {

  /** The CANCEL's own transaction reports nothing the proxy acts on: the INVITE's final decides. */
  private static final ClientTransactionUser IGNORE = new ClientTransactionUser() {
    @Override
    public void onResponse(SipResponse response) {
    }

    @Override
    public void onTimeout() {
    }

    @Override
    public void onTransportError(TransportException error) {
    }
  };

  private final ResponseContext context;
  private final ProxyRuntime runtime;
  private final Target target;
  private final SipRequest request;
  private final Transport transport;
  private final boolean invite;
  private InviteClientTransaction inviteTransaction;
  private TimerService.Timer timerC;
  private TimerService.Timer cancelWait;
  private boolean provisional;
  private boolean cancelling;
  private boolean done;

  Branch(ResponseContext context, ProxyRuntime runtime, Target target, SipRequest request, Transport transport) {
    this.context = context;
    this.target = target;
    this.runtime = runtime;
    this.request = request;
    this.transport = transport;
    this.invite = request.isMethod(SipRequest.INVITE);
  }

  /** Step 10 and 11: starts the client transaction, then Timer C for INVITE. */
  void start() {
    try {
      if (invite) {
        inviteTransaction = runtime.layer.sendInvite(request, transport, this);
        if (!done) {
          timerC = runtime.timers.schedule(runtime.config.timerC(), this::onTimerC);
        }
      } else {
        runtime.layer.sendRequest(request, transport, this);
      }
    } catch (SipParseException e) {
      throw new IllegalStateException("the proxy's own Via does not parse", e);
    }
  }

  /** The element's target this branch goes to. */
  Target target() {
    return target;
  }

  boolean isDone() {
    return done;
  }

  boolean isInvite() {
    return invite;
  }

  /**
   * §16.10, §9.1: cancels a pending INVITE branch; the CANCEL waits for a provisional response.
   * The 487 (or whatever final comes) still reaches the context.
   */
  void cancel() {
    if (!invite || done || cancelling) {
      return;
    }
    cancelling = true;
    if (provisional) {
      sendCancel();
    }
  }

  @Override
  public void onResponse(SipResponse response) {
    if (response.isProvisional()) {
      if (done) {
        return;
      }
      if (!provisional && cancelling) {
        provisional = true;
        sendCancel();
      }
      provisional = true;
      if (response.statusCode() > 100 && timerC != null && cancelWait == null) {
        // §16.7 step 2: a provisional other than 100 restarts Timer C.
        timerC.cancel();
        timerC = runtime.timers.schedule(runtime.config.timerC(), this::onTimerC);
      }
      context.onProvisional(response);
      return;
    }
    if (!done) {
      finish(response);
    } else if (response.isSuccess()) {
      // RFC 6026 §7.2: further 2xx (retransmissions, other forks of the UAS) go upstream too.
      context.onFinal(this, response);
    }
  }

  @Override
  public void onTimeout() {
    if (!done) {
      finish(runtime.answer(request, 408, "Request Timeout"));
    }
  }

  @Override
  public void onTransportError(TransportException error) {
    if (!done) {
      finish(unreachable(runtime, request, error));
    }
  }

  /**
   * §16.9: the response a branch that could not send counts as: 503, or 430 when the flow it had
   * to take is gone (RFC 5626 §5.3), made from the request it would have sent.
   */
  static SipResponse unreachable(ProxyRuntime runtime, SipRequest request, TransportException error) {
    return error.isFlowFailed() ? runtime.answer(request, 430, "Flow Failed")
        : runtime.answer(request, 503, "Service Unavailable");
  }

  private void finish(SipResponse response) {
    done = true;
    stop(timerC);
    stop(cancelWait);
    context.onFinal(this, response);
  }

  private void sendCancel() {
    stop(timerC);
    // §9.1: no final 64*T1 after the CANCEL: consider the INVITE cancelled.
    cancelWait = runtime.timers.schedule(runtime.transactionTimers.transactionTimeout(), this::giveUp);
    try {
      runtime.layer.sendRequest(CancelRequest.of(request), transport, IGNORE);
    } catch (SipParseException e) {
      throw new IllegalStateException("the proxy's own INVITE does not parse", e);
    }
  }

  /**
   * §16.8: Timer C fired. With a provisional the branch is CANCELled (and given 64*T1 more);
   * without one it ends as 408.
   */
  private void onTimerC() {
    timerC = null;
    if (done) {
      return;
    }
    if (provisional) {
      cancelling = true;
      sendCancel();
    } else {
      inviteTransaction.abandon();
      finish(runtime.answer(request, 408, "Request Timeout"));
    }
  }

  private void giveUp() {
    cancelWait = null;
    if (!done) {
      inviteTransaction.abandon();
      finish(runtime.answer(request, 487, "Request Terminated"));
    }
  }

  private static void stop(TimerService.Timer timer) {
    if (timer != null) {
      timer.cancel();
    }
  }
}
