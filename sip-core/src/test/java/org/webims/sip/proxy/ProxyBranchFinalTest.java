package org.webims.sip.proxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.webims.sip.proxy.ProxyHarness.answer;
import static org.webims.sip.proxy.ProxyHarness.request;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.webims.sip.message.HeaderNames;
import org.webims.sip.message.SipRequest;
import org.webims.sip.message.SipResponse;
import org.webims.sip.uri.SipUri;

/**
 * {@link ProxyElement#branchFinal}: the element sees each branch's non-2xx final with the branch's
 * {@link Target} and may replace it before §16.7 step 6 chooses (SCS-33: the S-CSCF removes a binding
 * on 430, RFC 5626 §5.3), and after the UAC's CANCEL the UAC gets a 487 rather than another 4xx.
 */
class ProxyBranchFinalTest {

    private final ProxyHarness h = ProxyHarness.reliable();
    private final SipRequest invite = request(SipRequest.INVITE, "sip:bob@ims.test").build();
    private final SipRequest cancel = request(SipRequest.CANCEL, "sip:bob@ims.test")
            .setHeader(HeaderNames.CSEQ, "1 CANCEL").build();
    private Target toBob;
    private Target toCarol;
    private ProxyHarness.FakeTransport bob;
    private ProxyHarness.FakeTransport carol;

    @BeforeEach
    void forkToBobAndCarol() throws Exception {
        bob = h.host("bob.test");
        carol = h.host("carol.test");
        toBob = Target.of(SipUri.parse("sip:bob@bob.test"));
        toCarol = Target.of(SipUri.parse("sip:bob@carol.test"));
        h.element.targets = List.of(toBob, toCarol);
    }

    @Test
    void tellsTheElementEachBranchsFinalWithItsTarget() throws Exception {
        h.fromUac(invite);
        h.receive(answer(carol.lastRequest(SipRequest.INVITE), 430), carol);
        h.receive(answer(bob.lastRequest(SipRequest.INVITE), 486), bob);

        assertThat(h.element.branchFinals).extracting(Map.Entry::getKey).containsExactly(toCarol, toBob);
        assertThat(h.element.branchFinals).extracting(e -> e.getValue().statusCode()).containsExactly(430, 486);
        assertThat(h.element.branchFinals.get(0).getValue().vias()).hasSize(1); // the proxy's own Via is gone
        assertThat(h.uac.statusCodes()).containsExactly(100, 430); // same class: the earliest
    }

    @Test
    void tellsTheElementOfABranchThatCouldNotBeSent() throws Exception {
        carol.failing = true;
        h.fromUac(invite);
        h.receive(answer(bob.lastRequest(SipRequest.INVITE), 486), bob);

        assertThat(h.element.branchFinals).extracting(e -> e.getKey().requestUri().toString())
                .containsExactlyInAnyOrder("sip:bob@carol.test", "sip:bob@bob.test");
    }

    @Test
    void theElementsReplacementIsWhatTheSelectionChoosesFrom() throws Exception {
        h.element.replaceFinal = r -> r.statusCode() == 430
                ? r.toBuilder().status(480, "Temporarily Unavailable").build() : r;
        h.element.targets = List.of(toBob);
        h.fromUac(invite);

        h.receive(answer(bob.lastRequest(SipRequest.INVITE), 430), bob);

        assertThat(h.uac.statusCodes()).containsExactly(100, 480);
    }

    @Test
    void doesNotTellTheElementOfA2xx() throws Exception {
        h.element.targets = List.of(toBob);
        h.fromUac(invite);
        h.receive(answer(bob.lastRequest(SipRequest.INVITE), 200), bob);

        assertThat(h.element.branchFinals).isEmpty();
        assertThat(h.uac.statusCodes()).containsExactly(100, 200);
    }

    @Test
    void aCancelledInviteGets487EvenWhenAnotherBranchsFlowFailedFirst() throws Exception {
        h.fromUac(invite);
        SipRequest atBob = bob.lastRequest(SipRequest.INVITE);
        SipRequest atCarol = carol.lastRequest(SipRequest.INVITE);
        h.receive(answer(atBob, 180, "b"), bob);
        h.receive(answer(atCarol, 180, "c"), carol);

        h.fromUac(cancel);
        h.receive(answer(atCarol, 430, "c"), carol); // carol's flow died as the CANCEL went out
        h.receive(answer(atBob, 487, "b"), bob);

        SipResponse last = h.uac.lastResponse();
        assertThat(last.statusCode()).isEqualTo(487);
        assertThat(last.cseq().method()).isEqualTo(SipRequest.INVITE);
    }
}
