package org.webims.wic.ua;

import org.webims.sip.SipParseException;
import org.webims.sip.dialog.Dialogs;
import org.webims.sip.dialog.InDialogVerdict;
import org.webims.sip.header.Address;
import org.webims.sip.message.HeaderNames;
import org.webims.sip.message.SipRequest;
import org.webims.sip.message.SipResponse;
import org.webims.sip.syntax.SipChars;
import org.webims.sip.transaction.InviteServerTransaction;
import org.webims.sip.transaction.NonInviteServerTransaction;
import org.webims.sip.transaction.TimerService;
import org.webims.sip.uri.Uri;

/**
 * The WIC's calls (WIC-60..66), the coordinator of {@link OutgoingCall} and {@link IncomingCall}: one
 * call at a time on the registration's flow. It takes the requests the {@link Flow} hands it: a new
 * INVITE rings (or gets 486 while a call is on), CANCEL finds its INVITE transaction, requests inside a
 * dialog go to the call after sip-core's §12.2.2 check (481 for unknown dialogs, 500 out of order).
 * Inside the call: BYE ends it, INFO gets 200, a re-INVITE or UPDATE with an offer is answered from the
 * call's media session ({@link Renegotiation}; 488 without an offer: the WIC does not make offers in a
 * 200), an UPDATE without a body is a session refresh (200), any other method 405. Outside any dialog
 * only INVITE is served (405).
 */
public final class CallAgent implements Phone {

  /** RFC 3261 §8.2.1, §20.5: what the WIC serves. */
  static final String ALLOW = "INVITE, ACK, CANCEL, BYE, INFO, NOTIFY, UPDATE";

  /** WIC-63, 64: the reason of the 488 for an INVITE or re-INVITE without SDP. */
  static final String OFFER_REQUIRED = "SDP Offer Required";

  final RegistrationAgent registration;
  final MediaSession.Factory media;
  final TimerService timers;
  final CallListener listener;
  final WicConfig config;
  /** The dialog of the current call, if it has one: at most one. */
  final Dialogs dialogs = new Dialogs();
  private Call call;

  public CallAgent(RegistrationAgent registration, MediaSession.Factory media, TimerService timers,
      CallListener listener, WicConfig config) {
    this.registration = registration;
    this.media = media;
    this.timers = timers;
    this.listener = listener;
    this.config = config;
    registration.calls = this;
  }

  private boolean inCall() {
    return call != null && !call.isOver();
  }

  /** WIC-60: a bare user or number gets {@code sip:} and the home domain; ignored unless registered and idle. */
  @Override
  public void call(String target) {
    Flow flow = registration.callFlow();
    // SP and HTAB, as the page trims its fields: String.trim would be one more loop TeaVM inlines here.
    String t = target == null ? "" : SipChars.trim(target);
    if (inCall() || flow == null || t.isEmpty()) {
      return;
    }
    if (!t.startsWith("sip:") && !t.startsWith("sips:") && !t.startsWith("tel:")) {
      t = "sip:" + t + (t.indexOf('@') < 0 ? "@" + registration.binding.domain : "");
    }
    Uri uri;
    try {
      uri = Uri.parse(t);
    } catch (SipParseException e) {
      listener.onCallState(CallState.FAILED, target, "Not a SIP or TEL URI: " + e.reason());
      return;
    }
    OutgoingCall outgoing = new OutgoingCall(this, flow, uri);
    call = outgoing;
    outgoing.start();
  }

  @Override
  public void answer() {
    if (inCall()) {
      call.answer();
    }
  }

  @Override
  public void decline() {
    if (inCall()) {
      call.decline();
    }
  }

  @Override
  public void hangUp() {
    if (inCall()) {
      call.hangUp();
    }
  }

  @Override
  public void mute(boolean muted) {
    if (inCall()) {
      call.media.mute(muted);
    }
  }

  @Override
  public void camera(boolean on) {
    if (inCall()) {
      call.media.camera(on);
    }
  }

  /** WIC-60, RFC 5626 §5.4: the registration's Contact with {@code ob}, and its instance. */
  String contact(Flow flow) {
    return "<" + flow.contact + ";transport=ws;ob>;+sip.instance=\"" + registration.instance() + "\"";
  }

  /**
   * WIC-61: the current Bearer of a token registration on every request the WIC originates; none once
   * the token has expired by the browser's clock (the eP-CSCF takes the flow's registration for a
   * request without one, EPC-64, but refuses an expired token with 401).
   */
  SipRequest.Builder authorized(SipRequest.Builder request) {
    Binding b = registration.binding;
    boolean expired = b.bearerExpiresAtMillis != 0 && b.bearerExpiresAtMillis <= registration.clock.nowMillis();
    return b.bearer == null || expired ? request : request.setHeader(HeaderNames.AUTHORIZATION, b.bearer);
  }

