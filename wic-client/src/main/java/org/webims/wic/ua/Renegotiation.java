package org.webims.wic.ua;

import org.webims.sip.SipParseException;
import org.webims.sip.message.HeaderNames;
import org.webims.sip.message.SipRequest;
import org.webims.sip.message.SipResponse;
import org.webims.sip.transaction.InviteServerTransaction;
import org.webims.sip.transaction.NonInviteServerTransaction;
import org.webims.sip.transaction.TimerService;

/**
 * WIC-64: the other side's offer inside a call, in a re-INVITE (RFC 3261 §14.2) or an UPDATE (RFC 3311):
 * hold and unhold (TS 24.610), JsSIP's renegotiate. The answer comes from the call's own peer connection
 * ({@link MediaSession#answer} renegotiates); it goes out in a 200 with the Contact; a re-INVITE's 200
 * then waits 64*T1 for its ACK (none: BYE, §13.3.1.4). A media failure gets 488 and the call goes on as
 * it was.
 */
final class Renegotiation implements MediaSession.Callback, Runnable {

  private final Call call;
  /** One of the two: the re-INVITE's transaction, or the UPDATE's. */
  private final InviteServerTransaction invite;
  private final NonInviteServerTransaction update;
  private final SipRequest request;
  /** The final response is out. */
  boolean answered;
  private TimerService.Timer timer;

  Renegotiation(Call call, InviteServerTransaction invite, NonInviteServerTransaction update) {
    this.call = call;
    this.invite = invite;
    this.update = update;
    this.request = invite != null ? invite.request() : update.request();
    call.media.answer(request.bodyAsString(), this);
  }

  @Override
  public void onSdp(String sdp) {
    respond(200, sdp);
    if (invite != null) {
      timer = call.agent.timers.schedule(Call.TRANSACTION_TIMEOUT_MILLIS, this);
    }
  }

  @Override
  public void onMediaFailure(String reason) {
    respond(488, null);
  }

  /**
   * The final response: a 2xx carries the Contact (RFC 3261 §12.1.1, RFC 3311 §5.2) and the answer; the
   * call takes the next offer once it is out. The UPDATE's transaction is done with it.
   */
  void respond(int status, String sdp) {
    answered = true;
    SipResponse.Builder b = SipResponse.to(request, status, null);
    if (sdp != null) {
      b.header(HeaderNames.CONTACT, call.agent.contact(call.flow)).body("application/sdp", sdp);
    }
    if (invite != null) {
      invite.sendResponse(b.build());
    } else {
      update.sendResponse(b.build());
    }
  }

  /** True for the ACK of this re-INVITE's 200 (the same CSeq number, RFC 3261 §13.2.2.4). */
  boolean ackedBy(SipRequest ack) throws SipParseException {
    if (invite != null && ack.cseq().sequence() == request.cseq().sequence()) {
      stop();
      return true;
    }
    return false;
  }

  /** The call ends: a re-INVITE still unanswered gets 487 (RFC 3261 §15.1.2); no ACK is awaited any more. */
  void stop() {
    if (!answered) {
      respond(487, null);
    }
    if (timer != null) {
      timer.cancel();
      timer = null;
    }
  }

  /** No ACK for the 200 within 64*T1. */
  @Override
  public void run() {
    timer = null;
    call.bye(CallState.FAILED, "No ACK");
  }
}
