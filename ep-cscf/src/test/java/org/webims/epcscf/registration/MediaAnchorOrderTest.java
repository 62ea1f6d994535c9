package org.webims.epcscf.registration;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.webims.epcscf.media.AnchoringPolicy;
import org.webims.epcscf.media.MediaAnchor;
import org.webims.epcscf.media.TestSdp;
import org.webims.epcscf.testing.FakeWicFlow;
import org.webims.epcscf.testing.ScriptedMediaGateway;
import org.webims.epcscf.testing.TestMessages;
import org.webims.sip.message.HeaderNames;
import org.webims.sip.message.SipMessage;
import org.webims.sip.message.SipRequest;
import org.webims.sip.message.SipResponse;

/**
 * EPC-80, EPC-82: while the gateway works on a call's SDP, the proxy waits without blocking and the call's
 * later messages wait behind it, in order: a CANCEL reaches the core after its INVITE (and its 487 then
 * deletes the session), a 200 reaches the WIC after the 183 whose answer was under way. A gateway whose
 * answers the test gives by hand.
 */
class MediaAnchorOrderTest {

  private WiredEpCscf epcscf;
  private FakeWicFlow flow;
  private final ScriptedMediaGateway gateway = new ScriptedMediaGateway();

  @BeforeEach
  void start() throws Exception {
    epcscf = new WiredEpCscf();
    flow = epcscf.flow;
    epcscf.registerAndSubscribe();
    epcscf.proxy.anchorMedia(MediaAnchor.of(gateway, new AnchoringPolicy(AnchoringPolicy.Mode.NON_WEBRTC,
        impu -> epcscf.registrations.forImpu(impu).isPresent()), epcscf.proxy::execute, new SimpleMeterRegistry(),
        "order-", 32));
  }

  @AfterEach
  void stop() {
    epcscf.close();
  }

  private static SipRequest fromWic(String method, String sdp) {
    String body = sdp == null ? "" : sdp;
    return TestMessages.parse(method + " sip:bob@ims.example.net SIP/2.0\r\n"
        + "Via: SIP/2.0/WSS df7jal23ls0d.invalid;rport;branch=z9hG4bKinv1\r\n"
        + "Max-Forwards: 70\r\n"
        + "From: <sip:alice@ims.example.net>;tag=alice1\r\n"
        + "To: <sip:bob@ims.example.net>\r\n"
        + "Call-ID: order-1\r\n"
        + "CSeq: 1 " + method + "\r\n"
        + "Contact: <sip:k2not68h@df7jal23ls0d.invalid;transport=ws;ob>\r\n"
        + (sdp == null ? "" : "Content-Type: application/sdp\r\n")
        + "Content-Length: " + body.getBytes(StandardCharsets.UTF_8).length + "\r\n\r\n" + body);
  }

  private List<SipRequest> toCore(String method) {
    return epcscf.core.sent().stream().filter(SipMessage::isRequest).map(m -> (SipRequest) m)
        .filter(r -> r.isMethod(method)).toList();
  }

  private List<Integer> statusesToWic() {
    return flow.received().stream().filter(m -> !m.isRequest()).map(m -> (SipResponse) m)
        .filter(r -> r.statusCode() > 100 && r.header(HeaderNames.CSEQ).endsWith(SipRequest.INVITE))
        .map(SipResponse::statusCode).toList();
  }

  private static SipResponse fromBob(SipRequest invite, int status, String sdp) {
    SipResponse.Builder b = SipResponse.to(invite, status, null);
    for (String rr : invite.headerLines(HeaderNames.RECORD_ROUTE)) {
      b.header(HeaderNames.RECORD_ROUTE, rr);
    }
    b.setHeader(HeaderNames.TO, "<sip:bob@ims.example.net>;tag=bob1")
        .header(HeaderNames.CONTACT, "<" + DialogsThroughTheProxyTest.BOB + ">");
    return sdp == null ? b.build() : b.body("application/sdp", sdp).build();
  }

