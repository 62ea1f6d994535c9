package org.webims.epcscf.registration;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.webims.epcscf.testing.FakeWicFlow;
import org.webims.epcscf.testing.TestMessages;
import org.webims.sip.message.HeaderNames;
import org.webims.sip.message.SipMessage;
import org.webims.sip.message.SipRequest;
import org.webims.sip.message.SipResponse;

/**
 * EPC-66: when a WIC's flow is lost, the eP-CSCF ends the flow's confirmed dialogs with a BYE toward
 * the core on the WIC's behalf (Reason: the flow failed) and forgets them. Dialogs are remembered
 * from the 2xx to a Record-Routed INVITE in either direction; one ended by BYE is not ended twice.
 * Without sockets: a fake core, a fake flow.
 */
class FlowLossEndsDialogsTest {

  static final String SCSCF_ROUTE = "<sip:mt@scscf.ims.example.net;lr>";
  static final String BOB = DialogsThroughTheProxyTest.BOB;
  static final String REASON = "SIP;cause=430;text=\"Flow Failed\"";

  private WiredEpCscf epcscf;
  private FakeWicFlow flow;

  private void start(int maxDialogsPerFlow) throws Exception {
    epcscf = new WiredEpCscf(maxDialogsPerFlow);
    flow = epcscf.flow;
    epcscf.registerAndSubscribe();
  }

  @AfterEach
  void stop() {
    epcscf.close();
  }

  /** A request of the WIC (alice) in call {@code callId}; {@code inDialog} adds bob's tag and the dialog's Route. */
  private static SipRequest fromWic(String method, String callId, int cseq, boolean inDialog) {
    return DialogsThroughTheProxyTest.fromWic(method, "z9hG4bK" + method + cseq + callId, cseq, inDialog, callId);
  }

  /** Bob's answer through the S-CSCF, which Record-Routes above the eP-CSCF. */
  private static SipResponse fromBob(SipRequest received, int status) {
    SipResponse.Builder b = SipResponse.to(received, status, null).header(HeaderNames.RECORD_ROUTE, SCSCF_ROUTE);
    for (String rr : received.headerLines(HeaderNames.RECORD_ROUTE)) {
      b.header(HeaderNames.RECORD_ROUTE, rr);
    }
    return b.setHeader(HeaderNames.TO, "<sip:bob@ims.example.net>;tag=bob1")
        .header(HeaderNames.CONTACT, "<" + BOB + ">").build();
  }

  private List<SipRequest> toCore(String method) {
    return epcscf.core.sent().stream().filter(SipMessage::isRequest).map(m -> (SipRequest) m)
        .filter(r -> r.isMethod(method)).toList();
  }

  /** Alice calls bob in call {@code callId} and the call is answered and acknowledged. */
  private void aliceCallsBob(String callId) {
    epcscf.wic.onRequest(flow, fromWic(SipRequest.INVITE, callId, 1, false));
    List<SipRequest> invites = toCore(SipRequest.INVITE);
    epcscf.proxy.onMessage(fromBob(invites.get(invites.size() - 1), 200), epcscf.core.toScscf);
    epcscf.wic.onRequest(flow, fromWic(SipRequest.ACK, callId, 1, true));
  }

  private void flowLost() {
    flow.close();
    epcscf.wic.onClose(flow);
  }

  @Test
  void aLostFlowEndsTheCallItMadeWithAByeTowardTheCore_EPC66() throws Exception {
    start(16);
    aliceCallsBob("call-1");
    epcscf.wic.onRequest(flow, fromWic("INFO", "call-1", 4, true)); // the WIC's highest CSeq so far
    assertThat(epcscf.proxy.dialogs(flow)).isEqualTo(1);
    assertThat(epcscf.proxy.dialogs()).as("the dialogs gauge (issue 16)").isEqualTo(1);

    flowLost();

    assertThat(toCore(SipRequest.BYE)).hasSize(1);
    SipRequest bye = toCore(SipRequest.BYE).get(0);
    assertThat(bye.requestUri().toString()).isEqualTo(BOB);
    assertThat(bye.headerLines(HeaderNames.ROUTE)).containsExactly(SCSCF_ROUTE);
    assertThat(bye.header(HeaderNames.FROM)).isEqualTo("<sip:alice@ims.example.net>;tag=alice1");
    assertThat(bye.header(HeaderNames.TO)).isEqualTo("<sip:bob@ims.example.net>;tag=bob1");
    assertThat(bye.callId()).isEqualTo("call-1");
    assertThat(bye.header(HeaderNames.CSEQ)).isEqualTo("5 BYE");
    assertThat(bye.header("Reason")).isEqualTo(REASON);
    assertThat(bye.headerLines(HeaderNames.VIA)).hasSize(1);
    assertThat(bye.header(HeaderNames.VIA)).startsWith("SIP/2.0/TCP epcscf.ims.example.net:5060;branch=z9hG4bK");
    assertThat(epcscf.proxy.dialogs(flow)).isZero();
    assertThat(epcscf.proxy.dialogs()).isZero();
  }

