package org.webims.epcscf.registration;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.webims.epcscf.core.CoreProxy;
import org.webims.epcscf.testing.FakeCoreNetwork;
import org.webims.epcscf.testing.FakeWicFlow;
import org.webims.epcscf.testing.TestMessages;
import org.webims.sip.message.HeaderNames;
import org.webims.sip.message.SipMessage;
import org.webims.sip.message.SipRequest;
import org.webims.sip.message.SipResponse;

/**
 * The eP-CSCF as an RFC 3261 §16 proxy on the path of a session (issue 13, the path issue 14's calls
 * take): an INVITE from a WIC is relayed with a Record-Route naming its flow (EPC-60, EPC-61), its
 * provisional and 2xx come back, CANCEL ends it with 487, ACK and BYE follow the route set, and
 * requests of the core inside the dialog reach the flow (EPC-62). Without sockets: a fake core, a fake
 * flow, a virtual clock.
 */
class DialogsThroughTheProxyTest {

  static final String FLOW_ROUTE = "<sip:fl-7Q2xYc@epcscf.ims.example.net:5060;transport=tcp;lr>";
  static final String BOB = "sip:bob@192.0.2.50:5070;transport=tcp";

  private WiredEpCscf epcscf;
  private FakeWicFlow flow;
  private FakeCoreNetwork core;
  private CoreProxy proxy;
  private WicRequests wic;

  @BeforeEach
  void registered() throws Exception {
    epcscf = new WiredEpCscf();
    flow = epcscf.flow;
    core = epcscf.core;
    proxy = epcscf.proxy;
    wic = epcscf.wic;
    epcscf.registerAndSubscribe();
  }

  @AfterEach
  void stop() {
    epcscf.close();
  }

  /** A request of the WIC (alice) toward bob; {@code inDialog} adds the To tag and the dialog's Route. */
  private static SipRequest fromWic(String method, String branch, int cseq, boolean inDialog) {
    return fromWic(method, branch, cseq, inDialog, "call-1@df7jal23ls0d.invalid");
  }

  /** {@link #fromWic(String, String, int, boolean)} in call {@code callId}. */
  static SipRequest fromWic(String method, String branch, int cseq, boolean inDialog, String callId) {
    return TestMessages.parse(method + " " + (inDialog ? BOB : "sip:bob@ims.example.net") + " SIP/2.0\r\n"
        + "Via: SIP/2.0/WSS df7jal23ls0d.invalid;rport;branch=" + branch + "\r\n"
        + (inDialog ? "Route: " + FLOW_ROUTE + "\r\n" : "")
        + "Max-Forwards: 70\r\n"
        + "From: <sip:alice@ims.example.net>;tag=alice1\r\n"
        + "To: <sip:bob@ims.example.net>" + (inDialog ? ";tag=bob1" : "") + "\r\n"
        + "Call-ID: " + callId + "\r\n"
        + "CSeq: " + cseq + " " + method + "\r\n"
        + "Contact: <sip:k2not68h@df7jal23ls0d.invalid;transport=ws;ob>\r\n"
        + "Content-Length: 0\r\n\r\n");
  }

  /** What bob's UA answers through the S-CSCF: Record-Route copied, To tag, bob's Contact. */
  private static SipResponse fromBob(SipRequest received, int status) {
    SipResponse.Builder b = SipResponse.to(received, status, null);
    for (String rr : received.headerLines(HeaderNames.RECORD_ROUTE)) {
      b.header(HeaderNames.RECORD_ROUTE, rr);
    }
    return b.setHeader(HeaderNames.TO, "<sip:bob@ims.example.net>;tag=bob1")
        .header(HeaderNames.CONTACT, "<" + BOB + ">").build();
  }

  private SipRequest lastToCore(String method) {
    List<SipRequest> requests = core.sent().stream().filter(SipMessage::isRequest).map(m -> (SipRequest) m)
        .filter(r -> r.isMethod(method)).toList();
    assertThat(requests).as("%s sent to the core", method).isNotEmpty();
    return requests.get(requests.size() - 1);
  }