  @Test
  void aCancelWaitsForItsInviteAndItsFinalResponseDeletesTheSession_EPC82() throws Exception {
    epcscf.wic.onRequest(flow, fromWic(SipRequest.INVITE, TestSdp.chromiumOffer(50000)));
    assertThat(gateway.commands("offer")).hasSize(1);
    assertThat(toCore(SipRequest.INVITE)).isEmpty(); // waiting for the gateway

    epcscf.wic.onRequest(flow, fromWic(SipRequest.CANCEL, null));
    assertThat(toCore(SipRequest.CANCEL)).isEmpty(); // behind the INVITE

    gateway.commands("offer").get(0).reply(TestSdp.baresipOffer(40000));
    // the INVITE went on (a CANCEL handled first would have ended it unforwarded), then the CANCEL was taken
    assertThat(toCore(SipRequest.INVITE)).hasSize(1);
    assertThat(toCore(SipRequest.INVITE).get(0).bodyAsString()).isEqualTo(TestSdp.baresipOffer(40000));
    assertThat(flow.lastResponse().header(HeaderNames.CSEQ)).isEqualTo("1 CANCEL");
    // RFC 3261 §9.1: the proxy sends its CANCEL once the branch had a provisional
    epcscf.proxy.onMessage(SipResponse.to(toCore(SipRequest.INVITE).get(0), 100, "Trying").build(),
        epcscf.core.toScscf);
    assertThat(toCore(SipRequest.CANCEL)).hasSize(1);

    SipRequest invite = toCore(SipRequest.INVITE).get(0);
    epcscf.proxy.onMessage(SipResponse.to(toCore(SipRequest.CANCEL).get(0), 200, "OK").build(), epcscf.core.toScscf);
    epcscf.proxy.onMessage(fromBob(invite, 487, null), epcscf.core.toScscf);
    assertThat(gateway.commands("delete")).extracting(ScriptedMediaGateway.Command::callId)
        .containsExactly("order-order-1/" + flow.id());
    assertThat(statusesToWic()).contains(487);
  }

  @Test
  void aTwoHundredWaitsForTheAnswerOfTheOneEightyThreeBeforeIt_EPC80() throws Exception {
    epcscf.wic.onRequest(flow, fromWic(SipRequest.INVITE, TestSdp.chromiumOffer(50000)));
    gateway.commands("offer").get(0).reply(TestSdp.baresipOffer(40000));
    SipRequest invite = toCore(SipRequest.INVITE).get(0);

    epcscf.proxy.onMessage(fromBob(invite, 183, TestSdp.baresipAnswer(50010)), epcscf.core.toScscf);
    epcscf.proxy.onMessage(fromBob(invite, 200, TestSdp.baresipAnswer(50010)), epcscf.core.toScscf);
    assertThat(gateway.commands("answer")).hasSize(1); // the 200 waits behind the 183's answer
    assertThat(statusesToWic()).isEmpty();

    gateway.commands("answer").get(0).reply("v=0\r\nanswer-for-183\r\n");
    assertThat(statusesToWic()).containsExactly(183);
    assertThat(gateway.commands("answer")).hasSize(2);
    gateway.commands("answer").get(1).reply("v=0\r\nanswer-for-200\r\n");
    assertThat(statusesToWic()).containsExactly(183, 200);
    assertThat(flow.lastResponse().bodyAsString()).isEqualTo("v=0\r\nanswer-for-200\r\n");
    assertThat(flow.lastResponse().header(HeaderNames.CONTENT_LENGTH))
        .isEqualTo(Integer.toString("v=0\r\nanswer-for-200\r\n".length()));
  }

  @Test
  void anOfferInTheTwoHundredToAnSdpLessReInviteIsNotTakenForAnAnswer_EPC80() throws Exception {
    epcscf.wic.onRequest(flow, fromWic(SipRequest.INVITE, TestSdp.chromiumOffer(50000)));
    gateway.commands("offer").get(0).reply(TestSdp.baresipOffer(40000));
    SipRequest invite = toCore(SipRequest.INVITE).get(0);
    epcscf.proxy.onMessage(fromBob(invite, 200, TestSdp.baresipAnswer(50010)), epcscf.core.toScscf);
    gateway.commands("answer").get(0).reply("v=0\r\nanswer\r\n");

    SipRequest reInvite = TestMessages.parse("INVITE " + DialogsThroughTheProxyTest.BOB + " SIP/2.0\r\n"
        + "Via: SIP/2.0/WSS df7jal23ls0d.invalid;rport;branch=z9hG4bKreinv2\r\n"
        + "Route: " + DialogsThroughTheProxyTest.FLOW_ROUTE + "\r\n"
        + "Max-Forwards: 70\r\n"
        + "From: <sip:alice@ims.example.net>;tag=alice1\r\n"
        + "To: <sip:bob@ims.example.net>;tag=bob1\r\n"
        + "Call-ID: order-1\r\n"
        + "CSeq: 2 INVITE\r\n"
        + "Contact: <sip:k2not68h@df7jal23ls0d.invalid;transport=ws;ob>\r\n"
        + "Content-Length: 0\r\n\r\n");
    epcscf.wic.onRequest(flow, reInvite);
    SipRequest relayed = toCore(SipRequest.INVITE).get(1);
    epcscf.proxy.onMessage(fromBob(relayed, 200, TestSdp.baresipOffer(50020)), epcscf.core.toScscf);
    assertThat(gateway.commands("answer")).hasSize(1); // the late offer passes as it is (a documented limit)
    assertThat(flow.lastResponse().bodyAsString()).isEqualTo(TestSdp.baresipOffer(50020));
  }
}
