package org.webims.wic.ua;

import java.util.List;
import org.webims.sip.SipParseException;
import org.webims.sip.dialog.Dialog;
import org.webims.sip.dialog.Dialogs;
import org.webims.sip.dialog.InDialogVerdict;
import org.webims.sip.header.Address;
import org.webims.sip.header.SubscriptionState;
import org.webims.sip.message.HeaderNames;
import org.webims.sip.message.SipRequest;
import org.webims.sip.message.SipResponse;
import org.webims.sip.reginfo.ContactIdentity;
import org.webims.sip.reginfo.RegInfoReader;
import org.webims.sip.reginfo.ReginfoException;
import org.webims.sip.reginfo.XmlParser;
import org.webims.sip.syntax.SipChars;
import org.webims.sip.transaction.ClientTransactionUser;
import org.webims.sip.transaction.NonInviteServerTransaction;
import org.webims.sip.transaction.TimerService;
import org.webims.sip.transaction.TransportException;
import org.webims.sip.uri.Uri;

/**
 * The WIC's reg event subscription (WIC-16, 19, 45; RFC 6665, 24.229 5.1.1.3) as a sip-core
 * subscriber {@link Dialog}: the initial SUBSCRIBE goes along the Service-Route; the 2xx, or a NOTIFY
 * that comes before it, creates the dialog (route set from Record-Route, remote target from Contact,
 * CSeq); refreshes are in-dialog requests along that route set. NOTIFYs are checked against the dialog
 * (481 for none, 500 out of order) and answered 200; a terminated one ends the subscription.
 */
final class RegSubscription implements ClientTransactionUser, Runnable {

  /** WIC-16: the expiry asked for in the reg SUBSCRIBE, in seconds; the refresh basis when a 2xx has none. */
  static final long EXPIRES = 600000;

  private final RegistrationAgent agent;
  private final RandomTokens random;
  private final Refresh refresh;
  /** The XML reader under RegInfoReader: the browser's DOMParser in wic.js, sip-core's XmlReader in tests. */
  private final XmlParser xml;
  private final Dialogs dialogs = new Dialogs();
  private Flow flow;
  /** The initial SUBSCRIBE while no dialog exists, or null. */
  private SipRequest initial;
  /** The subscription's dialog once created, or null. */
  private Dialog dialog;

  RegSubscription(RegistrationAgent agent, TimerService timers, RandomTokens random, XmlParser xml) {
    this.agent = agent;
    this.xml = xml;
    this.random = random;
    this.refresh = new Refresh(timers, this);
  }

  /** WIC-16 after the first 200 on {@code flow}: the initial SUBSCRIBE to {@code impu} along the Service-Route. */
  void subscribe(Flow flow, String impu, List<Address> serviceRoutes) throws SipParseException {
    end();
    this.flow = flow;
    SipRequest.Builder b = SipRequest.builder(SipRequest.SUBSCRIBE, Uri.parse(impu));
    for (Address route : serviceRoutes) {
      b.header(HeaderNames.ROUTE, route.toString());
    }
    initial = headers(b.header(HeaderNames.MAX_FORWARDS, "70")
        .header(HeaderNames.FROM, "<" + impu + ">;tag=" + random.token(10))
        .header(HeaderNames.TO, "<" + impu + ">")
        .header(HeaderNames.CALL_ID, random.token(22))
        .header(HeaderNames.CSEQ, "1 SUBSCRIBE"));
    flow.send(initial, this);
  }

  /** The headers every SUBSCRIBE of the WIC adds to what the dialog or the caller wrote. */
  private SipRequest headers(SipRequest.Builder b) {
    return b.header(HeaderNames.CONTACT, "<" + flow.contact + ";transport=ws>")
        .header(HeaderNames.EVENT, "reg")
        .header(HeaderNames.ACCEPT, "application/reginfo+xml")
        .header(HeaderNames.EXPIRES, SipChars.decimal(EXPIRES))
        .build();
  }

  /** The refresh instant: a SUBSCRIBE within the dialog, along its route set (RFC 3261 §12.2.1.1). */
  @Override
  public void run() {
    if (dialog != null) {
      flow.send(headers(dialog.newRequest(SipRequest.SUBSCRIBE)), this);
    }
  }