  private List<Integer> statusesToWic() {
    return flow.received().stream().filter(m -> !m.isRequest()).map(m -> ((SipResponse) m).statusCode()).toList();
  }

  @Test
  void anInviteFromTheWicIsRecordRoutedWithItsFlowAndItsAnswersComeBack_EPC60_EPC61() throws Exception {
    wic.onRequest(flow, fromWic(SipRequest.INVITE, "z9hG4bKinv1", 1, false));

    SipRequest invite = lastToCore(SipRequest.INVITE);
    assertThat(invite.headerLines(HeaderNames.RECORD_ROUTE)).containsExactly(FLOW_ROUTE);
    assertThat(invite.header(HeaderNames.ROUTE)).isEqualTo("<sip:orig@scscf.ims.example.net;lr>");
    assertThat(invite.header(HeaderNames.P_ASSERTED_IDENTITY)).isEqualTo("<sip:alice@ims.example.net>");
    assertThat(invite.header(HeaderNames.VIA)).startsWith("SIP/2.0/TCP epcscf.ims.example.net:5060;branch=z9hG4bK");
    assertThat(invite.headerLines(HeaderNames.VIA)).hasSize(2);
    assertThat(invite.maxForwards()).isEqualTo(69);

    proxy.onMessage(fromBob(invite, 180), core.toScscf);
    proxy.onMessage(fromBob(invite, 200), core.toScscf);

    assertThat(statusesToWic()).endsWith(180, 200);
    SipResponse ok = flow.lastResponse();
    assertThat(ok.headerLines(HeaderNames.VIA)).hasSize(1);
    assertThat(ok.headerLines(HeaderNames.RECORD_ROUTE)).containsExactly(FLOW_ROUTE);
    assertThat(ok.hasHeader(HeaderNames.P_CHARGING_VECTOR)).isFalse();
  }

  @Test
  void ackAndByeOfTheWicFollowTheRouteSetAndTheCoresByeReachesTheFlow_EPC62() throws Exception {
    wic.onRequest(flow, fromWic(SipRequest.INVITE, "z9hG4bKinv1", 1, false));
    proxy.onMessage(fromBob(lastToCore(SipRequest.INVITE), 200), core.toScscf);

    wic.onRequest(flow, fromWic(SipRequest.ACK, "z9hG4bKack1", 1, true));
    SipRequest ack = lastToCore(SipRequest.ACK);
    assertThat(ack.requestUri().toString()).isEqualTo(BOB);
    assertThat(ack.hasHeader(HeaderNames.ROUTE)).isFalse(); // its own Record-Route URI is consumed (§16.4)
    assertThat(ack.header(HeaderNames.VIA)).startsWith("SIP/2.0/TCP epcscf.ims.example.net:5060;branch=z9hG4bK");

    wic.onRequest(flow, fromWic(SipRequest.BYE, "z9hG4bKbye1", 2, true));
    SipRequest bye = lastToCore(SipRequest.BYE);
    assertThat(bye.requestUri().toString()).isEqualTo(BOB);
    assertThat(bye.hasHeader(HeaderNames.ROUTE)).isFalse();
    assertThat(bye.hasHeader(HeaderNames.RECORD_ROUTE)).isFalse();
    proxy.onMessage(SipResponse.to(bye, 200, "OK").build(), core.toScscf);
    assertThat(flow.lastResponse().statusCode()).isEqualTo(200);
    assertThat(flow.lastResponse().cseq().method()).isEqualTo(SipRequest.BYE);

    // the other direction: bob's BYE comes back over the flow its Route names
    SipRequest coreBye = TestMessages.parse("BYE sip:k2not68h@df7jal23ls0d.invalid;transport=ws;ob SIP/2.0\r\n"
        + "Via: SIP/2.0/TCP scscf.ims.example.net:6060;branch=z9hG4bKscbye\r\n"
        + "Route: " + FLOW_ROUTE + "\r\n"
        + "Max-Forwards: 69\r\n"
        + "From: <sip:bob@ims.example.net>;tag=bob1\r\n"
        + "To: <sip:alice@ims.example.net>;tag=alice1\r\n"
        + "Call-ID: call-2@df7jal23ls0d.invalid\r\n"
        + "CSeq: 7 BYE\r\n"
        + "Content-Length: 0\r\n\r\n");
    proxy.onMessage(coreBye, core.toScscf);
    SipRequest relayed = (SipRequest) flow.received().get(flow.received().size() - 1);
    assertThat(relayed.isMethod(SipRequest.BYE)).isTrue();
    assertThat(relayed.hasHeader(HeaderNames.ROUTE)).isFalse();
    assertThat(relayed.header(HeaderNames.VIA)).startsWith("SIP/2.0/WSS epcscf.ims.example.net;branch=z9hG4bK");
    wic.onResponse(flow, SipResponse.to(relayed, 200, "OK").build());
    SipResponse toCore = (SipResponse) core.sent().get(core.sent().size() - 1);
    assertThat(toCore.statusCode()).isEqualTo(200);
    assertThat(toCore.headerLines(HeaderNames.VIA)).containsExactly(coreBye.header(HeaderNames.VIA));
  }

