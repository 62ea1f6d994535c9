package org.webims.e2e.support;

import java.net.URI;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.function.Predicate;
import org.webims.sip.SipParseException;
import org.webims.sip.dialog.RouteSet;
import org.webims.sip.header.Address;
import org.webims.sip.message.HeaderNames;
import org.webims.sip.message.SipMessage;
import org.webims.sip.message.SipRequest;
import org.webims.sip.message.SipResponse;
import org.webims.sip.uri.Uri;

/**
 * A registered WIC stand-in for SIP-level call tests (issue 14): one WebSocket flow to the eP-CSCF,
 * registered with a WAF token, that sends and answers INVITE, ACK, BYE and CANCEL as the WIC puts
 * them on the wire (Route from the Service-Route, the Bearer token on every request, WIC-60, 61).
 * Messages it is not waiting for yet are kept, in order, for a later {@link #expect}.
 */
public final class SipCallParty implements AutoCloseable {

  private static final String SDP = "v=0\r\no=- 1 1 IN IP4 192.0.2.1\r\ns=-\r\nc=IN IP4 192.0.2.1\r\nt=0 0\r\n"
      + "m=audio 9 UDP/TLS/RTP/SAVPF 111\r\na=rtpmap:111 opus/48000/2\r\n";

  private final WsSipClient client;
  private final WicRegister register;
  private final String impu;
  private final String bearer;
  private final List<SipMessage> held = new ArrayList<>();
  private String serviceRoute;
  private boolean registered;

  private SipCallParty(WsSipClient client, String domain, String impu, String token) {
    this.client = client;
    this.register = new WicRegister(domain, impu);
    this.impu = impu;
    this.bearer = "Bearer " + token;
  }

  /** Connects to {@code epcscf} and registers {@code impu} with {@code token}; fails unless the answer is 200. */
  public static SipCallParty register(URI epcscf, String origin, String domain, String impu, String token)
      throws Exception {
    SipCallParty party = new SipCallParty(WsSipClient.connect(epcscf, origin, true), domain, impu, token);
    SipResponse ok = party.client.nextResponseAfter(party.register.next(600000, party.bearer));
    if (ok.statusCode() != 200) {
      party.client.close();
      throw new AssertionError(impu + " not registered: " + ok.startLine());
    }
    party.serviceRoute = ok.header(HeaderNames.SERVICE_ROUTE);
    party.registered = true;
    return party;
  }

  public String impu() {
    return impu;
  }

  /** A new INVITE to {@code callee} along the Service-Route with an SDP offer. */
  public SipRequest invite(String callee) throws SipParseException {
    return SipRequest.builder(SipRequest.INVITE, Uri.parse(callee))
        .header(HeaderNames.VIA, register.newVia())
        .header(HeaderNames.ROUTE, serviceRoute)
        .header(HeaderNames.MAX_FORWARDS, "70")
        .header(HeaderNames.FROM, "<" + impu + ">;tag=" + WicRegister.random(8))
        .header(HeaderNames.TO, "<" + callee + ">")
        .header(HeaderNames.CALL_ID, WicRegister.random(20))
        .header(HeaderNames.CSEQ, "1 INVITE")
        .header(HeaderNames.CONTACT, "<" + register.contactUri() + ";transport=ws;ob>")
        .header(HeaderNames.AUTHORIZATION, bearer)
        .body("application/sdp", SDP)
        .build();
  }

  /** The CANCEL of {@code invite} (RFC 3261 §9.1): same branch, Request-URI, Route, From, To, Call-ID. */
  public SipRequest cancel(SipRequest invite) throws SipParseException {
    return SipRequest.builder(SipRequest.CANCEL, invite.requestUri())
        .header(HeaderNames.VIA, invite.header(HeaderNames.VIA))
        .header(HeaderNames.ROUTE, invite.header(HeaderNames.ROUTE))
        .header(HeaderNames.MAX_FORWARDS, "70")
        .header(HeaderNames.FROM, invite.header(HeaderNames.FROM))
        .header(HeaderNames.TO, invite.header(HeaderNames.TO))
        .header(HeaderNames.CALL_ID, invite.callId())
        .header(HeaderNames.CSEQ, invite.cseq().sequence() + " CANCEL")
        .build();
  }

  /** The caller's request in the dialog {@code ok} (a 2xx to its {@code invite}) set up: ACK, BYE (§12.2.1.1). */
  public SipRequest callerRequest(SipRequest invite, SipResponse ok, String method, long cseq) throws SipParseException {
    return inDialog(method, cseq, ok.contacts().get(0).address().uri(), RouteSet.reversed(ok.recordRoutes()),
        invite.header(HeaderNames.FROM), ok.header(HeaderNames.TO), invite.callId());
  }

