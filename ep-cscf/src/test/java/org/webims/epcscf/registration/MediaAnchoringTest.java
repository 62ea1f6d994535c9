package org.webims.epcscf.registration;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.webims.epcscf.media.AnchoringPolicy;
import org.webims.epcscf.media.MediaAnchor;
import org.webims.epcscf.media.NgClient;
import org.webims.epcscf.media.RtpEngineGateway;
import org.webims.epcscf.media.TestSdp;
import org.webims.epcscf.testing.BlockingMediaGateway;
import org.webims.epcscf.testing.FakeWicFlow;
import org.webims.epcscf.testing.RtpEngineDaemon;
import org.webims.epcscf.testing.TestMessages;
import org.webims.sip.message.HeaderNames;
import org.webims.sip.message.SipMessage;
import org.webims.sip.message.SipRequest;
import org.webims.sip.message.SipResponse;

/**
 * EPC-80..82 at SIP level: the eP-CSCF (proxy core, deciders, a fake core and flow, no sockets) with a real
 * rtpengine as the eIMS-AGW. A WIC's call to a plain phone reaches the core as RTP/AVP through the gateway
 * and the phone's answer reaches the WIC as WebRTC (ICE-lite, DTLS fingerprint); the other way round too. A
 * call to a WIC registered here, and a WebRTC offer from the core, pass untouched unless anchor=always. BYE,
 * CANCEL, a 486 and the flow's loss leave rtpengine with no session; a silent gateway gets the INVITE a 503;
 * the reconciliation deletes an orphan of this eP-CSCF and leaves another's.
 */
class MediaAnchoringTest {

  static final String FLOW_ROUTE = DialogsThroughTheProxyTest.FLOW_ROUTE;
  static final String BOB = DialogsThroughTheProxyTest.BOB;
  static final String PREFIX = "wims-test-";

  private RtpEngineDaemon daemon;
  private EventLoopGroup loops;
  private RtpEngineGateway rtpengine;
  private WiredEpCscf epcscf;
  private FakeWicFlow flow;
  private MediaAnchor media;
  private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

  @BeforeEach
  void start() throws Exception {
    daemon = RtpEngineDaemon.start();
    loops = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    rtpengine = new RtpEngineGateway(new NgClient(loops.next(), daemon.ng(), Duration.ofSeconds(1), 2));
    epcscf = new WiredEpCscf();
    flow = epcscf.flow;
    epcscf.registerAndSubscribe();
  }

  private void anchor(AnchoringPolicy.Mode mode, RtpEngineGateway gateway) {
    media = MediaAnchor.of(new BlockingMediaGateway(gateway),
        new AnchoringPolicy(mode, impu -> epcscf.registrations.forImpu(impu).isPresent()), epcscf.proxy::execute,
        meters, PREFIX, 32);
    epcscf.proxy.anchorMedia(media);
  }

  @AfterEach
  void stop() throws Exception {
    try {
      epcscf.close();
      rtpengine.close();
      loops.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    } finally {
      daemon.close();
    }
  }

  private List<String> gatewayCalls() {
    return rtpengine.list(100).toCompletableFuture().orTimeout(5, TimeUnit.SECONDS).join();
  }

  /** The WIC's request toward {@code to}, with an SDP body when {@code sdp} is given. */
  private static SipRequest fromWic(String method, String to, int cseq, boolean inDialog, String callId, String sdp) {
    byte[] body = sdp == null ? new byte[0] : sdp.getBytes(StandardCharsets.UTF_8);
    return TestMessages.parse(method + " " + (inDialog ? BOB : to) + " SIP/2.0\r\n"
        + "Via: SIP/2.0/WSS df7jal23ls0d.invalid;rport;branch=z9hG4bK"
        + (method.equals(SipRequest.CANCEL) ? SipRequest.INVITE : method) + cseq + "\r\n"
        + (inDialog ? "Route: " + FLOW_ROUTE + "\r\n" : "")
        + "Max-Forwards: 70\r\n"
        + "From: <sip:alice@ims.example.net>;tag=alice1\r\n"
        + "To: <" + to + ">" + (inDialog ? ";tag=bob1" : "") + "\r\n"
        + "Call-ID: " + callId + "\r\n"
        + "CSeq: " + cseq + " " + method + "\r\n"
        + "Contact: <sip:k2not68h@df7jal23ls0d.invalid;transport=ws;ob>\r\n"
        + (sdp == null ? "" : "Content-Type: application/sdp\r\n")
        + "Content-Length: " + body.length + "\r\n\r\n" + (sdp == null ? "" : sdp));
  }

