package org.webims.wic.ua;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.webims.sip.message.HeaderNames;
import org.webims.sip.message.SipMessage;
import org.webims.sip.message.SipRequest;
import org.webims.sip.message.SipResponse;
import org.webims.sip.parser.SipParser;

/**
 * A registered WIC with a {@link CallAgent}: the registration's fakes, the scripted media and the
 * page's call panel (this, as the {@link CallListener}). The eP-CSCF side is written by hand.
 */
abstract class CallFixture extends AgentFixture implements CallListener {

  static final String SERVICE_ROUTE = "<sip:orig@scscf.ims.example.net;lr>";
  static final String OFFER = "v=0\r\no=- 1 1 IN IP4 0.0.0.0\r\ns=-\r\nt=0 0\r\nm=audio 9 UDP/TLS/RTP/SAVPF 111\r\n";
  static final String ANSWER = "v=0\r\no=- 2 1 IN IP4 0.0.0.0\r\ns=-\r\nt=0 0\r\nm=audio 9 UDP/TLS/RTP/SAVPF 111\r\n";

  final ScriptedMedia media = new ScriptedMedia();
  final List<String> callStates = new ArrayList<>();
  String peer;
  String reason;
  RegistrationAgent agent;
  CallAgent calls;

  @Override
  public void onCallState(String state, String p, String r) {
    callStates.add(state);
    peer = p;
    reason = r;
  }

  String callState() {
    return callStates.get(callStates.size() - 1);
  }

  /** Registers with a token over the fake socket (Service-Route, P-Associated-URI) and makes the CallAgent. */
  void register() throws Exception {
    agent = newAgent(new Random(11));
    calls = new CallAgent(agent, media, timers, this, config);
    agent.register();
    sessions.answer(FakeSessions.alice(timers.nowMillis() + 7_200_000));
    socket.accept();
    SipRequest register = lastRequest();
    socket.receive(RegistrationAgentTest.ok(register,
        "Contact: " + register.header(HeaderNames.CONTACT) + ";expires=3600",
        "Service-Route: " + SERVICE_ROUTE,
        "P-Associated-URI: <sip:alice@ims.example.net>, <tel:+15551230001>"));
  }

  static SipMessage parse(String text) throws Exception {
    SipMessage m = SipParser.DEFAULT.parse(text);
    m.validate();
    return m;
  }

  /** The last SIP message the WIC sent. */
  SipMessage lastSent() throws Exception {
    List<String> sip = socket.sip();
    return parse(sip.get(sip.size() - 1));
  }

  SipRequest lastRequest() throws Exception {
    return (SipRequest) lastSent();
  }

  SipResponse lastResponse() throws Exception {
    return (SipResponse) lastSent();
  }

  /** The requests the WIC sent with {@code method}. */
  List<SipRequest> sent(String method) throws Exception {
    List<SipRequest> list = new ArrayList<>();
    for (String s : socket.sip()) {
      if (s.startsWith(method + " ")) {
        list.add((SipRequest) parse(s));
      }
    }
    return list;
  }

  /** A message as text: start line, header lines, and {@code body} (may be empty) with its Content-Length. */
  static String message(String startLine, String body, String... headers) {
    StringBuilder sb = new StringBuilder(startLine).append("\r\n");
    for (String h : headers) {
      sb.append(h).append("\r\n");
    }
    if (!body.isEmpty()) {
      sb.append("Content-Type: application/sdp\r\n");
    }
    sb.append("Content-Length: ").append(body.getBytes(StandardCharsets.UTF_8).length).append("\r\n\r\n");
    return sb.append(body).toString();
  }

  /** A response to {@code request} as the far end sends it through the eP-CSCF, with To tag {@code toTag}. */
  static String response(SipRequest request, String statusLine, String toTag, String body, String... headers) {
    List<String> lines = new ArrayList<>();
    lines.add("Via: " + request.header(HeaderNames.VIA));
    lines.add("From: " + request.header(HeaderNames.FROM));
    lines.add("To: " + request.header(HeaderNames.TO) + (toTag == null ? "" : ";tag=" + toTag));
    lines.add("Call-ID: " + request.header(HeaderNames.CALL_ID));
    lines.add("CSeq: " + request.header(HeaderNames.CSEQ));
    lines.addAll(List.of(headers));
    return message("SIP/2.0 " + statusLine, body, lines.toArray(new String[0]));
  }
}