  @Test
  void aLostFlowEndsTheCallItAnsweredWithAByeToTheCaller_EPC66() throws Exception {
    start(16);
    SipRequest invite = TestMessages.parse("INVITE sip:k2not68h@df7jal23ls0d.invalid;transport=ws;ob SIP/2.0\r\n"
        + "Via: SIP/2.0/TCP scscf.ims.example.net:6060;branch=z9hG4bKscinv\r\n"
        + "Route: <sip:fl-7Q2xYc@epcscf.ims.example.net:5060;transport=tcp;lr;ob>\r\n"
        + "Record-Route: " + SCSCF_ROUTE + "\r\n"
        + "Max-Forwards: 69\r\n"
        + "From: <sip:bob@ims.example.net>;tag=bob1\r\n"
        + "To: <sip:alice@ims.example.net>\r\n"
        + "Call-ID: call-3@bob\r\n"
        + "CSeq: 1 INVITE\r\n"
        + "Contact: <" + BOB + ">\r\n"
        + "Content-Length: 0\r\n\r\n");
    epcscf.proxy.onMessage(invite, epcscf.core.toScscf);
    SipRequest relayed = (SipRequest) flow.received().get(flow.received().size() - 1);
    SipResponse.Builder ok = SipResponse.to(relayed, 200, null)
        .setHeader(HeaderNames.TO, "<sip:alice@ims.example.net>;tag=alice1")
        .header(HeaderNames.CONTACT, "<sip:k2not68h@df7jal23ls0d.invalid;transport=ws;ob>");
    for (String rr : relayed.headerLines(HeaderNames.RECORD_ROUTE)) {
      ok.header(HeaderNames.RECORD_ROUTE, rr);
    }
    epcscf.wic.onResponse(flow, ok.build());
    assertThat(epcscf.proxy.dialogs(flow)).isEqualTo(1);

    flowLost();

    SipRequest bye = toCore(SipRequest.BYE).get(0);
    assertThat(bye.requestUri().toString()).isEqualTo(BOB);
    assertThat(bye.headerLines(HeaderNames.ROUTE)).containsExactly(SCSCF_ROUTE);
    assertThat(bye.header(HeaderNames.FROM)).isEqualTo("<sip:alice@ims.example.net>;tag=alice1");
    assertThat(bye.header(HeaderNames.TO)).isEqualTo("<sip:bob@ims.example.net>;tag=bob1");
    assertThat(bye.callId()).isEqualTo("call-3@bob");
    assertThat(bye.cseq().method()).isEqualTo(SipRequest.BYE);
    assertThat(bye.header("Reason")).isEqualTo(REASON);
  }

  /** Issue 16: a call from the core counts from its INVITE toward the WIC; its setup is a terminating one. */
  @Test
  void aCallFromTheCoreCountsUntilTheCoresByeAndItsSetupIsTerminating() throws Exception {
    start(16);
    epcscf.proxy.onMessage(TestMessages.parse("INVITE sip:k2not68h@df7jal23ls0d.invalid;transport=ws;ob SIP/2.0\r\n"
        + "Via: SIP/2.0/TCP scscf.ims.example.net:6060;branch=z9hG4bKscinv4\r\n"
        + "Route: " + DialogsThroughTheProxyTest.FLOW_ROUTE + "\r\n"
        + "Max-Forwards: 69\r\n"
        + "From: <sip:bob@ims.example.net>;tag=bob1\r\n"
        + "To: <sip:alice@ims.example.net>\r\n"
        + "Call-ID: call-4@bob\r\n"
        + "CSeq: 1 INVITE\r\n"
        + "Contact: <" + BOB + ">\r\n"
        + "Content-Length: 0\r\n\r\n"), epcscf.core.toScscf);
    assertThat(epcscf.proxy.calls()).as("ringing at the WIC").isEqualTo(1);
    SipRequest relayed = (SipRequest) flow.received().get(flow.received().size() - 1);
    epcscf.wic.onResponse(flow, SipResponse.to(relayed, 200, null)
        .setHeader(HeaderNames.TO, "<sip:alice@ims.example.net>;tag=alice1")
        .header(HeaderNames.CONTACT, "<sip:k2not68h@df7jal23ls0d.invalid;transport=ws;ob>").build());
    assertThat(epcscf.proxy.calls()).isEqualTo(1);
    assertThat(epcscf.metrics.registry().get("webims.epcscf.call.setup").tag("direction", "terminating").timer()
        .count()).isEqualTo(1);
    assertThat(epcscf.metrics.registry().get("webims.epcscf.call.setup").tag("direction", "originating").timer()
        .count()).isZero();

    epcscf.proxy.onMessage(TestMessages.parse("BYE sip:k2not68h@df7jal23ls0d.invalid;transport=ws;ob SIP/2.0\r\n"
        + "Via: SIP/2.0/TCP scscf.ims.example.net:6060;branch=z9hG4bKscbye4\r\n"
        + "Route: " + DialogsThroughTheProxyTest.FLOW_ROUTE + "\r\n"
        + "Max-Forwards: 69\r\n"
        + "From: <sip:bob@ims.example.net>;tag=bob1\r\n"
        + "To: <sip:alice@ims.example.net>;tag=alice1\r\n"
        + "Call-ID: call-4@bob\r\n"
        + "CSeq: 2 BYE\r\n"
        + "Content-Length: 0\r\n\r\n"), epcscf.core.toScscf);
    assertThat(epcscf.proxy.calls()).isZero();
  }

