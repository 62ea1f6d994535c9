package org.webims.sip.proxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.webims.sip.proxy.ProxyHarness.answer;
import static org.webims.sip.proxy.ProxyHarness.request;

import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.webims.sip.message.HeaderNames;
import org.webims.sip.message.SipRequest;
import org.webims.sip.message.SipResponse;
import org.webims.sip.uri.SipUri;

/**
 * RFC 3261 §16.7, §16.11 and §17 over UDP: INVITE through the proxy, retransmissions in both
 * directions, 100 hop by hop, 2xx and its retransmissions upstream, ACK for 2xx routed, ACK for
 * non-2xx absorbed (EPC-63).
 */
class ProxyInviteTest {

    private final ProxyHarness h = ProxyHarness.udp();
    private final SipRequest invite = request(SipRequest.INVITE, "sip:bob@ims.test").build();
    private ProxyHarness.FakeTransport bob;

    @BeforeEach
    void bobIsTheOnlyTarget() throws Exception {
        bob = h.host("bob.test");
        h.element.targets = List.of(Target.of(SipUri.parse("sip:bob@bob.test")));
    }

    @Test
    void retransmitsDownstreamOnTimerAAndAbsorbsRetransmissionsFromUpstream() throws Exception {
        h.fromUac(invite);
        assertThat(h.uac.statusCodes()).containsExactly(100);
        assertThat(bob.sendTimes).containsExactly(0L);

        h.clock.advance(600);
        h.fromUac(invite); // the UAC's own Timer A: the server transaction answers with its last 1xx
        h.clock.advance(1000);

        assertThat(bob.requests(SipRequest.INVITE)).hasSize(3);
        assertThat(bob.sendTimes).containsExactly(0L, 500L, 1500L);
        assertThat(h.uac.statusCodes()).containsExactly(100, 100);
        assertThat(h.element.decided).hasSize(1);

        h.receive(answer(bob.lastRequest(SipRequest.INVITE), 180), bob);
        h.clock.advance(10_000);
        assertThat(bob.requests(SipRequest.INVITE)).hasSize(3);
        assertThat(h.uac.statusCodes()).containsExactly(100, 100, 180);
    }

    @Test
    void keeps100HopByHopAndForwardsProvisionalsWithoutItsVia() throws Exception {
        h.fromUac(invite);
        SipRequest out = bob.lastRequest(SipRequest.INVITE);

        h.receive(answer(out, 100), bob);
        h.receive(answer(out, 183), bob);

        assertThat(h.uac.statusCodes()).containsExactly(100, 183);
        assertThat(h.uac.lastResponse().vias()).hasSize(1);
        assertThat(h.uac.lastResponse().topVia().host()).isEqualTo("uac.test");
    }

    @Test
    void forwardsThe200AndEveryRetransmissionOfItUpstream() throws Exception {
        h.fromUac(invite);
        SipResponse ok = answer(bob.lastRequest(SipRequest.INVITE), 200);

        h.receive(ok, bob);
        h.clock.advance(500);
        h.receive(ok, bob); // the UAS retransmits its 2xx until the ACK (§13.3.1.4)
        h.clock.advance(1000);
        h.receive(ok, bob);

        assertThat(h.uac.statusCodes()).containsExactly(100, 200, 200, 200);
        assertThat(bob.requests(SipRequest.ACK)).isEmpty(); // the ACK for 2xx is the UAC's (§13.2.2.4)
    }

    @Test
    void routesTheAckFor2xxWithoutATransaction() throws Exception {
        h.fromUac(invite);
        h.receive(answer(bob.lastRequest(SipRequest.INVITE), 200), bob);

        SipRequest ack = request(SipRequest.ACK, "sip:bob@bob.test", "z9hG4bKuacack")
                .setHeader(HeaderNames.TO, "<sip:bob@ims.test>;tag=bob-tag")
                .setHeader(HeaderNames.CSEQ, "1 ACK")
                .header(HeaderNames.ROUTE, "<sip:edge.proxy.test;lr>").build();
        h.fromUac(ack);

        SipRequest out = bob.lastRequest(SipRequest.ACK);
        assertThat(out.hasHeader(HeaderNames.ROUTE)).isFalse();
        assertThat(out.maxForwards()).isEqualTo(69);
        assertThat(out.topVia().branch()).startsWith("z9hG4bKp").isNotEqualTo(
                bob.lastRequest(SipRequest.INVITE).topVia().branch());
        assertThat(h.proxy.layer().size()).isEqualTo(2); // the INVITE's two, none for the ACK
    }

    @Test
    void acksANon2xxDownstreamItselfAndAbsorbsTheUacsAck() throws Exception {
        h.fromUac(invite);
        SipRequest out = bob.lastRequest(SipRequest.INVITE);

        h.receive(answer(out, 486), bob);
        assertThat(bob.requests(SipRequest.ACK)).hasSize(1);
        assertThat(bob.lastRequest(SipRequest.ACK).topVia().branch()).isEqualTo(out.topVia().branch());
        assertThat(h.uac.statusCodes()).containsExactly(100, 486);

        h.clock.advance(500); // Timer G: the 486 again, until the UAC's ACK
        assertThat(h.uac.statusCodes()).containsExactly(100, 486, 486);
        h.fromUac(request(SipRequest.ACK, "sip:bob@ims.test").setHeader(HeaderNames.CSEQ, "1 ACK")
                .setHeader(HeaderNames.TO, h.uac.lastResponse().header(HeaderNames.TO)).build());
        h.clock.advance(10_000);

        assertThat(h.uac.statusCodes()).containsExactly(100, 486, 486);
        assertThat(bob.requests(SipRequest.ACK)).hasSize(1);
        assertThat(h.element.decided).hasSize(1);
    }

    @Test
    void retransmitsANonInviteOnTimerEAndAnswersARetransmissionWithTheLastResponse() throws Exception {
        SipRequest message = request(SipRequest.MESSAGE, "sip:bob@ims.test").build();
        h.fromUac(message);
        h.clock.advance(1600);
        h.fromUac(message);
        assertThat(bob.sendTimes).containsExactly(0L, 500L, 1500L);
        assertThat(h.uac.sent).isEmpty();

        h.receive(answer(bob.lastRequest(SipRequest.MESSAGE), 200), bob);
        h.fromUac(message);
        h.clock.advance(10_000);

        assertThat(h.uac.statusCodes()).containsExactly(200, 200);
        assertThat(bob.requests(SipRequest.MESSAGE)).hasSize(3);
    }

    @Test
    void forwardsWhenTheElementAnswersLaterAndSends100Meanwhile() throws Exception {
        // The element looks its targets up off the loop (an HSS query) and answers on the loop later.
        h.element.deferred = true;
        h.fromUac(invite);
        assertThat(h.uac.statusCodes()).containsExactly(100);
        assertThat(bob.sent).isEmpty();

        h.clock.advance(2_000);
        h.element.pending.forward(h.element.targets);

        assertThat(bob.requests(SipRequest.INVITE)).hasSize(1);
        assertThat(h.uac.statusCodes()).containsExactly(100);
    }

    @Test
    void sendsTheElementsOwnAnswerOr480ForNoTargets() throws Exception {
        h.element.answer = answer(invite, 404);
        h.fromUac(invite);
        assertThat(h.uac.statusCodes()).containsExactly(404);

        h.element.answer = null;
        h.element.targets = List.of();
        h.fromUac(request(SipRequest.MESSAGE, "sip:bob@ims.test", "z9hG4bKuac2").build());
        assertThat(h.uac.statusCodes()).containsExactly(404, 480);
        assertThat(bob.sent).isEmpty();
    }
}