  /** The core's INVITE (bob calls alice's flow) with offer {@code sdp}. */
  private static SipRequest inviteFromCore(String callId, String sdp) {
    return TestMessages.parse("INVITE sip:k2not68h@df7jal23ls0d.invalid;transport=ws;ob SIP/2.0\r\n"
        + "Via: SIP/2.0/TCP scscf.ims.example.net:6060;branch=z9hG4bKscinv" + callId + "\r\n"
        + "Route: <sip:fl-7Q2xYc@epcscf.ims.example.net:5060;transport=tcp;lr;ob>\r\n"
        + "Record-Route: <sip:mt@scscf.ims.example.net;lr>\r\n"
        + "Max-Forwards: 69\r\n"
        + "From: <sip:bob@ims.example.net>;tag=bob1\r\n"
        + "To: <sip:alice@ims.example.net>\r\n"
        + "Call-ID: " + callId + "\r\n"
        + "CSeq: 1 INVITE\r\n"
        + "Contact: <" + BOB + ">\r\n"
        + "Content-Type: application/sdp\r\n"
        + "Content-Length: " + sdp.getBytes(StandardCharsets.UTF_8).length + "\r\n\r\n" + sdp);
  }

  /** Bob's answer through the S-CSCF, with {@code sdp} when given. */
  private static SipResponse fromBob(SipRequest received, int status, String sdp) {
    SipResponse.Builder b = SipResponse.to(received, status, null);
    for (String rr : received.headerLines(HeaderNames.RECORD_ROUTE)) {
      b.header(HeaderNames.RECORD_ROUTE, rr);
    }
    b.setHeader(HeaderNames.TO, received.header(HeaderNames.TO) + ";tag=bob1").header(HeaderNames.CONTACT, "<" + BOB + ">");
    if (sdp != null) {
      b.body("application/sdp", sdp);
    }
    return b.build();
  }

  private SipRequest lastToCore(String method) {
    List<SipRequest> requests = epcscf.core.sent().stream().filter(SipMessage::isRequest).map(m -> (SipRequest) m)
        .filter(r -> r.isMethod(method)).toList();
    assertThat(requests).as("%s sent to the core", method).isNotEmpty();
    return requests.get(requests.size() - 1);
  }

  private SipResponse lastResponseToCore() {
    List<SipMessage> sent = epcscf.core.sent();
    for (int i = sent.size() - 1; i >= 0; i--) {
      if (!sent.get(i).isRequest()) {
        return (SipResponse) sent.get(i);
      }
    }
    throw new AssertionError("no response sent to the core");
  }

  private SipRequest lastToWic() {
    List<SipMessage> got = flow.received();
    for (int i = got.size() - 1; i >= 0; i--) {
      if (got.get(i).isRequest()) {
        return (SipRequest) got.get(i);
      }
    }
    throw new AssertionError("no request sent to the WIC");
  }

  private static void assertContentLength(SipMessage m) {
    assertThat(m.header(HeaderNames.CONTENT_LENGTH)).isEqualTo(Integer.toString(m.bodyLength()));
  }

  private static void assertPlainRtp(SipMessage m) {
    assertThat(m.bodyAsString()).contains(" RTP/AVP ").contains("c=IN IP4 127.0.0.1").doesNotContain("a=ice-")
        .doesNotContain("a=fingerprint").doesNotContain("a=rtcp-mux");
    assertContentLength(m);
  }

