package org.webims.sip.dialog;

import java.util.List;
import org.webims.sip.SipParseException;
import org.webims.sip.header.Address;
import org.webims.sip.header.CSeq;
import org.webims.sip.header.Contact;
import org.webims.sip.message.HeaderNames;
import org.webims.sip.message.SipMessage;
import org.webims.sip.message.SipRequest;
import org.webims.sip.message.SipResponse;
import org.webims.sip.uri.SipUri;
import org.webims.sip.uri.Uri;

/**
 * One side's state of an RFC 3261 §12 dialog: ID, local and remote URI, route set, remote target,
 * CSeq numbers, secure flag and early/confirmed state. Created by {@link #asUac}, {@link #asUas} or
 * {@link #asSubscriber}; builds in-dialog requests (§12.2.1.1) and checks received ones (§12.2.2).
 *
 * <p>Single-threaded: the caller serialises calls per dialog. The route set never changes once the
 * dialog is confirmed; only target refresh requests and their 2xx move the remote target.
 */
public final class Dialog {

  /** "Empty" CSeq of §12.1: the UAC has no remote number, the UAS no local one, until one is used. */
  private static final long EMPTY = -1;
  /** §8.1.1.6: the recommended initial Max-Forwards. */
  private static final String MAX_FORWARDS = "70";

  private final DialogId id;
  private final boolean createdAsUac;
  private final Address localUri;
  private final Address remoteUri;
  private final boolean secure;
  /** CSeq of the request that created the dialog: only final responses to it end the early state. */
  private final CSeq creatingCSeq;
  private RouteSet routeSet;
  private Uri remoteTarget;
  private long localSeq;
  private long remoteSeq;
  private int state;

  private Dialog(DialogId id, boolean createdAsUac, Address localUri, Address remoteUri, boolean secure,
      CSeq creatingCSeq, RouteSet routeSet, Uri remoteTarget, long localSeq, long remoteSeq,
      int state) {
    this.id = id;
    this.createdAsUac = createdAsUac;
    this.localUri = localUri;
    this.remoteUri = remoteUri;
    this.secure = secure;
    this.creatingCSeq = creatingCSeq;
    this.routeSet = routeSet;
    this.remoteTarget = remoteTarget;
    this.localSeq = localSeq;
    this.remoteSeq = remoteSeq;
    this.state = state;
  }

  /**
   * §12.1.2: the UAC's dialog from a request it sent and a 1xx (early) or 2xx (confirmed) response
   * carrying a To tag. Route set = the response's Record-Route reversed; remote target = its Contact
   * (a 1xx may lack one: the Request-URI stands in until the 2xx brings it); local CSeq = the
   * request's; remote CSeq empty; secure when the Request-URI was SIPS.
   */
  public static Dialog asUac(SipRequest sent, SipResponse response) throws SipParseException {
    String remoteTag = response.to().tag();
    int status = response.statusCode();
    if (remoteTag == null || status < 101 || status > 299) {
      throw new IllegalArgumentException("not a 101-299 with a To tag");
    }
    DialogId id = DialogId.of(sent.callId(), requireTag(sent.from(), "From"), remoteTag);
    CSeq cseq = sent.cseq();
    return new Dialog(id, true, sent.from(), response.to(), isSips(sent.requestUri()), cseq,
        RouteSet.reversed(response.recordRoutes()), contactOr(response, sent.requestUri()),
        cseq.sequence(), EMPTY, status < 200 ? DialogState.EARLY : DialogState.CONFIRMED);
  }

  /**
   * §12.1.1: the UAS's dialog from a request it received and the 1xx (early) or 2xx (confirmed)
   * response it answers with, whose To tag is the local tag the UAS chose. Route set = the request's
   * Record-Route in order; remote target = its Contact; remote CSeq = its CSeq; local CSeq empty.
   */
  public static Dialog asUas(SipRequest received, SipResponse answer) throws SipParseException {
    String localTag = answer.to().tag();
    int status = answer.statusCode();
    if (localTag == null || status < 101 || status > 299) {
      throw new IllegalArgumentException("not a 101-299 with a To tag");
    }
    DialogId id = DialogId.of(received.callId(), localTag, requireTag(received.from(), "From"));
    CSeq cseq = received.cseq();
    return new Dialog(id, false, answer.to(), received.from(), isSips(received.requestUri()), cseq,
        RouteSet.inOrder(received.recordRoutes()), contactOr(received, received.from().uri()),
        EMPTY, cseq.sequence(), status < 200 ? DialogState.EARLY : DialogState.CONFIRMED);
  }