  @Test
  void anInviteFromTheCoreToTheFlowIsRecordRoutedToo_EPC61() throws Exception {
    SipRequest invite = TestMessages.parse("INVITE sip:k2not68h@df7jal23ls0d.invalid;transport=ws;ob SIP/2.0\r\n"
        + "Via: SIP/2.0/TCP scscf.ims.example.net:6060;branch=z9hG4bKscinv\r\n"
        + "Route: <sip:fl-7Q2xYc@epcscf.ims.example.net:5060;transport=tcp;lr;ob>\r\n"
        + "Record-Route: <sip:mt@scscf.ims.example.net;lr>\r\n"
        + "Max-Forwards: 69\r\n"
        + "From: <sip:bob@ims.example.net>;tag=bob1\r\n"
        + "To: <sip:alice@ims.example.net>\r\n"
        + "Call-ID: call-3@bob\r\n"
        + "CSeq: 1 INVITE\r\n"
        + "Contact: <" + BOB + ">\r\n"
        + "Content-Length: 0\r\n\r\n");
    proxy.onMessage(invite, core.toScscf);

    SipRequest relayed = (SipRequest) flow.received().get(flow.received().size() - 1);
    assertThat(relayed.isMethod(SipRequest.INVITE)).isTrue();
    assertThat(relayed.headerLines(HeaderNames.RECORD_ROUTE))
        .containsExactly(FLOW_ROUTE, "<sip:mt@scscf.ims.example.net;lr>");
    SipResponse ringing = SipResponse.to(relayed, 180, null)
        .setHeader(HeaderNames.TO, "<sip:alice@ims.example.net>;tag=alice1").build();
    wic.onResponse(flow, ringing);
    SipResponse toCore = (SipResponse) core.sent().get(core.sent().size() - 1);
    assertThat(toCore.statusCode()).isEqualTo(180);
  }

  @Test
  void anInviteFromTheCoreReachesTheWicWithoutChargingHeaders_EPC65() throws Exception {
    SipRequest invite = TestMessages.parse("INVITE sip:k2not68h@df7jal23ls0d.invalid;transport=ws;ob SIP/2.0\r\n"
        + "Via: SIP/2.0/TCP scscf.ims.example.net:6060;branch=z9hG4bKscinv\r\n"
        + "Route: <sip:fl-7Q2xYc@epcscf.ims.example.net:5060;transport=tcp;lr;ob>\r\n"
        + "Max-Forwards: 69\r\n"
        + "From: <sip:bob@ims.example.net>;tag=bob1\r\n"
        + "To: <sip:alice@ims.example.net>\r\n"
        + "Call-ID: call-4@bob\r\n"
        + "CSeq: 1 INVITE\r\n"
        + "Contact: <" + BOB + ">\r\n"
        + "P-Charging-Vector: icid-value=\"AyretyU0dm+6O2IrT5tAFrbHLso=023551024\";orig-ioi=home1.net\r\n"
        + "P-Charging-Function-Addresses: ccf=192.0.2.10\r\n"
        + "Content-Length: 0\r\n\r\n");
    proxy.onMessage(invite, core.toScscf);

    SipRequest relayed = (SipRequest) flow.received().get(flow.received().size() - 1);
    assertThat(relayed.isMethod(SipRequest.INVITE)).isTrue();
    assertThat(relayed.hasHeader(HeaderNames.P_CHARGING_VECTOR)).isFalse();
    assertThat(relayed.hasHeader(HeaderNames.P_CHARGING_FUNCTION_ADDRESSES)).isFalse();
  }