  private static void assertWebRtcFromGateway(SipMessage m) {
    assertThat(m.bodyAsString()).contains("UDP/TLS/RTP/SAVPF").contains("a=ice-lite").contains("a=fingerprint:")
        .contains("a=rtcp-mux");
    assertContentLength(m);
  }

  private double counter(String name) {
    return meters.get(name).counter().count();
  }

  /** Alice (the WIC) calls bob, a plain phone behind the core; bob answers. Returns the INVITE the core got. */
  private SipRequest wicCallsPhoneAnswered(String callId) {
    epcscf.wic.onRequest(flow, fromWic(SipRequest.INVITE, "sip:bob@ims.example.net", 1, false, callId,
        TestSdp.chromiumOffer(50000)));
    SipRequest invite = lastToCore(SipRequest.INVITE);
    epcscf.proxy.onMessage(fromBob(invite, 200, TestSdp.baresipAnswer(50010)), epcscf.core.toScscf);
    epcscf.wic.onRequest(flow, fromWic(SipRequest.ACK, "sip:bob@ims.example.net", 1, true, callId, null));
    return invite;
  }

  @Test
  void aWicCallToAPhoneReachesTheCoreAsPlainRtpAndTheAnswerTheWicAsWebRtc_EPC80() throws Exception {
    anchor(AnchoringPolicy.Mode.NON_WEBRTC, rtpengine);
    SipRequest invite = wicCallsPhoneAnswered("call-80a");

    assertPlainRtp(invite);
    assertThat(invite.bodyAsString()).doesNotContain("50000");
    SipResponse ok = epcscf.flow.lastResponse();
    assertThat(ok.statusCode()).isEqualTo(200);
    assertWebRtcFromGateway(ok);
    assertThat(ok.bodyAsString()).doesNotContain("50010");
    assertThat(gatewayCalls()).containsExactly(PREFIX + "call-80a/" + flow.id());
    assertThat(media.sessions()).isEqualTo(1);
    assertThat(meters.get("webims.epcscf.media.sessions").gauge().value()).isEqualTo(1.0);

    epcscf.wic.onRequest(flow, fromWic(SipRequest.BYE, "sip:bob@ims.example.net", 2, true, "call-80a", null)); // EPC-82
    assertThat(gatewayCalls()).isEmpty();
    assertThat(media.sessions()).isZero();
    assertThat(counter("webims.epcscf.media.offers")).isEqualTo(1.0);
    assertThat(counter("webims.epcscf.media.answers")).isEqualTo(1.0);
    assertThat(counter("webims.epcscf.media.deletes")).isEqualTo(1.0);
  }

  @Test
  void aPhoneCallToTheWicReachesItAsWebRtcAndItsAnswerTheCoreAsPlainRtp_EPC80() throws Exception {
    anchor(AnchoringPolicy.Mode.NON_WEBRTC, rtpengine);
    epcscf.proxy.onMessage(inviteFromCore("call-80b", TestSdp.baresipOffer(50020)), epcscf.core.toScscf);

    SipRequest toWic = lastToWic();
    assertThat(toWic.isMethod(SipRequest.INVITE)).isTrue();
    assertWebRtcFromGateway(toWic);
    epcscf.wic.onResponse(flow, SipResponse.to(toWic, 200, "OK")
        .setHeader(HeaderNames.TO, "<sip:alice@ims.example.net>;tag=alice1")
        .header(HeaderNames.CONTACT, "<sip:k2not68h@df7jal23ls0d.invalid;transport=ws;ob>")
        .body("application/sdp", TestSdp.chromiumAnswer(50030)).build());
    SipResponse toCore = lastResponseToCore();
    assertThat(toCore.statusCode()).isEqualTo(200);
    assertPlainRtp(toCore);
    assertThat(gatewayCalls()).hasSize(1);

    SipRequest bye = TestMessages.parse("BYE sip:k2not68h@df7jal23ls0d.invalid;transport=ws;ob SIP/2.0\r\n"
        + "Via: SIP/2.0/TCP scscf.ims.example.net:6060;branch=z9hG4bKscbye\r\n"
        + "Route: " + FLOW_ROUTE + "\r\n"
        + "Max-Forwards: 69\r\n"
        + "From: <sip:bob@ims.example.net>;tag=bob1\r\n"
        + "To: <sip:alice@ims.example.net>;tag=alice1\r\n"
        + "Call-ID: call-80b\r\n"
        + "CSeq: 2 BYE\r\n"
        + "Content-Length: 0\r\n\r\n");
    epcscf.proxy.onMessage(bye, epcscf.core.toScscf); // EPC-82: the core's BYE
    assertThat(lastToWic().isMethod(SipRequest.BYE)).isTrue();
    assertThat(gatewayCalls()).isEmpty();
  }