  /**
   * RFC 6665 §4.1.2.4 and §4.4.1: the subscriber's dialog when a NOTIFY arrives for its SUBSCRIBE
   * before (or instead of) the 2xx. RFC 6665 does not restate the route set rule; the NOTIFY is a
   * received request, so this applies RFC 3261 §12.1.1 to it: route set = the
   * NOTIFY's Record-Route in order (not reversed: the top entry is the proxy nearest the subscriber),
   * remote target = its Contact, remote CSeq = its CSeq. The local side keeps the SUBSCRIBE's From
   * tag and CSeq, so the next refresh counts on from it. A 2xx to the SUBSCRIBE creates the dialog
   * with {@link #asUac} instead.
   */
  public static Dialog asSubscriber(SipRequest subscribe, SipRequest notify) throws SipParseException {
    String localTag = requireTag(subscribe.from(), "From");
    if (!localTag.equals(notify.to().tag())) {
      throw new IllegalArgumentException("The NOTIFY's To tag is not the SUBSCRIBE's From tag");
    }
    DialogId id = DialogId.of(notify.callId(), localTag, requireTag(notify.from(), "From"));
    CSeq cseq = subscribe.cseq();
    return new Dialog(id, true, subscribe.from(), notify.from(), isSips(subscribe.requestUri()), cseq,
        RouteSet.inOrder(notify.recordRoutes()), contactOr(notify, notify.from().uri()),
        cseq.sequence(), notify.cseq().sequence(), DialogState.CONFIRMED);
  }

  /**
   * §12.2.1.1: a request in this dialog with Request-URI and Route from the route set and remote
   * target, From/To with tags, Call-ID, Max-Forwards and the next local CSeq (1 when the local CSeq
   * was empty). No Via: the transaction layer or transport adds it. The caller adds Contact to target
   * refresh requests, and the body. Not for ACK ({@link #ackFor2xx}) or CANCEL (built from the
   * INVITE by the transaction user, §9.1).
   */
  public SipRequest.Builder newRequest(String method) {
    if (SipRequest.ACK.equals(method) || SipRequest.CANCEL.equals(method)) {
      throw new IllegalArgumentException(method + " reuses the INVITE's CSeq; use ackFor2xx or the INVITE");
    }
    localSeq = localSeq == EMPTY ? 1 : localSeq + 1;
    return request(method, CSeq.of(localSeq, method));
  }

  /**
   * §13.2.2.4: the ACK for a 2xx to the INVITE with CSeq number {@code inviteSequence}: same number,
   * method ACK, routed like any in-dialog request. It does not advance the local CSeq.
   */
  public SipRequest.Builder ackFor2xx(long inviteSequence) {
    return request(SipRequest.ACK, CSeq.of(inviteSequence, SipRequest.ACK));
  }

  private SipRequest.Builder request(String method, CSeq cseq) {
    RouteSet.RequestTarget target = routeSet.target(remoteTarget);
    SipRequest.Builder b = SipRequest.builder(method, target.requestUri());
    List<Address> routes = target.routes();
    for (int i = 0; i < routes.size(); i++) {
      b.header(HeaderNames.ROUTE, routes.get(i).toString());
    }
    return b.header(HeaderNames.MAX_FORWARDS, MAX_FORWARDS)
        .header(HeaderNames.FROM, localUri.withTag(id.localTag()).toString())
        .header(HeaderNames.TO, remoteUri.withTag(id.remoteTag()).toString())
        .header(HeaderNames.CALL_ID, id.callId())
        .header(HeaderNames.CSEQ, cseq.toString());
  }

  /**
   * §12.2.2: checks a request that matched this dialog. A CSeq below the remote CSeq is out of order
   * (500); equal is allowed because ACK and CANCEL repeat the INVITE's number and the transaction
   * layer has already absorbed retransmissions. An accepted target refresh replaces the remote target
   * with its Contact; the route set stays as it is.
   */
  public int receive(SipRequest request) throws SipParseException {
    if (state == DialogState.TERMINATED) {
      return InDialogVerdict.UNKNOWN_DIALOG;
    }
    long seq = request.cseq().sequence();
    if (remoteSeq != EMPTY && seq < remoteSeq) {
      return InDialogVerdict.OUT_OF_ORDER;
    }
    remoteSeq = seq;
    if (isTargetRefresh(request.method())) {
      remoteTarget = contactOr(request, remoteTarget);
    }
    return InDialogVerdict.ACCEPT;
  }