  /** Ends the subscription without an unsubscribe (WIC-45, a new connection, deregistration). */
  void end() {
    refresh.cancel();
    if (dialog != null) {
      dialog.terminate();
      dialogs.remove(dialog.id());
    }
    dialog = null;
    initial = null;
  }

  /**
   * A 2xx creates the dialog (RFC 3261 §12.1.2) or, when a NOTIFY already did, refreshes its target,
   * and schedules the refresh; anything else ends the subscription (RFC 6665 §4.1.2.2).
   */
  @Override
  public void onResponse(SipResponse response) {
    if (response.isProvisional() || (dialog == null && initial == null)) {
      return;
    }
    try {
      if (!response.isSuccess()) {
        end();
        return;
      }
      if (dialog == null) {
        dialog = Dialog.asUac(initial, response);
        dialogs.add(dialog);
      } else {
        dialog.onResponseReceived(response);
      }
      initial = null;
      long granted = response.expires();
      refresh.schedule(granted > 0 ? granted : EXPIRES);
    } catch (SipParseException | IllegalArgumentException e) {
      // A 2xx without a To tag or with a header the dialog cannot read: no subscription.
      end();
    }
  }

  /** Timer F: the SUBSCRIBE got no answer; the subscription is gone (RFC 6665 §4.1.2.2). */
  @Override
  public void onTimeout() {
    end();
  }

  @Override
  public void onTransportError(TransportException error) {
    agent.lost("connection lost");
  }

  /**
   * WIC-19: a NOTIFY of the subscription gets 200, one of no dialog 481 and one out of order 500
   * (RFC 3261 §12.2.2, RFC 6665 §4.1.3); one whose From, To, Call-ID, CSeq or Subscription-State does
   * not parse 400 with the parser's reason. A NOTIFY for the initial SUBSCRIBE before its 2xx creates
   * the dialog (RFC 6665 §4.1.2.4). An accepted one's reginfo may end the WIC's own binding (WIC-44):
   * the agent hears of it.
   */
  void onNotify(NonInviteServerTransaction transaction) {
    SipRequest notify = transaction.request();
    int status;
    String reason = null;
    boolean terminated = false;
    try {
      status = verdict(notify);
      SubscriptionState state = notify.subscriptionState();
      terminated = state != null && state.isTerminated();
    } catch (SipParseException e) {
      status = 400;
      reason = e.reason();
    }
    transaction.sendResponse(SipResponse.to(notify, status, reason).build());
    if (status != 200) {
      return;
    }
    if (terminated) {
      end();
    }
    String event = endedEvent(notify, flow.contact, agent.instance());
    if (event != null) {
      agent.bindingEnded(event);
    }
  }

  /**
   * WIC-44: the event ({@code rejected}, {@code deactivated}, ...) with which an accepted NOTIFY's
   * reginfo ends the WIC's own binding ({@code contact} and {@code instance}, reg-id 1), or null when
   * it does not, or is no reginfo the WIC can read.
   */
  private String endedEvent(SipRequest notify, String contact, String instance) {
    try {
      return RegInfoReader.read(notify.bodyAsString(), RegInfoReader.DEFAULT_MAX_BYTES, xml)
          .endedEvent(ContactIdentity.of(contact + ";transport=ws", instance, 1));
    } catch (ReginfoException e) {
      return null;
    }
  }

  /** 200, or the status of {@link InDialogVerdict}; creates the dialog from a NOTIFY that beats the 2xx. */
  private int verdict(SipRequest notify) throws SipParseException {
    String localTag = notify.to().tag();
    if (dialog == null && initial != null && localTag != null && notify.from().tag() != null
        && notify.callId().equals(initial.callId()) && localTag.equals(initial.from().tag())) {
      dialog = Dialog.asSubscriber(initial, notify);
      dialogs.add(dialog);
    }
    int verdict = localTag == null ? InDialogVerdict.UNKNOWN_DIALOG : dialogs.receive(notify);
    return verdict == InDialogVerdict.ACCEPT ? 200 : verdict;
  }
}
