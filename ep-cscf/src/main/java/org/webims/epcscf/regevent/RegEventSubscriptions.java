package org.webims.epcscf.regevent;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.webims.epcscf.core.CoreProxy;
import org.webims.epcscf.core.CoreResponseListener;
import org.webims.epcscf.registration.FlowRegistration;
import org.webims.epcscf.registration.Registrations;
import org.webims.epcscf.registration.Removal;
import org.webims.epcscf.registration.TlsAssociations;
import org.webims.sip.SipParseException;
import org.webims.sip.dialog.Dialog;
import org.webims.sip.dialog.InDialogVerdict;
import org.webims.sip.message.HeaderNames;
import org.webims.sip.message.SipRequest;
import org.webims.sip.message.SipResponse;
import org.webims.sip.reginfo.RegInfo;
import org.webims.sip.reginfo.ReginfoException;
import org.webims.sip.transaction.NonInviteServerTransaction;
import org.webims.sip.transaction.TimerService;
import org.webims.sip.uri.Uri;

/**
 * TS 24.229 5.2.3 (EPC-32) and 5.2.5.2 (EPC-42): one reg-event subscription per registered flow.
 * After the 200 to the first initial REGISTER of an IMPI on a flow, it SUBSCRIBEs to the default
 * IMPU; it answers the NOTIFYs of that subscription with 200, refreshes before expiry, and
 * unsubscribes when the flow's state goes. The subscription is a sip-core {@link Dialog} (EPC-62):
 * only the initial SUBSCRIBE follows the Service-Route; refreshes go to the remote target by the
 * dialog's route set (the notifier's Record-Route), so no S-CSCF takes them for strict routing. A NOTIFY that terminates the flow's contacts removes the
 * state of those IMPUs ({@link TerminatedContacts}); one it cannot read is refused and the
 * subscription refreshed ({@link #onNotify}). Subscription state is touched only on the core side's
 * event loop.
 */
public final class RegEventSubscriptions implements Registrations.Listener {

  private static final Logger log = LoggerFactory.getLogger(RegEventSubscriptions.class);
  private static final SecureRandom RANDOM = new SecureRandom();
  /** The reason phrase of the 400 to a NOTIFY whose reginfo cannot be read. */
  static final String UNREADABLE = "Unreadable reginfo";

  private final CoreProxy core;
  private final Registrations registrations;
  private final TerminatedContacts terminated;
  private final long extraExpirySeconds;
  private final String ownUri;
  private final String contactUri;
  private final String defaultRoute;
  /** By Call-ID. */
  private final Map<String, Subscription> byCallId = new ConcurrentHashMap<>();

  /**
   * @param coreUri the S-CSCF ({@code webims.epcscf.core.uri}): the Route when the registration
   *     stored no Service-Route
   */
  public RegEventSubscriptions(CoreProxy core, Registrations registrations, TlsAssociations associations,
      long extraExpirySeconds, String coreUri) {
    this.core = core;
    this.registrations = registrations;
    this.terminated = new TerminatedContacts(registrations, associations);
    this.extraExpirySeconds = extraExpirySeconds;
    CoreProxy.CoreHop hop = core.hop();
    this.ownUri = "sip:" + hop.host() + ":" + hop.port();
    this.contactUri = ownUri + ";transport=" + hop.transport().toLowerCase(Locale.ROOT);
    this.defaultRoute = "<" + coreUri + (coreUri.contains(";lr") ? "" : ";lr") + ">";
  }

  /** The eP-CSCF's own SIP URI (From, P-Asserted-Identity). */
  public String ownUri() {
    return ownUri;
  }

  /** The Contact of every subscription: where the NOTIFYs come. */
  public String contactUri() {
    return contactUri;
  }

  /** Active subscriptions (dialogs not yet ended). */
  public int count() {
    return byCallId.size();
  }

  /**
   * One subscription: the initial SUBSCRIBE, and from its 2xx (or a NOTIFY that overtook it) the
   * RFC 3261 §12 dialog, which places every refresh (route set, remote target, CSeq).
   */
  private static final class Subscription {
    final String flowId;
    final String impu;
    final String callId;
    final String fromTag;
    final List<String> routes;
    final long expires;
    SipRequest initial;
    Dialog dialog;
    TimerService.Timer refresh;
    /** A NOTIFY was unreadable and a refresh for full state went out: no second one until a readable one. */
    boolean recovering;

    Subscription(String flowId, String impu, String callId, String fromTag, List<String> routes, long expires) {
      this.flowId = flowId;
      this.impu = impu;
      this.callId = callId;
      this.fromTag = fromTag;
      this.routes = routes;
      this.expires = expires;
    }
  }

  @Override
  public void onFirstRegistration(FlowRegistration registration) {
    core.execute(() -> subscribe(registration, false));
  }

