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

/** RFC 3261 §16.10 and §9: CANCEL through the proxy, and CANCEL racing 200 (EPC-63). */
class ProxyCancelTest {

    private final ProxyHarness h = ProxyHarness.reliable();
    private final SipRequest invite = request(SipRequest.INVITE, "sip:bob@ims.test")
            .header(HeaderNames.ROUTE, "<sip:edge.proxy.test;lr>, <sip:bob.test;lr>").build();
    /** §9.1: the UAC's CANCEL has the INVITE's branch. */
    private final SipRequest cancel = request(SipRequest.CANCEL, "sip:bob@ims.test")
            .setHeader(HeaderNames.CSEQ, "1 CANCEL").build();
    private ProxyHarness.FakeTransport bob;

    @BeforeEach
    void bobIsTheOnlyTarget() throws Exception {
        bob = h.host("bob.test");
        h.element.targets = List.of(Target.of(SipUri.parse("sip:bob@ims.test")));
    }

    @Test
    void answersCancel200AtOnceCancelsTheBranchWithItsBranchIdAndSends487Upstream() throws Exception {
        h.fromUac(invite);
        SipRequest out = bob.lastRequest(SipRequest.INVITE);
        h.receive(answer(out, 180), bob);

        h.fromUac(cancel);

        assertThat(h.uac.statusCodes()).containsExactly(100, 180, 200);
        assertThat(h.uac.lastResponse().cseq().method()).isEqualTo(SipRequest.CANCEL);
        SipRequest downstream = bob.lastRequest(SipRequest.CANCEL);
        assertThat(downstream.topVia()).isEqualTo(out.topVia());
        assertThat(downstream.vias()).hasSize(1);
        assertThat(downstream.requestUri()).isEqualTo(out.requestUri());
        assertThat(downstream.routes()).isEqualTo(out.routes());
        assertThat(downstream.cseq().sequence()).isEqualTo(1);

        h.receive(answer(downstream, 200), bob);
        h.receive(answer(out, 487), bob);

        assertThat(h.uac.statusCodes()).containsExactly(100, 180, 200, 487);
        assertThat(h.uac.lastResponse().cseq().method()).isEqualTo(SipRequest.INVITE);
    }

    @Test
    void holdsTheCancelUntilTheBranchHasAProvisionalResponse() throws Exception {
        // §9.1: "If no provisional response has been received, the CANCEL request MUST NOT be sent".
        h.fromUac(invite);
        h.fromUac(cancel);
        assertThat(bob.requests(SipRequest.CANCEL)).isEmpty();
        assertThat(h.uac.statusCodes()).containsExactly(100, 200);

        h.receive(answer(bob.lastRequest(SipRequest.INVITE), 100), bob);

        assertThat(bob.requests(SipRequest.CANCEL)).hasSize(1);
    }

    @Test
    void answers487AtOnceWhenCancelledBeforeTheElementDecidedAndIgnoresItsLateAnswer() throws Exception {
        h.element.deferred = true;
        h.fromUac(invite);

        h.fromUac(cancel);
        h.element.pending.forward(h.element.targets);

        assertThat(h.uac.statusCodes()).containsExactly(100, 200, 487);
        assertThat(bob.sent).isEmpty();
    }

    @Test
    void answers481ToACancelForNoInvite() {
        h.fromUac(cancel);

        assertThat(h.uac.statusCodes()).containsExactly(481);
        assertThat(h.element.decided).isEmpty();
    }

    @Test
    void cancelRacingThe200StillLetsThe200GoUpstreamAndSendsNo487() throws Exception {
        h.fromUac(invite);
        SipRequest out = bob.lastRequest(SipRequest.INVITE);
        h.receive(answer(out, 180), bob);
        h.fromUac(cancel);
        assertThat(bob.requests(SipRequest.CANCEL)).hasSize(1);

        // Bob answered before the CANCEL reached him: 200 for the INVITE, then 200 for the CANCEL.
        h.receive(answer(out, 200), bob);
        h.receive(answer(bob.lastRequest(SipRequest.CANCEL), 200), bob);

        assertThat(h.uac.statusCodes()).containsExactly(100, 180, 200, 200);
        SipResponse last = h.uac.lastResponse();
        assertThat(last.cseq().method()).isEqualTo(SipRequest.INVITE);
        assertThat(last.statusCode()).isEqualTo(200);
    }

    @Test
    void cancelAfterThe200WasForwardedOnlyGets200() throws Exception {
        h.fromUac(invite);
        h.receive(answer(bob.lastRequest(SipRequest.INVITE), 200), bob);

        h.fromUac(cancel);

        assertThat(h.uac.statusCodes()).containsExactly(100, 200, 200);
        assertThat(bob.requests(SipRequest.CANCEL)).isEmpty();
    }

    @Test
    void givesUpOnABranchThatNeverAnswersItsCancelAfter64T1() throws Exception {
        h.fromUac(invite);
        h.receive(answer(bob.lastRequest(SipRequest.INVITE), 180), bob);
        h.fromUac(cancel);

        h.clock.advance(32_000 - 1);
        assertThat(h.uac.statusCodes()).containsExactly(100, 180, 200);
        h.clock.advance(1);

        assertThat(h.uac.statusCodes()).containsExactly(100, 180, 200, 487);
        h.clock.advance(64_000);
        assertThat(h.proxy.layer().size()).isZero();
    }

    @Test
    void cancelsTheBranchesWhenTheUacCanNoLongerBeReached() throws Exception {
        // The WIC's WebSocket closed while bob rings: nobody is left to answer, so bob stops ringing.
        h.fromUac(invite);
        SipRequest out = bob.lastRequest(SipRequest.INVITE);
        h.uac.failing = true;

        h.receive(answer(out, 180), bob);

        assertThat(bob.requests(SipRequest.CANCEL)).hasSize(1);
        h.receive(answer(out, 487), bob);
        assertThat(h.uac.statusCodes()).containsExactly(100);
    }
}
