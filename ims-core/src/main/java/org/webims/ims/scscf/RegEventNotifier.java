package org.webims.ims.scscf;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Predicate;
import org.webims.sip.SipParseException;
import org.webims.sip.header.Address;
import org.webims.sip.header.Event;
import org.webims.sip.message.HeaderNames;
import org.webims.sip.message.SipRequest;
import org.webims.sip.message.SipResponse;
import org.webims.sip.reginfo.Contact;
import org.webims.sip.reginfo.RegInfo;
import org.webims.sip.reginfo.RegInfoWriter;
import org.webims.sip.reginfo.Registration;
import org.webims.sip.transaction.TimerService;
import org.webims.sip.uri.Uri;

/**
 * The S-CSCF's reg event notifier (RFC 3680, RFC 6665, TS 24.229 §5.4.2.1; SCS-09..14): accepts
 * SUBSCRIBE with {@code Event: reg} to a registered IMPU, sends a full-state NOTIFY at once and
 * another on every change of the implicit set's bindings, each with the next {@code version}.
 * Runs on the SIP event loop; NOTIFYs leave through a {@link Sender}.
 */
public final class RegEventNotifier implements Registrar.Listener {

  public static final String CONTENT_TYPE = RegInfo.CONTENT_TYPE;

  /** Sends a NOTIFY along its Route set (or to its Request-URI) in a client transaction. */
  public interface Sender {
    /** {@code onFailure} runs when the NOTIFY times out, cannot be sent or gets 481 (RFC 6665 §4.2.2). */
    void send(SipRequest notify, Runnable onFailure);
  }

  /** One reg subscription (an RFC 6665 dialog on the notifier side). */
  static final class Subscription {
    final String callId;
    final String localTag;
    final Address local;
    final Address remote;
    final String remoteTarget;
    final List<String> routeSet;
    final String aor;
    long cseq;
    long version;
    long expiresAtMillis;
    TimerService.Timer timer;

    Subscription(String callId, String localTag, Address local, Address remote, String remoteTarget,
        List<String> routeSet, String aor) {
      this.callId = callId;
      this.localTag = localTag;
      this.local = local;
      this.remote = remote;
      this.remoteTarget = remoteTarget;
      this.routeSet = routeSet;
      this.aor = aor;
    }

    String key() {
      return key(callId, remote.tag(), localTag);
    }

    static String key(String callId, String remoteTag, String localTag) {
      return callId + '|' + remoteTag + '|' + localTag;
    }
  }

  private final Registrar registrar;
  private final TimerService timers;
  private final Predicate<InetAddress> trustedNode;
  private final long maxExpires;
  private Sender sender;
  private final Map<String, Subscription> subscriptions = new LinkedHashMap<>();
  private final Map<String, Integer> ids = new HashMap<>();

  /**
   * @param maxExpires the longest subscription granted, seconds ({@code webims.ims.reg-event.max-expires})
   */
  public RegEventNotifier(Registrar registrar, TimerService timers, Predicate<InetAddress> trustedNode,
      long maxExpires, Sender sender) {
    this.registrar = registrar;
    this.timers = timers;
    this.trustedNode = trustedNode;
    this.maxExpires = maxExpires;
    this.sender = sender;
    registrar.listener(this);
  }

  /** Sets where NOTIFYs go (the SIP service, made after this notifier); before it is set none leave. */
  public void sender(Sender sender) {
    this.sender = sender;
  }

  /** Active subscriptions; read it on the event loop (tests read it after the loop is idle). */
  public int subscriptionCount() {
    return subscriptions.size();
  }