  /** A new subscription for the flow, replacing any it has; on the event loop. */
  private void subscribe(FlowRegistration registration, boolean recovering) {
    String impu = registration.defaultImpu();
    if (impu == null) {
      log.warn("no P-Associated-URI for flow {}: no reg-event subscription", registration.flowId());
      return;
    }
    end(registration.flowId()); // a new IMPI on the flow replaces the old subscription
    List<String> routes = registration.serviceRoutes().isEmpty() ? List.of(defaultRoute)
        : registration.serviceRoutes();
    Subscription s = new Subscription(registration.flowId(), impu, random() + "@" + core.hop().host(),
        "ep" + random(), routes, registration.grantedExpires() + extraExpirySeconds);
    s.recovering = recovering;
    try {
      s.initial = initialSubscribe(s);
    } catch (SipParseException e) {
      log.warn("default IMPU of flow {} is not a URI: {}", registration.flowId(), e.reason());
      return;
    }
    byCallId.put(s.callId, s);
    send(s, s.initial, s.expires);
  }

  @Override
  public void onRemoved(FlowRegistration registration, Removal why) {
    core.execute(() -> end(registration.flowId()));
  }

  /** Unsubscribes (Expires: 0) the flow's subscription, if any. */
  private void end(String flowId) {
    for (Subscription s : byCallId.values()) {
      if (s.flowId.equals(flowId)) {
        byCallId.remove(s.callId);
        if (s.refresh != null) {
          s.refresh.cancel();
        }
        if (s.dialog != null) { // without a dialog the notifier has nothing to end yet
          send(s, inDialog(s, 0), 0);
        }
      }
    }
  }

  /**
   * RFC 6665 §4.1.2.1: the SUBSCRIBE that creates the dialog, to the default IMPU along the
   * Service-Route (the registration's preloaded route, TS 24.229 5.2.3).
   */
  private SipRequest initialSubscribe(Subscription s) throws SipParseException {
    SipRequest.Builder b = SipRequest.builder(SipRequest.SUBSCRIBE, Uri.parse(s.impu));
    for (String r : s.routes) {
      b.header(HeaderNames.ROUTE, r);
    }
    return subscription(b.header(HeaderNames.MAX_FORWARDS, "70")
        .header(HeaderNames.FROM, "<" + ownUri + ">;tag=" + s.fromTag)
        .header(HeaderNames.TO, "<" + s.impu + ">")
        .header(HeaderNames.CALL_ID, s.callId)
        .header(HeaderNames.CSEQ, "1 SUBSCRIBE"), s.expires);
  }

  /**
   * RFC 6665 §4.1.2.2 and RFC 3261 §12.2.1.1: a refresh (or, with 0, the unsubscribe) inside the
   * dialog: Request-URI and Route from the dialog's remote target and route set, not the
   * Service-Route (EPC-62).
   */
  private SipRequest inDialog(Subscription s, long expires) {
    return subscription(s.dialog.newRequest(SipRequest.SUBSCRIBE), expires);
  }

  private SipRequest subscription(SipRequest.Builder b, long expires) {
    return b.header(HeaderNames.EVENT, "reg")
        .header(HeaderNames.ACCEPT, RegInfo.CONTENT_TYPE)
        .header(HeaderNames.CONTACT, "<" + contactUri + ">")
        .header(HeaderNames.EXPIRES, Long.toString(expires))
        .header(HeaderNames.P_ASSERTED_IDENTITY, "<" + ownUri + ">")
        .build();
  }

  private void send(Subscription s, SipRequest request, long expires) {
    core.forward(request, new CoreResponseListener() {
      @Override
      public void onResponse(SipResponse response) {
        if (expires == 0) {
          return;
        }
        if (!byCallId.containsKey(s.callId)) {
          unsubscribeLate(s, response);
          return;
        }
        if (!response.isSuccess()) {
          log.warn("reg-event SUBSCRIBE for flow {} refused: {}", s.flowId, response.statusCode());
          byCallId.remove(s.callId);
          if (response.statusCode() == 481 && s.dialog != null) {
            // RFC 6665 §4.1.2.2: the notifier no longer knows the subscription; the flow still needs one
            registrations.forFlow(s.flowId).ifPresent(r -> subscribe(r, s.recovering));
          }
          return;
        }
        try {
          if (s.dialog == null) {
            s.dialog = Dialog.asUac(s.initial, response); // route set: the 2xx's Record-Route, reversed
          } else {
            s.dialog.onResponseReceived(response); // a 2xx to a refresh may move the remote target
          }
          long granted = response.expires() >= 0 ? response.expires() : expires;
          scheduleRefresh(s, granted);
        } catch (SipParseException | IllegalArgumentException e) {
          log.warn("2xx to SUBSCRIBE not understood: {}", e.getMessage());
        }
      }
    });
  }

  /**
   * The flow went while the initial SUBSCRIBE was unanswered, so {@link #end} had no dialog to
   * end: the 2xx creates it now only to unsubscribe (RFC 6665 §4.1.2.3), or the S-CSCF would keep
   * notifying a flow that is gone.
   */
  private void unsubscribeLate(Subscription s, SipResponse response) {
    if (s.dialog != null || !response.isSuccess()) {
      return; // a refresh's answer after the end: end() already sent the unsubscribe
    }
    try {
      s.dialog = Dialog.asUac(s.initial, response);
      send(s, inDialog(s, 0), 0);
    } catch (SipParseException | IllegalArgumentException e) {
      log.warn("2xx to SUBSCRIBE not understood: {}", e.getMessage());
    }
  }