  @Test
  void aCallBetweenWicsBypassesTheGateway_EPC81() throws Exception {
    anchor(AnchoringPolicy.Mode.NON_WEBRTC, rtpengine);
    String offer = TestSdp.chromiumOffer(50000);
    // to an IMPU registered here (its TEL URI): the callee is a WIC
    epcscf.wic.onRequest(flow, fromWic(SipRequest.INVITE, "tel:+15551230001", 1, false, "call-81a", offer));
    assertThat(lastToCore(SipRequest.INVITE).bodyAsString()).isEqualTo(offer);
    // from the core, a WebRTC offer (another eP-CSCF's WIC, or this one's)
    epcscf.proxy.onMessage(inviteFromCore("call-81b", offer), epcscf.core.toScscf);
    assertThat(lastToWic().bodyAsString()).isEqualTo(offer);
    assertThat(gatewayCalls()).isEmpty();
    assertThat(media.sessions()).isZero();
  }

  @Test
  void anchorAlwaysAnchorsWebRtcOffersFromTheCoreToo_EPC81() throws Exception {
    anchor(AnchoringPolicy.Mode.ALWAYS, rtpengine);
    epcscf.proxy.onMessage(inviteFromCore("call-81c", TestSdp.chromiumOffer(50000)), epcscf.core.toScscf);
    assertThat(lastToWic().bodyAsString()).contains("a=ice-lite").doesNotContain("50000");
    assertThat(gatewayCalls()).hasSize(1);
  }

  @Test
  void cancelAndItsFinalResponseEndTheSession_EPC82() throws Exception {
    anchor(AnchoringPolicy.Mode.NON_WEBRTC, rtpengine);
    epcscf.wic.onRequest(flow, fromWic(SipRequest.INVITE, "sip:bob@ims.example.net", 1, false, "call-82a",
        TestSdp.chromiumOffer(50000)));
    SipRequest invite = lastToCore(SipRequest.INVITE);
    epcscf.proxy.onMessage(fromBob(invite, 180, null), epcscf.core.toScscf);
    assertThat(gatewayCalls()).hasSize(1);
    epcscf.wic.onRequest(flow, fromWic(SipRequest.CANCEL, "sip:bob@ims.example.net", 1, false, "call-82a", null));
    SipRequest cancel = lastToCore(SipRequest.CANCEL);
    epcscf.proxy.onMessage(SipResponse.to(cancel, 200, "OK").build(), epcscf.core.toScscf);
    epcscf.proxy.onMessage(fromBob(invite, 487, null), epcscf.core.toScscf);
    assertThat(gatewayCalls()).isEmpty();
    assertThat(media.sessions()).isZero();
  }

  @Test
  void anErrorFinalResponseEndsTheSession_EPC82() throws Exception {
    anchor(AnchoringPolicy.Mode.NON_WEBRTC, rtpengine);
    epcscf.wic.onRequest(flow, fromWic(SipRequest.INVITE, "sip:bob@ims.example.net", 1, false, "call-82b",
        TestSdp.chromiumOffer(50000)));
    assertThat(gatewayCalls()).hasSize(1);
    epcscf.proxy.onMessage(fromBob(lastToCore(SipRequest.INVITE), 486, null), epcscf.core.toScscf);
    assertThat(flow.lastResponse().statusCode()).isEqualTo(486);
    assertThat(gatewayCalls()).isEmpty();
  }