  /**
   * WIC-63: a new INVITE rings unless a call is on (486); one in a dialog is a re-INVITE (WIC-64: answered
   * by the call, 488 without SDP, or what the §12.2.2 check says). One answer for all: the To tag is
   * added only to a To without one.
   */
  void onInvite(InviteServerTransaction transaction) {
    SipRequest invite = transaction.request();
    IncomingCall incoming = null;
    int status = 488;
    String reason = null;
    try {
      if (invite.to().tag() != null) {
        int verdict = dialogs.receive(invite);
        if (verdict != InDialogVerdict.ACCEPT) {
          status = verdict;
        } else if (invite.bodyLength() == 0) {
          reason = OFFER_REQUIRED;
        } else if ((status = renegotiate(transaction, null)) == 0) {
          return;
        }
      } else if (inCall()) {
        status = 486;
      } else if (invite.bodyLength() == 0) {
        // The WIC needs the caller's offer: an offerless INVITE (offer in the 200) is not supported.
        reason = OFFER_REQUIRED;
      } else {
        incoming = new IncomingCall(this, (Flow) transaction.transport(), transaction, caller(invite));
        incoming.start();
        call = incoming;
        return;
      }
      transaction.sendResponse(response(invite, status, reason));
      return;
    } catch (SipParseException e) {
      reason = e.reason();
    } catch (IllegalArgumentException e) {
      // No dialog can be made: a From without tag (RFC 3261 §8.1.1.3 requires one).
      reason = e.getMessage();
    }
    // Nothing was sent or shown for it: the 180 goes out only once the dialog exists.
    if (incoming != null) {
      incoming.media.close();
    }
    transaction.sendResponse(SipResponse.to(invite, 400, reason).build());
  }

  /**
   * WIC-63: who calls, as the network asserts it (P-Asserted-Identity), else the From. The first entry of
   * the first line is the first of all: read with {@link Address#parseList}, which wic.js has anyway, not
   * {@code addresses(name)}, whose dispatch over the list headers costs wic.js bytes.
   */
  private static String caller(SipRequest invite) throws SipParseException {
    String asserted = invite.header(HeaderNames.P_ASSERTED_IDENTITY);
    return (asserted == null ? invite.from()
        : Address.parseList(asserted, HeaderNames.P_ASSERTED_IDENTITY).get(0)).uri().toString();
  }

  /** CANCEL, BYE, INFO and the rest (NOTIFY is the registration's). */
  void onRequest(NonInviteServerTransaction transaction) {
    SipRequest request = transaction.request();
    int status = 200;
    String reason = null;
    try {
      if (request.isMethod(SipRequest.CANCEL)) {
        InviteServerTransaction invite = ((Flow) transaction.transport()).inviteCancelledBy(request);
        status = invite == null ? 481 : 200;
        transaction.sendResponse(SipResponse.to(request, status, null).build());
        if (call instanceof IncomingCall && ((IncomingCall) call).isFor(invite)) {
          ((IncomingCall) call).cancelled();
        }
        return;
      }
      status = request.to().tag() == null ? 405 : dialogs.receive(request);
      if (status == InDialogVerdict.ACCEPT) {
        if (request.isMethod("UPDATE")) {
          if (request.bodyLength() != 0 && (status = renegotiate(null, transaction)) == 0) {
            return;
          }
          if (status == InDialogVerdict.ACCEPT) {
            // RFC 4028's session refresh: nothing changes; the 2xx to UPDATE carries the Contact (RFC 3311 §5.2).
            transaction.sendResponse(SipResponse.to(request, 200, null)
                .header(HeaderNames.CONTACT, contact(call.flow)).build());
            return;
          }
        } else {
          status = request.isMethod(SipRequest.BYE) || request.isMethod("INFO") ? 200 : 405;
        }
      }
    } catch (SipParseException e) {
      status = 400;
      reason = e.reason();
    }
    transaction.sendResponse(response(request, status, reason));
    if (status == 200 && request.isMethod(SipRequest.BYE)) {
      call.byeReceived();
    }
  }

  /**
   * WIC-64: an offer inside the call goes to the call; 0 when taken, 500 while the call's media is busy
   * (its own answer not set yet, or the previous offer not answered: RFC 3261 §14.2, RFC 3311 §5.2).
   */
  private int renegotiate(InviteServerTransaction invite, NonInviteServerTransaction update) {
    if (call.state != CallState.CONNECTED || call.renegotiation != null && !call.renegotiation.answered) {
      return 500;
    }
    if (call.renegotiation != null) {
      call.renegotiation.stop();
    }
    call.renegotiation = new Renegotiation(call, invite, update);
    return 0;
  }

  /**
   * A response of the CallAgent's own: a 405 lists what the WIC serves (RFC 3261 §8.2.1); a 500 says
   * when to try again, 0 to 10 s at random (§14.2). The To tag is added only to a To without one.
   */
  private SipResponse response(SipRequest request, int status, String reason) {
    SipResponse.Builder b = SipResponse.to(request, status, reason, registration.random.token(10));
    if (status == 405) {
      b.header(HeaderNames.ALLOW, ALLOW);
    } else if (status == 500) {
      b.header(HeaderNames.RETRY_AFTER, String.valueOf(registration.random.below(11)));
    }
    return b.build();
  }

  /** The ACK for a 2xx: the incoming call's 200 arrived (RFC 3261 §13.3.1.4); an ACK is never answered. */
  void onAck(SipRequest ack) {
    try {
      if (inCall() && call.dialog != null && dialogs.forRequest(ack) == call.dialog
          && (call.renegotiation == null || !call.renegotiation.ackedBy(ack))) {
        call.acked();
      }
    } catch (SipParseException e) {
      // An ACK the WIC cannot read: dropped.
    }
  }

  /** WIC-66: the flow is gone; the call ends here, the registration reconnects on its own. */
  void flowLost() {
    if (inCall()) {
      call.flowLost();
    }
  }
}