  /**
   * SCS-10: answers a SUBSCRIBE ({@code validate()}d) from {@code source}; a 2xx is followed by
   * a NOTIFY handed to the sender after this returns (scheduled on the timers with no delay).
   */
  public SipResponse subscribe(SipRequest request, InetAddress source) throws SipParseException {
    Event event = request.event();
    if (event == null || !"reg".equalsIgnoreCase(event.eventType())) {
      return ScscfResponses.to(request, 489, null).header("Allow-Events", "reg").build();
    }
    String aor = request.to().uri().toString();
    String toTag = request.to().tag();
    if (toTag != null) {
      Subscription existing = subscriptions.get(Subscription.key(request.callId(), request.from().tag(), toTag));
      if (existing == null) {
        return SipResponse.to(request, 481, null).build();
      }
      return refresh(request, existing);
    }
    List<String> impus = registrar.implicitSet(aor);
    if (impus.isEmpty()) {
      // Unknown to the registrar: no binding for the IMPU (unregistered, or not an IMPU at all).
      return ScscfResponses.to(request, 404, "Not registered").build();
    }
    String from = request.from().uri().toString();
    if (!impus.contains(from) && !trustedNode.test(source)) {
      return ScscfResponses.to(request, 403, "Not authorized for this registration").build();
    }
    List<org.webims.sip.header.Contact> contacts = request.contacts();
    if (contacts.size() != 1) {
      return ScscfResponses.to(request, 400, "SUBSCRIBE needs one Contact").build();
    }
    long expires = granted(request);
    String localTag = tag();
    String target = contacts.get(0).address().uri().toString();
    Subscription s = new Subscription(request.callId(), localTag, request.to().withTag(localTag), request.from(),
        target, routeSet(request, target), aor);
    s.cseq = 0;
    if (expires == 0) {
      // A fetch (RFC 6665 §4.4.3): one NOTIFY that ends the subscription.
      timers.schedule(0, () -> notify(s, impus, List.of(), null, "terminated;reason=timeout"));
    } else {
      s.expiresAtMillis = registrar.nowMillis() + expires * 1000;
      subscriptions.put(s.key(), s);
      s.timer = timers.schedule(expires * 1000, () -> expire(s));
      timers.schedule(0, () -> notify(s, impus, List.of(), null, null));
    }
    return ok(request, localTag, expires);
  }

  private SipResponse refresh(SipRequest request, Subscription s) throws SipParseException {
    long expires = granted(request);
    s.timer.cancel();
    List<String> impus = registrar.implicitSet(s.aor);
    if (expires == 0) {
      subscriptions.remove(s.key());
      timers.schedule(0, () -> notify(s, impus, List.of(), null, "terminated;reason=timeout"));
    } else {
      s.expiresAtMillis = registrar.nowMillis() + expires * 1000;
      s.timer = timers.schedule(expires * 1000, () -> expire(s));
      timers.schedule(0, () -> notify(s, impus, List.of(), null, null));
    }
    return ok(request, null, expires);
  }

  private long granted(SipRequest request) throws SipParseException {
    long requested = request.expires();
    return requested < 0 ? maxExpires : Math.min(requested, maxExpires);
  }

  private SipResponse ok(SipRequest request, String localTag, long expires) throws SipParseException {
    SipResponse.Builder ok = SipResponse.to(request, 200, null);
    if (localTag != null) {
      ok.setHeader(HeaderNames.TO, request.to().withTag(localTag).toString());
    }
    return ok.header(HeaderNames.EXPIRES, Long.toString(expires))
        .header(HeaderNames.CONTACT, "<" + request.requestUri() + ">")
        .build();
  }

  /**
   * RFC 6665 §4.1.1, RFC 3261 §12.1.1: the Record-Route set as received; without one, when the
   * subscriber's Contact is a registered contact, the Path of its binding (SCS-14), so NOTIFYs
   * reach the WIC through the eP-CSCF flow it registered over.
   */
  private List<String> routeSet(SipRequest request, String target) throws SipParseException {
    List<String> recordRoute = request.headerValues(HeaderNames.RECORD_ROUTE);
    if (!recordRoute.isEmpty()) {
      return List.copyOf(recordRoute);
    }
    for (String impu : registrar.implicitSet(request.to().uri().toString())) {
      for (Binding b : registrar.bindings(impu)) {
        if (b.uri().equals(target)) {
          return b.path();
        }
      }
    }
    return List.of();
  }

  /** The subscription lapsed without refresh: a final NOTIFY (RFC 6665 §4.2.2). */
  private void expire(Subscription s) {
    if (subscriptions.remove(s.key()) != null) {
      notify(s, registrar.implicitSet(s.aor), List.of(), null, "terminated;reason=timeout");
    }
  }

