package org.webims.wic.ua;

import org.webims.sip.SipParseException;
import org.webims.sip.dialog.Dialog;
import org.webims.sip.message.HeaderNames;
import org.webims.sip.message.SipRequest;
import org.webims.sip.message.SipResponse;
import org.webims.sip.transaction.InviteClientTransaction;
import org.webims.sip.transaction.TransportException;
import org.webims.sip.uri.Uri;

/**
 * The UAC side of a call (WIC-60, 62): the complete SDP offer from the media session, the INVITE
 * along the Service-Route in a sip-core INVITE client transaction (Timer B), 180/183 as alerting,
 * the first 2xx ACKed and its answer accepted, a 2xx of another fork ACKed and ended with BYE, a
 * 300-699 shown in words. Hanging up before the answer CANCELs, but only once a provisional response
 * has come (RFC 3261 §9.1).
 */
final class OutgoingCall extends Call {

  private final Uri target;
  private SipRequest invite;
  private InviteClientTransaction transaction;
  private boolean provisional;
  /** The user hung up before the final response: CANCEL sent, or due with the first provisional. */
  private boolean cancelling;
  private SipRequest ack;

  OutgoingCall(CallAgent agent, Flow flow, Uri target) {
    super(agent, flow, target.toString());
    this.target = target;
  }

  /** WIC-65: the offer first; no INVITE leaves without it. */
  void start() {
    show(CallState.CALLING);
    media.offer(this);
  }

  @Override
  public void onSdp(String sdp) {
    if (isOver()) {
      return;
    }
    if (invite == null) {
      sendInvite(sdp);
    } else {
      // The answer is set: media flows.
      show(CallState.CONNECTED);
    }
  }

  /** WIC-65: no microphone, permission denied, an answer the browser refuses: in words, and the call ends. */
  @Override
  public void onMediaFailure(String reason) {
    if (dialog != null && !isOver()) {
      bye(CallState.FAILED, reason);
    } else {
      end(CallState.FAILED, reason);
    }
  }

  /** WIC-60: the INVITE with the complete offer, the registration's Contact, Route = Service-Route. */
  private void sendInvite(String offer) {
    String impu = agent.registration.binding.impu;
    SipRequest.Builder b = SipRequest.builder(SipRequest.INVITE, target);
    for (String route : agent.registration.binding.serviceRoutes) {
      b.header(HeaderNames.ROUTE, route);
    }
    RandomTokens random = agent.registration.random;
    b.header(HeaderNames.MAX_FORWARDS, "70")
        .header(HeaderNames.FROM, "<" + impu + ">;tag=" + random.token(10))
        .header(HeaderNames.TO, "<" + target + ">")
        .header(HeaderNames.CALL_ID, random.token(22))
        .header(HeaderNames.CSEQ, "1 INVITE")
        .header(HeaderNames.CONTACT, agent.contact(flow))
        .header(HeaderNames.SUPPORTED, "outbound")
        .body("application/sdp", offer);
    invite = agent.authorized(b).build();
    transaction = flow.send(invite, this);
  }

  @Override
  void hangUp() {
    if (dialog != null) {
      bye(CallState.ENDED, "Hung up");
    } else if (invite == null) {
      end(CallState.ENDED, "Cancelled");
    } else if (!cancelling) {
      cancelling = true;
      if (provisional) {
        cancel();
      }
    }
  }

  /**
   * RFC 3261 §9.1: the CANCEL copies the INVITE's Request-URI, top Via (branch), Route, From, To,
   * Call-ID and CSeq number; if no final response comes within 64*T1, the call ends anyway.
   */
  private void cancel() {
    SipRequest.Builder b = SipRequest.builder(SipRequest.CANCEL, invite.requestUri())
        .header(HeaderNames.VIA, transaction.request().header(HeaderNames.VIA));
    for (String route : invite.headerLines(HeaderNames.ROUTE)) {
      b.header(HeaderNames.ROUTE, route);
    }
    send(b.header(HeaderNames.MAX_FORWARDS, "70")
        .header(HeaderNames.FROM, invite.header(HeaderNames.FROM))
        .header(HeaderNames.TO, invite.header(HeaderNames.TO))
        .header(HeaderNames.CALL_ID, invite.header(HeaderNames.CALL_ID))
        .header(HeaderNames.CSEQ, "1 CANCEL"));
    startTimer(TRANSACTION_TIMEOUT_MILLIS);
  }

  /** No final response 64*T1 after the CANCEL (RFC 3261 §9.1): the transaction is given up. */
  @Override
  public void run() {
    transaction.abandon();
    end(CallState.ENDED, "Cancelled");
  }

  @Override
  public void onResponse(SipResponse response) {
    try {
      if (response.cseq().method().equals(SipRequest.INVITE)) {
        onInviteResponse(response);
      }
    } catch (SipParseException | IllegalArgumentException e) {
      // A response the dialog cannot be made from (no To tag, bad headers): the call cannot go on.
      if (!isOver()) {
        end(CallState.FAILED, "Bad response: " + response.statusCode());
      }
    }
  }

  private void onInviteResponse(SipResponse response) throws SipParseException {
    int status = response.statusCode();
    if (status < 200) {
      if (status > 100 && !provisional) {
        provisional = true;
        if (cancelling) {
          cancel();
        }
      }
      if ((status == 180 || status == 183) && state == CallState.CALLING && !cancelling) {
        show(CallState.ALERTING);
      }
    } else if (status < 300) {
      onSuccess(response);
    } else if (!isOver()) {
      end(cancelling && status == 487 ? CallState.ENDED : CallState.FAILED,
          cancelling && status == 487 ? "Cancelled" : words(status, response.reasonPhrase()));
    }
  }

  /**
   * WIC-62: the first 2xx makes the dialog; it and its retransmissions get the ACK. A 2xx of another
   * fork gets its own ACK and a BYE (RFC 3261 §13.2.2.4). A 2xx after hanging up is ACKed and ended.
   */
  private void onSuccess(SipResponse ok) throws SipParseException {
    if (dialog != null && dialog.id().remoteTag().equals(ok.to().tag())) {
      if (ack != null) {
        flow.sendAck(ack);
      }
      return;
    }
    if (dialog != null || isOver()) {
      Dialog other = Dialog.asUac(invite, ok);
      ack(other, ok);
      send(other.newRequest(SipRequest.BYE));
      return;
    }
    dialog = Dialog.asUac(invite, ok);
    agent.dialogs.add(dialog);
    ack = ack(dialog, ok);
    stopTimer();
    if (cancelling) {
      bye(CallState.ENDED, "Cancelled");
    } else if (ok.bodyLength() == 0) {
      bye(CallState.FAILED, "No SDP answer");
    } else {
      media.accept(ok.bodyAsString(), this);
    }
  }

  /** Timer B: no response to the INVITE within 64*T1. */
  @Override
  public void onTimeout() {
    end(cancelling ? CallState.ENDED : CallState.FAILED, cancelling ? "Cancelled" : "No response (timeout)");
  }

  @Override
  public void onTransportError(TransportException error) {
    flowLost();
  }
}