  @Test
  void theFlowsLossEndsItsSessions_EPC82() throws Exception {
    anchor(AnchoringPolicy.Mode.NON_WEBRTC, rtpengine);
    wicCallsPhoneAnswered("call-82c");
    assertThat(gatewayCalls()).hasSize(1);
    flow.close();
    epcscf.wic.onClose(flow);
    assertThat(lastToCore(SipRequest.BYE).callId()).isEqualTo("call-82c"); // EPC-66
    assertThat(gatewayCalls()).isEmpty();
  }

  @Test
  void aSilentGatewayGetsTheInviteA503AndLeavesNothing_EPC80() throws Exception {
    try (DatagramSocket silent = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
      RtpEngineGateway mute = new RtpEngineGateway(new NgClient(loops.next(),
          (InetSocketAddress) silent.getLocalSocketAddress(), Duration.ofMillis(100), 1));
      try {
        anchor(AnchoringPolicy.Mode.NON_WEBRTC, mute);
        int before = epcscf.core.sent().size();
        epcscf.wic.onRequest(flow, fromWic(SipRequest.INVITE, "sip:bob@ims.example.net", 1, false, "call-80c",
            TestSdp.chromiumOffer(50000)));
        SipResponse refused = flow.lastResponse();
        assertThat(refused.statusCode()).isEqualTo(503);
        assertThat(refused.reasonPhrase()).isEqualTo("Media Gateway Unavailable");
        assertThat(epcscf.core.sent().subList(before, epcscf.core.sent().size())).noneMatch(SipMessage::isRequest);
        assertThat(media.sessions()).isZero();
        assertThat(meters.get("webims.epcscf.media.errors").tag("reason", "timeout").counter().count())
            .isGreaterThanOrEqualTo(1.0);
      } finally {
        mute.close();
      }
    }
  }

  @Test
  void anErrorResultGetsTheInviteA500_EPC80() throws Exception {
    anchor(AnchoringPolicy.Mode.NON_WEBRTC, rtpengine);
    epcscf.wic.onRequest(flow, fromWic(SipRequest.INVITE, "sip:bob@ims.example.net", 1, false, "call-80d",
        "v=0\r\nthis is not SDP\r\n"));
    SipResponse refused = flow.lastResponse();
    assertThat(refused.statusCode()).isEqualTo(500);
    assertThat(refused.reasonPhrase()).isEqualTo("Media Gateway Error");
    assertThat(gatewayCalls()).isEmpty();
    assertThat(meters.get("webims.epcscf.media.errors").tag("reason", "error").counter().count()).isEqualTo(1.0);
  }

  @Test
  void theReconciliationDeletesAnOrphanOfThisEpCscfOnly_EPC82() throws Exception {
    anchor(AnchoringPolicy.Mode.NON_WEBRTC, rtpengine);
    for (String id : List.of(PREFIX + "orphan/fl-gone", "other-epcscf-call")) {
      rtpengine.offer(new org.webims.epcscf.media.MediaGateway.Leg(id, "t1", null), TestSdp.baresipOffer(50040),
          org.webims.epcscf.media.MediaGateway.Toward.WIC).toCompletableFuture().get(5, TimeUnit.SECONDS);
    }
    wicCallsPhoneAnswered("call-82d"); // a live session of this eP-CSCF stays
    epcscf.proxy.execute(() -> media.reconcile(100));
    assertThat(gatewayCalls()).containsExactlyInAnyOrder("other-epcscf-call", PREFIX + "call-82d/" + flow.id());
  }