  /**
   * A response this side received to a request it sent in the dialog. For the creating request: a
   * 2xx confirms an early dialog and, per §13.2.2.4, recomputes the route set and remote target from
   * it; a final non-2xx terminates an early dialog. Later, a 2xx to a target refresh replaces the
   * remote target with its Contact (§12.2.1.2).
   */
  public void onResponseReceived(SipResponse response) throws SipParseException {
    int status = response.statusCode();
    CSeq cseq = response.cseq();
    if (state == DialogState.EARLY && cseq.equals(creatingCSeq)) {
      if (status >= 300) {
        state = DialogState.TERMINATED;
      } else if (status >= 200) {
        state = DialogState.CONFIRMED;
        if (createdAsUac) {
          routeSet = RouteSet.reversed(response.recordRoutes());
        }
        remoteTarget = contactOr(response, remoteTarget);
      }
      return;
    }
    if (status >= 200 && status < 300 && isTargetRefresh(cseq.method())) {
      remoteTarget = contactOr(response, remoteTarget);
    }
  }

  /**
   * A response this side sent to a request it received in the dialog: for the creating request, a
   * 2xx confirms an early dialog and a final non-2xx terminates it (§12.1, §13.3.1.4).
   */
  public void onResponseSent(SipResponse response) throws SipParseException {
    int status = response.statusCode();
    if (state == DialogState.EARLY && status >= 200 && response.cseq().equals(creatingCSeq)) {
      state = status < 300 ? DialogState.CONFIRMED : DialogState.TERMINATED;
    }
  }

  /** Ends the dialog (BYE, a terminated subscription); {@link Dialogs} then answers 481. */
  public void terminate() {
    state = DialogState.TERMINATED;
  }

  /**
   * §12.2: requests whose Contact replaces the remote target: INVITE (re-INVITE), UPDATE (RFC 3311),
   * SUBSCRIBE and NOTIFY (RFC 6665 §4.1.2, §4.2.2), REFER (RFC 3515).
   */
  static boolean isTargetRefresh(String method) {
    return SipRequest.INVITE.equals(method) || "UPDATE".equals(method) || SipRequest.SUBSCRIBE.equals(method)
        || SipRequest.NOTIFY.equals(method) || "REFER".equals(method);
  }

  private static Uri contactOr(SipMessage message, Uri fallback) throws SipParseException {
    List<Contact> contacts = message.contacts();
    if (contacts.isEmpty() || contacts.get(0).isWildcard()) {
      return fallback;
    }
    return contacts.get(0).address().uri();
  }

  private static boolean isSips(Uri uri) {
    return uri instanceof SipUri && ((SipUri) uri).isSecure();
  }

  private static String requireTag(Address address, String header) {
    String tag = address.tag();
    if (tag == null) {
      throw new IllegalArgumentException(header + " has no tag");
    }
    return tag;
  }

  public DialogId id() {
    return id;
  }

  public int state() {
    return state;
  }

  /** True when this side sent the request that created the dialog (§12.1.2), or subscribed. */
  public boolean createdAsUac() {
    return createdAsUac;
  }

  /** Local URI with the tag as received or sent (From for the UAC, To for the UAS). */
  public Address localUri() {
    return localUri;
  }

  public Address remoteUri() {
    return remoteUri;
  }

  public RouteSet routeSet() {
    return routeSet;
  }

  public Uri remoteTarget() {
    return remoteTarget;
  }

  /** The local CSeq number, or -1 while empty. */
  public long localSequence() {
    return localSeq;
  }

  /** The remote CSeq number, or -1 while empty. */
  public long remoteSequence() {
    return remoteSeq;
  }

  /** §12.1.1/§12.1.2 secure flag: the creating request's Request-URI was SIPS. */
  public boolean isSecure() {
    return secure;
  }

  @Override
  public String toString() {
    return "Dialog[" + id + " " + state + " target=" + remoteTarget + " routes=" + routeSet + "]";
  }
}