  @Test
  void cancelOfTheWicEndsTheInviteWith487() throws Exception {
    wic.onRequest(flow, fromWic(SipRequest.INVITE, "z9hG4bKinv1", 1, false));
    SipRequest invite = lastToCore(SipRequest.INVITE);
    proxy.onMessage(fromBob(invite, 180), core.toScscf);

    SipRequest cancel = TestMessages.parse("CANCEL sip:bob@ims.example.net SIP/2.0\r\n"
        + "Via: SIP/2.0/WSS df7jal23ls0d.invalid;rport;branch=z9hG4bKinv1\r\n"
        + "Max-Forwards: 70\r\n"
        + "From: <sip:alice@ims.example.net>;tag=alice1\r\n"
        + "To: <sip:bob@ims.example.net>\r\n"
        + "Call-ID: call-1@df7jal23ls0d.invalid\r\n"
        + "CSeq: 1 CANCEL\r\n"
        + "Content-Length: 0\r\n\r\n");
    wic.onRequest(flow, cancel);

    assertThat(flow.lastResponse().statusCode()).isEqualTo(200);
    assertThat(flow.lastResponse().cseq().method()).isEqualTo(SipRequest.CANCEL);
    SipRequest cancelToCore = lastToCore(SipRequest.CANCEL);
    assertThat(cancelToCore.topVia().branch()).isEqualTo(invite.topVia().branch());

    proxy.onMessage(fromBob(invite, 487), core.toScscf);
    assertThat(flow.lastResponse().statusCode()).isEqualTo(487);
    assertThat(flow.lastResponse().cseq().method()).isEqualTo(SipRequest.INVITE);
    assertThat(lastToCore(SipRequest.ACK).topVia().branch()).isEqualTo(invite.topVia().branch());
  }

  /**
   * RFC 3261 §16.9: the branch counts as 503 as soon as the connect fails, not after Timer C; §16.7
   * step 6 turns the only final, that 503, into 500 for the WIC.
   */
  @Test
  void aForwardedInviteWhoseConnectToTheCoreFailsLaterIsAnsweredAtOnce() throws Exception {
    int before = statusesToWic().size();
    core.connectPending();
    wic.onRequest(flow, fromWic(SipRequest.INVITE, "z9hG4bKinv1", 1, false));
    assertThat(statusesToWic().subList(before, statusesToWic().size())).containsExactly(100);

    core.connectFailed();

    assertThat(statusesToWic().subList(before, statusesToWic().size())).containsExactly(100, 500);
    assertThat(flow.lastResponse().cseq().method()).isEqualTo(SipRequest.INVITE);
  }

  /** EPC-43: a flow lost while its INVITE rings: the proxy core CANCELs the INVITE toward the core. */
  @Test
  void aWicThatGoesWhileItsInviteRingsHasItCancelled_EPC43() throws Exception {
    wic.onRequest(flow, fromWic(SipRequest.INVITE, "z9hG4bKinv1", 1, false));
    SipRequest invite = lastToCore(SipRequest.INVITE);
    proxy.onMessage(fromBob(invite, 180), core.toScscf);

    flow.close();
    wic.onClose(flow);

    assertThat(lastToCore(SipRequest.CANCEL).topVia().branch()).isEqualTo(invite.topVia().branch());
  }
}