  /** Issue 16: RFC 3261 §12.2.1.2, a 481 to a request inside the call ends it for the calls gauge as for the dialogs. */
  @Test
  void a481InsideTheCallEndsIt() throws Exception {
    start(16);
    aliceCallsBob("call-5");
    assertThat(epcscf.proxy.calls()).isEqualTo(1);
    epcscf.wic.onRequest(flow, fromWic("INFO", "call-5", 2, true));
    List<SipRequest> infos = toCore("INFO");
    epcscf.proxy.onMessage(fromBob(infos.get(infos.size() - 1), 481), epcscf.core.toScscf);
    assertThat(epcscf.proxy.calls()).isZero();
    assertThat(epcscf.proxy.dialogs()).isZero();
  }

  @Test
  void aReInviteOfTheOtherSideMovesWhereTheByeGoes_EPC66() throws Exception {
    start(16);
    aliceCallsBob("call-1");
    String moved = "sip:bob@192.0.2.51:5070;transport=tcp";
    epcscf.proxy.onMessage(TestMessages.parse("INVITE sip:k2not68h@df7jal23ls0d.invalid;transport=ws;ob SIP/2.0\r\n"
        + "Via: SIP/2.0/TCP scscf.ims.example.net:6060;branch=z9hG4bKreinv\r\n"
        + "Route: " + DialogsThroughTheProxyTest.FLOW_ROUTE + "\r\n"
        + "Max-Forwards: 69\r\n"
        + "From: <sip:bob@ims.example.net>;tag=bob1\r\n"
        + "To: <sip:alice@ims.example.net>;tag=alice1\r\n"
        + "Call-ID: call-1\r\n"
        + "CSeq: 2 INVITE\r\n"
        + "Contact: <" + moved + ">\r\n"
        + "Content-Length: 0\r\n\r\n"), epcscf.core.toScscf);

    flowLost();

    assertThat(toCore(SipRequest.BYE).get(0).requestUri().toString()).isEqualTo(moved);
  }

  @Test
  void aCallEndedByByeOrNeverAnsweredIsNotEndedAgain_EPC66() throws Exception {
    start(16);
    aliceCallsBob("call-1");
    epcscf.wic.onRequest(flow, fromWic(SipRequest.BYE, "call-1", 2, true));
    epcscf.wic.onRequest(flow, fromWic(SipRequest.INVITE, "call-2", 1, false));
    List<SipRequest> invites = toCore(SipRequest.INVITE);
    epcscf.proxy.onMessage(fromBob(invites.get(invites.size() - 1), 486), epcscf.core.toScscf);
    assertThat(epcscf.proxy.dialogs(flow)).isZero();
    assertThat(epcscf.proxy.dialogs()).as("the dialogs gauge after a BYE (issue 16)").isZero();
    int byes = toCore(SipRequest.BYE).size();

    flowLost();

    assertThat(toCore(SipRequest.BYE)).hasSize(byes);
  }

  @Test
  void theDialogsRememberedPerFlowAreBounded_EPC66() throws Exception {
    start(1);
    aliceCallsBob("call-1");
    aliceCallsBob("call-2");
    assertThat(epcscf.proxy.dialogs(flow)).isEqualTo(1);
    assertThat(epcscf.proxy.dialogs()).as("a dialog not remembered is not counted (issue 16)").isEqualTo(1);

    flowLost();

    assertThat(toCore(SipRequest.BYE)).extracting(r -> {
      try {
        return r.callId();
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    }).containsExactly("call-1");
  }
}
