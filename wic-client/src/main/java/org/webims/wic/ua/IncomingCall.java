package org.webims.wic.ua;

import org.webims.sip.SipParseException;
import org.webims.sip.dialog.Dialog;
import org.webims.sip.message.HeaderNames;
import org.webims.sip.message.SipRequest;
import org.webims.sip.message.SipResponse;
import org.webims.sip.transaction.InviteServerTransaction;

/**
 * The UAS side of a call (WIC-63): 180 with a To tag at once (the early dialog), then the user's
 * answer (200 with the SDP answer, then the ACK within 64*T1 or a BYE) or decline (603); no answer
 * within the ring time 480; the caller's CANCEL 487. A media failure while answering gets 480 (the
 * user cannot take the call now) and shows the reason here (WIC-65).
 */
final class IncomingCall extends Call {

  private final InviteServerTransaction transaction;
  private final SipRequest invite;
  private final String tag;
  /** The 200 is out: CANCEL has no effect any more, the ACK is awaited. */
  private boolean accepted;
  private boolean answering;

  IncomingCall(CallAgent agent, Flow flow, InviteServerTransaction transaction, String peer) {
    super(agent, flow, peer);
    this.transaction = transaction;
    this.invite = transaction.request();
    this.tag = agent.registration.random.token(10);
  }

  /** The 180 with the Contact and a To tag, which makes the early dialog; the ring time starts. */
  void start() throws SipParseException {
    SipResponse ringing = response(180, null).build();
    dialog = Dialog.asUas(invite, ringing);
    agent.dialogs.add(dialog);
    transaction.sendResponse(ringing);
    show(CallState.RINGING);
    startTimer(agent.config.ringTimeoutMillis);
  }

  /**
   * RFC 3261 §8.2.6.2 and §12.1.1: a response with this call's To tag; a dialog-making one copies
   * the Record-Route and carries the Contact.
   */
  private SipResponse.Builder response(int status, String reason) {
    SipResponse.Builder b = SipResponse.to(invite, status, reason, tag);
    if (status < 300) {
      for (String rr : invite.headerLines(HeaderNames.RECORD_ROUTE)) {
        b.header(HeaderNames.RECORD_ROUTE, rr);
      }
      b.header(HeaderNames.CONTACT, agent.contact(flow));
    }
    return b;
  }

  /** A final 300-699 to the INVITE; the call ends as {@code end} with {@code words}. */
  private void reject(int status, String end, String words) {
    transaction.sendResponse(response(status, null).build());
    end(end, words);
  }

  @Override
  void answer() {
    if (state == CallState.RINGING && !answering) {
      answering = true;
      stopTimer();
      media.answer(invite.bodyAsString(), this);
    }
  }

  @Override
  void decline() {
    if (state == CallState.RINGING) {
      reject(603, CallState.ENDED, "Declined");
    }
  }

  @Override
  void hangUp() {
    if (accepted) {
      bye(CallState.ENDED, "Hung up");
    } else {
      decline();
    }
  }

  /** WIC-63: the SDP answer goes out in the 200; the ACK is awaited for 64*T1. */
  @Override
  public void onSdp(String sdp) {
    if (isOver()) {
      return;
    }
    SipResponse ok = response(200, null).header(HeaderNames.SUPPORTED, "outbound").body("application/sdp", sdp)
        .build();
    try {
      dialog.onResponseSent(ok);
    } catch (SipParseException e) {
      // Our own 200 always parses.
    }
    accepted = true;
    transaction.sendResponse(ok);
    startTimer(TRANSACTION_TIMEOUT_MILLIS);
    show(CallState.CONNECTED);
  }

  @Override
  public void onMediaFailure(String reason) {
    if (!isOver()) {
      reject(480, CallState.FAILED, reason);
    }
  }

  /** The caller's CANCEL (already answered 200): 487 unless the 200 is out (RFC 3261 §9.2). */
  void cancelled() {
    if (!accepted && !isOver()) {
      reject(487, CallState.ENDED, "Cancelled by the caller");
    }
  }

  boolean isFor(InviteServerTransaction t) {
    return t == transaction;
  }

  @Override
  void acked() {
    stopTimer();
  }

  /** The ring time is over (480), or no ACK came for the 200 (BYE, RFC 3261 §13.3.1.4). */
  @Override
  public void run() {
    if (accepted) {
      bye(CallState.FAILED, "No ACK");
    } else {
      reject(480, CallState.ENDED, "Not answered");
    }
  }
}