  /** The callee's request in the dialog of {@code invite}, which it answered with To {@code to}. */
  public SipRequest calleeRequest(SipRequest invite, String to, String method, long cseq) throws SipParseException {
    return inDialog(method, cseq, invite.contacts().get(0).address().uri(), RouteSet.inOrder(invite.recordRoutes()),
        to, invite.header(HeaderNames.FROM), invite.callId());
  }

  private SipRequest inDialog(String method, long cseq, Uri target, RouteSet routes, String from, String to,
      String callId) {
    SipRequest.Builder b = SipRequest.builder(method, target).header(HeaderNames.VIA, register.newVia());
    for (Address route : routes.routes()) {
      b.header(HeaderNames.ROUTE, route.toString());
    }
    b.header(HeaderNames.MAX_FORWARDS, "70")
        .header(HeaderNames.FROM, from)
        .header(HeaderNames.TO, to)
        .header(HeaderNames.CALL_ID, callId)
        .header(HeaderNames.CSEQ, cseq + " " + method);
    if (!method.equals(SipRequest.ACK)) {
      b.header(HeaderNames.AUTHORIZATION, bearer);
    }
    return b.build();
  }

  /**
   * The callee's answer to {@code invite} with To tag {@code tag}: Record-Route copied, a Contact,
   * and an SDP answer on a 2xx (RFC 3261 §12.1.1).
   */
  public SipResponse answer(SipRequest invite, int status, String tag) {
    SipResponse.Builder b = SipResponse.to(invite, status, null);
    b.setHeader(HeaderNames.TO, invite.header(HeaderNames.TO) + ";tag=" + tag);
    for (String rr : invite.headerLines(HeaderNames.RECORD_ROUTE)) {
      b.header(HeaderNames.RECORD_ROUTE, rr);
    }
    if (status < 300) {
      b.header(HeaderNames.CONTACT, "<" + register.contactUri() + ";transport=ws;ob>");
    }
    if (status >= 200 && status < 300) {
      b.body("application/sdp", SDP);
    }
    return b.build();
  }

  public void send(SipMessage message) throws Exception {
    client.send(message);
  }

  /** The next request with {@code method}, waiting at most 15 s. */
  public SipRequest expectRequest(String method) throws Exception {
    return (SipRequest) expect(m -> m.isRequest() && ((SipRequest) m).isMethod(method), method);
  }

  /** The next response with {@code status} to a request with {@code method}, waiting at most 15 s. */
  public SipResponse expectResponse(int status, String method) throws Exception {
    return (SipResponse) expect(m -> !m.isRequest() && ((SipResponse) m).statusCode() == status
        && cseqMethod(m).equals(method), status + " to " + method);
  }

  /** The next final response to a request with {@code method}, waiting at most 15 s. */
  public SipResponse expectFinal(String method) throws Exception {
    return (SipResponse) expect(m -> !m.isRequest() && ((SipResponse) m).statusCode() >= 200
        && cseqMethod(m).equals(method), "a final response to " + method);
  }

  private SipMessage expect(Predicate<SipMessage> wanted, String what) throws Exception {
    for (Iterator<SipMessage> i = held.iterator(); i.hasNext(); ) {
      SipMessage m = i.next();
      if (wanted.test(m)) {
        i.remove();
        return m;
      }
    }
    long deadline = System.nanoTime() + 15_000_000_000L;
    while (System.nanoTime() < deadline) {
      SipMessage m = client.next(1);
      if (m == null) {
        continue;
      }
      if (wanted.test(m)) {
        return m;
      }
      held.add(m);
    }
    throw new AssertionError(impu + " did not receive " + what + " within 15 s; it got " + startLines());
  }

  private List<String> startLines() {
    return held.stream().map(SipMessage::startLine).toList();
  }

  private static String cseqMethod(SipMessage m) {
    try {
      return m.cseq().method();
    } catch (SipParseException e) {
      return "";
    }
  }

  /** The WebSocket dies without a deregistration (a closed tab, a lost network). */
  public void loseFlow() {
    registered = false;
    client.close();
  }

  /** Deregisters when still registered, then closes the WebSocket. */
  @Override
  public void close() throws Exception {
    try {
      if (registered) {
        registered = false;
        client.send(register.next(0, bearer));
        expectResponse(200, SipRequest.REGISTER);
      }
    } finally {
      client.close();
    }
  }
}
