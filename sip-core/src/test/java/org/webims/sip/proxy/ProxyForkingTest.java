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
 * RFC 3261 §16.7 with parallel forking (SCS-31): first 2xx wins, 6xx ends the search, best final
 * when all fail, 401/407 challenges aggregated, 503 as 500, transport errors, Timers B and C.
 */
class ProxyForkingTest {

    private final ProxyHarness h = ProxyHarness.reliable();
    private final SipRequest invite = request(SipRequest.INVITE, "sip:bob@ims.test").build();
    private ProxyHarness.FakeTransport bob;
    private ProxyHarness.FakeTransport carol;

    @BeforeEach
    void forkToBobAndCarol() throws Exception {
        bob = h.host("bob.test");
        carol = h.host("carol.test");
        h.element.targets = List.of(Target.of(SipUri.parse("sip:bob@bob.test")),
                Target.of(SipUri.parse("sip:bob@carol.test")));
    }

    @Test
    void forwardsTheFirst2xxCancelsTheOtherBranchAndForwardsALater2xxToo() throws Exception {
        h.fromUac(invite);
        SipRequest toBob = bob.lastRequest(SipRequest.INVITE);
        SipRequest toCarol = carol.lastRequest(SipRequest.INVITE);
        assertThat(toBob.topVia().branch()).isNotEqualTo(toCarol.topVia().branch());
        h.receive(answer(toBob, 180, "b"), bob);
        h.receive(answer(toCarol, 180, "c"), carol);

        h.receive(answer(toCarol, 200, "c"), carol);

        assertThat(h.uac.statusCodes()).containsExactly(100, 180, 180, 200);
        assertThat(bob.requests(SipRequest.CANCEL)).hasSize(1);
        assertThat(carol.requests(SipRequest.CANCEL)).isEmpty();

        h.receive(answer(toBob, 200, "b"), bob); // bob answered before the CANCEL reached him
        h.receive(answer(toBob, 487, "b"), bob);
        assertThat(h.uac.statusCodes()).containsExactly(100, 180, 180, 200, 200);
    }

    @Test
    void sendsTheLowestClassWhenEveryBranchFailsAndTheEarliestOnATie() throws Exception {
        h.element.targets = List.of(Target.of(SipUri.parse("sip:bob@bob.test")),
                Target.of(SipUri.parse("sip:bob@carol.test")), Target.of(SipUri.parse("sip:bob@dave.test")));
        h.host("dave.test");
        h.fromUac(invite);

        h.receive(answer(h.host("dave.test").lastRequest(SipRequest.INVITE), 503), h.host("dave.test"));
        h.receive(answer(carol.lastRequest(SipRequest.INVITE), 486), carol);
        assertThat(h.uac.statusCodes()).containsExactly(100);
        h.receive(answer(bob.lastRequest(SipRequest.INVITE), 404), bob);

        assertThat(h.uac.statusCodes()).containsExactly(100, 486);
        assertThat(h.uac.lastResponse().vias()).hasSize(1);
    }

    @Test
    void turnsA503Into500() throws Exception {
        h.fromUac(invite);

        h.receive(answer(bob.lastRequest(SipRequest.INVITE), 503), bob);
        h.receive(answer(carol.lastRequest(SipRequest.INVITE), 503), carol);

        assertThat(h.uac.statusCodes()).containsExactly(100, 500);
    }

    @Test
    void aggregatesTheChallengesOfEvery401And407() throws Exception {
        h.fromUac(invite);

        h.receive(answer(bob.lastRequest(SipRequest.INVITE), 407).toBuilder()
                .header(HeaderNames.PROXY_AUTHENTICATE, "Digest realm=\"bob.test\", nonce=\"1\"").build(), bob);
        h.receive(answer(carol.lastRequest(SipRequest.INVITE), 401).toBuilder()
                .header(HeaderNames.WWW_AUTHENTICATE, "Digest realm=\"carol.test\", nonce=\"2\"").build(), carol);

        SipResponse up = h.uac.lastResponse();
        assertThat(up.statusCode()).isEqualTo(407);
        assertThat(up.headerLines(HeaderNames.PROXY_AUTHENTICATE))
                .containsExactly("Digest realm=\"bob.test\", nonce=\"1\"");
        assertThat(up.headerLines(HeaderNames.WWW_AUTHENTICATE))
                .containsExactly("Digest realm=\"carol.test\", nonce=\"2\"");
    }

    @Test
    void a6xxCancelsTheOtherBranchesAndIsTheAnswer() throws Exception {
        h.fromUac(invite);
        SipRequest toCarol = carol.lastRequest(SipRequest.INVITE);
        h.receive(answer(toCarol, 180, "c"), carol);

        h.receive(answer(bob.lastRequest(SipRequest.INVITE), 603, "b"), bob);

        assertThat(carol.requests(SipRequest.CANCEL)).hasSize(1);
        assertThat(h.uac.statusCodes()).containsExactly(100, 180);
        h.receive(answer(toCarol, 487, "c"), carol);
        assertThat(h.uac.statusCodes()).containsExactly(100, 180, 603);
    }

    @Test
    void countsATransportErrorOnOneBranchAs503AndLetsTheOtherAnswer() throws Exception {
        carol.failing = true;
        h.fromUac(invite);
        h.receive(answer(bob.lastRequest(SipRequest.INVITE), 486), bob);

        assertThat(h.uac.statusCodes()).containsExactly(100, 486);
    }

    @Test
    void answers500WhenNoTargetCanBeReached() throws Exception {
        carol.failing = true;
        h.element.targets = List.of(Target.of(SipUri.parse("sip:bob@nowhere.test")),
                Target.of(SipUri.parse("sip:bob@carol.test")));

        h.fromUac(invite);

        assertThat(h.uac.statusCodes()).containsExactly(500);
    }

    @Test
    void answers408WhenABranchTimesOutOnTimerB() throws Exception {
        h.element.targets = List.of(Target.of(SipUri.parse("sip:bob@bob.test")));
        h.fromUac(invite);

        h.clock.advance(32_000);

        assertThat(h.uac.statusCodes()).containsExactly(100, 408);
    }

    @Test
    void cancelsABranchThatRingsLongerThanTimerC() throws Exception {
        h.element.targets = List.of(Target.of(SipUri.parse("sip:bob@bob.test")));
        h.fromUac(invite);
        SipRequest toBob = bob.lastRequest(SipRequest.INVITE);
        h.receive(answer(toBob, 180), bob); // Proceeding: Timer B no longer runs
        h.clock.advance(100_000);
        h.receive(answer(toBob, 183), bob); // restarts Timer C (§16.7 step 2)

        h.clock.advance(ProxyConfig.DEFAULT_TIMER_C - 1);
        assertThat(bob.requests(SipRequest.CANCEL)).isEmpty();
        h.clock.advance(1);

        assertThat(bob.requests(SipRequest.CANCEL)).hasSize(1);
        h.receive(answer(toBob, 487), bob);
        assertThat(h.uac.statusCodes()).containsExactly(100, 180, 183, 487);
    }
}