  @Override
  public void changed(List<String> impus, List<Binding> terminated, String event) {
    boolean networkInitiated = "deactivated".equals(event) || "rejected".equals(event);
    for (Subscription s : new ArrayList<>(subscriptions.values())) {
      if (!impus.contains(s.aor)) {
        continue;
      }
      boolean nothingLeft = registrar.bindings(s.aor).isEmpty();
      // A network-initiated removal ends the subscriptions it leaves without a registration, and
      // that of the removed contact itself (SCS-33: a failed flow's binding); the others go on.
      if (networkInitiated && (nothingLeft || subscribedFrom(s, terminated)) || nothingLeft && !terminated.isEmpty()) {
        // SCS-12, RFC 3680 §4.4: the registration is gone; so is the subscription (RFC 6665 §4.2.2).
        subscriptions.remove(s.key());
        s.timer.cancel();
        notify(s, impus, terminated, event, "terminated;reason=" + (networkInitiated ? event : "noresource"));
      } else {
        notify(s, impus, terminated, event, null);
      }
    }
    // A removed contact is reported once; forgetting its id keeps the map to the live contacts.
    for (Binding b : terminated) {
      for (String impu : impus) {
        ids.remove("c|" + impu + "|" + b.uri());
      }
    }
  }

  private static boolean subscribedFrom(Subscription s, List<Binding> terminated) {
    for (Binding b : terminated) {
      if (b.uri().equals(s.remoteTarget)) {
        return true;
      }
    }
    return false;
  }

  private void notify(Subscription s, List<String> impus, List<Binding> terminated, String event, String endState) {
    String state = endState != null ? endState
        : "active;expires=" + Math.max(0, (s.expiresAtMillis - registrar.nowMillis() + 999) / 1000);
    String body = reginfo(s.version++, impus, terminated, event);
    SipRequest.Builder notify;
    try {
      notify = SipRequest.builder(SipRequest.NOTIFY, Uri.parse(s.remoteTarget));
    } catch (SipParseException e) {
      return;
    }
    for (String route : s.routeSet) {
      notify.header(HeaderNames.ROUTE, route);
    }
    notify.header(HeaderNames.MAX_FORWARDS, "70")
        .header(HeaderNames.FROM, s.local.toString())
        .header(HeaderNames.TO, s.remote.toString())
        .header(HeaderNames.CALL_ID, s.callId)
        .header(HeaderNames.CSEQ, ++s.cseq + " NOTIFY")
        .header(HeaderNames.CONTACT, "<" + s.local.uri() + ">")
        .header(HeaderNames.EVENT, "reg")
        .header(HeaderNames.SUBSCRIPTION_STATE, state)
        .body(CONTENT_TYPE, body);
    Sender out = sender;
    if (out == null) {
      return;
    }
    out.send(notify.build(), () -> {
      if (subscriptions.remove(s.key()) != null) {
        s.timer.cancel();
      }
    });
  }

  /**
   * RFC 3680 §5.3 full state: every IMPU of the implicit set with its current contacts
   * ({@code active}) and the ones just removed ({@code terminated} with {@code event}). A contact
   * carries its {@code +sip.instance} and {@code reg-id} as unknown-params, so a subscriber can
   * tell its own binding by {@link org.webims.sip.reginfo.ContactIdentity}'s rule.
   */
  String reginfo(long version, List<String> impus, List<Binding> terminated, String event) {
    RegInfo.Builder info = RegInfo.builder(version, RegInfo.FULL);
    for (String impu : impus) {
      List<Binding> active = registrar.bindings(impu);
      Registration.Builder r = Registration.builder(impu, Integer.toString(id("r|" + impu)),
          active.isEmpty() ? Registration.TERMINATED : Registration.ACTIVE);
      for (Binding b : active) {
        r.contact(contact(impu, b, Contact.ACTIVE, "registered"));
      }
      for (Binding b : terminated) {
        r.contact(contact(impu, b, Contact.TERMINATED, event));
      }
      info.registration(r.build());
    }
    return RegInfoWriter.write(info.build());
  }

  private Contact contact(String impu, Binding b, String state, String event) {
    Contact.Builder c = Contact.builder(Integer.toString(id("c|" + impu + "|" + b.uri())), state, b.uri()).event(event);
    if (b.instance() != null) {
      c.unknownParam("+sip.instance", "\"" + b.instance() + "\"");
      if (b.isOutbound()) {
        c.unknownParam("reg-id", Integer.toString(b.regId()));
      }
    }
    return c.build();
  }

  /** Stable ids per registration and contact (RFC 3680 §5.1 requires them unchanged across NOTIFYs). */
  private int id(String what) {
    return ids.computeIfAbsent(what, k -> ids.size() + 1);
  }

  private static String tag() {
    return Long.toHexString(ThreadLocalRandom.current().nextLong());
  }
}