  @Test
  void reInviteAndUpdateOffersOfAnAnchoredDialogPassTheGatewayBothWays_EPC80() throws Exception {
    anchor(AnchoringPolicy.Mode.NON_WEBRTC, rtpengine);
    wicCallsPhoneAnswered("call-80e");
    // bob's re-INVITE (a new port) reaches the WIC as WebRTC; the WIC's answer reaches bob as plain RTP
    SipRequest reInvite = TestMessages.parse("INVITE sip:k2not68h@df7jal23ls0d.invalid;transport=ws;ob SIP/2.0\r\n"
        + "Via: SIP/2.0/TCP scscf.ims.example.net:6060;branch=z9hG4bKscreinv\r\n"
        + "Route: " + FLOW_ROUTE + "\r\n"
        + "Max-Forwards: 69\r\n"
        + "From: <sip:bob@ims.example.net>;tag=bob1\r\n"
        + "To: <sip:bob@ims.example.net>;tag=alice1\r\n"
        + "Call-ID: call-80e\r\n"
        + "CSeq: 5 INVITE\r\n"
        + "Contact: <" + BOB + ">\r\n"
        + "Content-Type: application/sdp\r\n"
        + "Content-Length: " + TestSdp.baresipOffer(50060).length() + "\r\n\r\n" + TestSdp.baresipOffer(50060));
    epcscf.proxy.onMessage(reInvite, epcscf.core.toScscf);
    SipRequest toWic = lastToWic();
    assertThat(toWic.cseq().sequence()).isEqualTo(5);
    assertWebRtcFromGateway(toWic);
    assertThat(toWic.bodyAsString()).doesNotContain("50060");
    epcscf.wic.onResponse(flow, SipResponse.to(toWic, 200, "OK")
        .header(HeaderNames.CONTACT, "<sip:k2not68h@df7jal23ls0d.invalid;transport=ws;ob>")
        .body("application/sdp", TestSdp.chromiumAnswer(50070)).build());
    SipResponse toCore = lastResponseToCore();
    assertThat(toCore.cseq().sequence()).isEqualTo(5);
    assertPlainRtp(toCore);
    assertThat(toCore.bodyAsString()).doesNotContain("50070");

    // the WIC's UPDATE with an offer reaches bob as plain RTP, bob's answer the WIC as WebRTC
    epcscf.wic.onRequest(flow, fromWic("UPDATE", "sip:bob@ims.example.net", 3, true, "call-80e",
        TestSdp.chromiumOffer(50080)));
    SipRequest update = lastToCore("UPDATE");
    assertPlainRtp(update);
    epcscf.proxy.onMessage(SipResponse.to(update, 200, "OK").header(HeaderNames.CONTACT, "<" + BOB + ">")
        .body("application/sdp", TestSdp.baresipAnswer(50090)).build(), epcscf.core.toScscf);
    SipResponse updated = flow.lastResponse();
    assertThat(updated.cseq().method()).isEqualTo("UPDATE");
    assertWebRtcFromGateway(updated);
    assertThat(gatewayCalls()).hasSize(1);
    assertThat(counter("webims.epcscf.media.offers")).isEqualTo(3.0);
    assertThat(counter("webims.epcscf.media.answers")).isEqualTo(3.0);
  }

  @Test
  void aStoppedRtpengineGetsTheInviteA503_EPC80() throws Exception {
    RtpEngineGateway quick = new RtpEngineGateway(new NgClient(loops.next(), daemon.ng(), Duration.ofMillis(100), 1));
    try {
      anchor(AnchoringPolicy.Mode.NON_WEBRTC, quick);
      daemon.close();
      epcscf.wic.onRequest(flow, fromWic(SipRequest.INVITE, "sip:bob@ims.example.net", 1, false, "call-80f",
          TestSdp.chromiumOffer(50000)));
      assertThat(flow.lastResponse().statusCode()).isEqualTo(503);
      assertThat(flow.lastResponse().reasonPhrase()).isEqualTo("Media Gateway Unavailable");
      assertThat(media.sessions()).isZero();
    } finally {
      quick.close();
    }
  }
}