  /** Refreshes 600 s before expiry when the subscription lasts more than 1200 s, else at half. */
  private void scheduleRefresh(Subscription s, long granted) {
    if (granted <= 0) {
      return;
    }
    if (s.refresh != null) {
      s.refresh.cancel();
    }
    long at = granted > 1200 ? granted - 600 : Math.max(1, granted / 2);
    s.refresh = core.timerService().schedule(at * 1000, () -> {
      if (byCallId.containsKey(s.callId)) {
        send(s, inDialog(s, s.expires), s.expires);
      }
    });
  }

  /**
   * A NOTIFY from the core: answered here when it belongs to one of this eP-CSCF's subscriptions,
   * matched by Call-ID. A NOTIFY that overtakes the 2xx creates the dialog (RFC 6665 §4.1.2.4); each
   * one goes through the dialog's §12.2.2 checks (500 out of order, 481). A body of another type gets
   * 415 (RFC 3261 §21.4.13); reginfo that cannot be read gets 400 "Unreadable reginfo" and one
   * refresh for full state ({@link #refreshForFullState}); otherwise 200 and the reginfo is applied
   * ({@link TerminatedContacts}). On the event loop.
   *
   * @return false when the request is not for a subscription of the eP-CSCF
   */
  public boolean onNotify(NonInviteServerTransaction transaction) {
    SipRequest notify = transaction.request();
    Subscription s;
    RegInfo info;
    try {
      s = byCallId.get(notify.callId());
      if (s == null) {
        return false;
      }
      if (s.dialog == null) {
        s.dialog = Dialog.asSubscriber(s.initial, notify);
      }
      int verdict = s.dialog.receive(notify);
      if (verdict != InDialogVerdict.ACCEPT) {
        transaction.sendResponse(SipResponse.to(notify, verdict, null).build());
        return true;
      }
      if (TerminatedContacts.hasOtherBody(notify)) {
        transaction.sendResponse(SipResponse.to(notify, 415, null)
            .header(HeaderNames.ACCEPT, RegInfo.CONTENT_TYPE).build());
        return true;
      }
      boolean ending = notify.subscriptionState() != null && notify.subscriptionState().isTerminated();
      info = readOrRefuse(transaction, s, ending);
      if (ending) { // the notifier ended the subscription and wants no unsubscribe
        byCallId.remove(s.callId);
        s.dialog.terminate();
        if (s.refresh != null) {
          s.refresh.cancel();
        }
      }
    } catch (SipParseException e) {
      transaction.sendResponse(SipResponse.to(notify, 400, e.reason()).build());
      return true;
    } catch (IllegalArgumentException e) {
      transaction.sendResponse(SipResponse.to(notify, 481, null).build()); // tags that fit no dialog of ours
      return true;
    }
    if (info != null) {
      terminated.apply(s.flowId, info);
    }
    return true;
  }

  /** Answers the NOTIFY: 200 with its reginfo (null when it has none), or 400 when that is unreadable. */
  private RegInfo readOrRefuse(NonInviteServerTransaction transaction, Subscription s, boolean ending) {
    SipRequest notify = transaction.request();
    try {
      RegInfo info = TerminatedContacts.read(notify);
      transaction.sendResponse(SipResponse.to(notify, 200, "OK").build());
      if (info != null) {
        s.recovering = false;
      }
      return info;
    } catch (ReginfoException e) {
      log.warn("reg NOTIFY for flow {} with unreadable reginfo ({}): 400", s.flowId, e.getMessage());
      transaction.sendResponse(SipResponse.to(notify, 400, UNREADABLE).build());
      if (!ending) {
        refreshForFullState(s);
      }
      return null;
    }
  }

  /**
   * RFC 6665 §4.2.2 lets a notifier drop a subscription whose NOTIFY failed, and the state the
   * unreadable document carried is unknown here: a refresh at once brings a full-state NOTIFY (RFC
   * 3680 §6.2 notifications to a SUBSCRIBE are full), and if the notifier dropped the subscription,
   * its 481 starts a new one. Once per unreadable streak, so a notifier that keeps sending unreadable
   * documents makes no loop; the next one waits for the scheduled refresh.
   */
  private void refreshForFullState(Subscription s) {
    if (s.recovering) {
      return;
    }
    s.recovering = true;
    send(s, inDialog(s, s.expires), s.expires);
  }

  /** EPC-42 for a NOTIFY of the WIC's own subscription, relayed to it (the WIC answers it). */
  public void removeTerminated(String flowId, SipRequest notify) {
    terminated.applyRelayed(flowId, notify);
  }

  private static String random() {
    byte[] b = new byte[8];
    RANDOM.nextBytes(b);
    return HexFormat.of().formatHex(b);
  }
}
