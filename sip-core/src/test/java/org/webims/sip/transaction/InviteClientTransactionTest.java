package org.webims.sip.transaction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.webims.sip.transaction.TestRequests.request;
import static org.webims.sip.transaction.TestRequests.response;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.webims.sip.message.HeaderNames;
import org.webims.sip.message.SipMessage;
import org.webims.sip.message.SipRequest;
import org.webims.sip.message.SipResponse;

/** RFC 3261 §17.1.1 with RFC 6026 §7.2: the INVITE client transaction on a virtual clock. */
class InviteClientTransactionTest {

    private static final SipRequest INVITE = request(SipRequest.INVITE, "z9hG4bKnashds8");

    /** A 486 from the UAS, with the To tag it chose (§8.2.6.2). */
    private static SipResponse busy(SipRequest invite) {
        return response(invite, 486).toBuilder()
                .setHeader(HeaderNames.TO, "<sip:alice@ims.example.net>;tag=8321234356").build();
    }

    @Test
    void retransmitsInviteOnTimerADoublingWithoutCapOverUdp() throws Exception {
        // §17.1.1.2: Timer A starts at T1 and doubles; unlike Timer E there is no T2 cap.
        TransactionHarness h = TransactionHarness.overUdp();
        h.sendInvite(INVITE);

        h.clock.advance(31_999);

        assertThat(h.transport.sendTimes).containsExactly(0L, 500L, 1500L, 3500L, 7500L, 15500L, 31500L);
        assertThat(h.transport.sent).containsOnly(INVITE);
    }

    @Test
    void retransmitsInviteOnConfiguredT1IgnoringT2() throws Exception {
        TransactionHarness h = TransactionHarness.overUdp(TransactionTimers.builder().t1(100).t2(300).build());
        h.sendInvite(INVITE);

        h.clock.advance(3_199);

        assertThat(h.transport.sendTimes).containsExactly(0L, 100L, 300L, 700L, 1500L, 3100L);
    }

    @Test
    void neverRetransmitsInviteOverReliableTransport() throws Exception {
        // §17.1.1.2: Timer A is set only for unreliable transports.
        TransactionHarness h = TransactionHarness.overReliableTransport();
        h.sendInvite(INVITE);

        h.clock.advance(31_999);

        assertThat(h.transport.sendTimes).containsExactly(0L);
    }

    @ParameterizedTest(name = "reliable={0}")
    @ValueSource(booleans = {false, true})
    void reportsTimeoutAndTerminatesWhenTimerBFiresAt64T1InCalling(boolean reliable) throws Exception {
        // §17.1.1.2: Timer B (64*T1) in Calling informs the TU of the timeout.
        TransactionHarness h = reliable ? TransactionHarness.overReliableTransport() : TransactionHarness.overUdp();
        InviteClientTransaction tx = h.sendInvite(INVITE);

        h.clock.advance(31_999);
        assertThat(h.clientUser.timeouts).isZero();
        assertThat(tx.state()).isEqualTo(TransactionState.CALLING);

        h.clock.advance(1);
        assertThat(h.clientUser.timeouts).isEqualTo(1);
        h.assertTerminatedAndForgotten(tx);
    }

    @Test
    void provisionalMovesToProceedingAndStopsRetransmissionsAndTimerB() throws Exception {
        // §17.1.1.2, Figure 5: Proceeding has neither Timer A nor Timer B.
        TransactionHarness h = TransactionHarness.overUdp();
        InviteClientTransaction tx = h.sendInvite(INVITE);
        h.clock.advance(600);

        h.receive(response(INVITE, 100));
        h.receive(response(INVITE, 180));
        h.clock.advance(60_000);

        assertThat(tx.state()).isEqualTo(TransactionState.PROCEEDING);
        assertThat(h.transport.sendTimes).containsExactly(0L, 500L);
        assertThat(h.clientUser.responses).extracting(SipResponse::statusCode).containsExactly(100, 180);
        assertThat(h.clientUser.timeouts).isZero();
        assertThat(h.clock.pending()).isZero();
    }

    @Test
    void buildsAckFor486PerSection17113() throws Exception {
        // §17.1.1.3: Request-URI, Call-ID, From of the INVITE; To of the response; CSeq number with
        // method ACK; only the INVITE's top Via; the INVITE's Route headers.
        SipRequest invite = INVITE.toBuilder()
                .header(HeaderNames.VIA, "SIP/2.0/TCP 198.51.100.7:5060;branch=z9hG4bKupstream")
                .setHeader(HeaderNames.CSEQ, "314159 INVITE")
                .header(HeaderNames.ROUTE, "<sip:pcscf.ims.example.net;lr>")
                .header(HeaderNames.ROUTE, "<sip:scscf.ims.example.net;lr>")
                .header(HeaderNames.CONTACT, "<sip:alice@192.0.2.10:5060>")
                .body("application/sdp", "v=0\r\n")
                .build();
        TransactionHarness h = TransactionHarness.overUdp();
        h.sendInvite(invite);
        SipResponse busy = busy(invite);

        h.receive(busy);

        assertThat(h.transport.sent).hasSize(2);
        SipRequest ack = (SipRequest) h.transport.sent.get(1);
        assertThat(ack.method()).isEqualTo(SipRequest.ACK);
        assertThat(ack.requestUri()).isEqualTo(invite.requestUri());
        assertThat(ack.headerLines(HeaderNames.VIA)).containsExactly(invite.topVia().toString());
        assertThat(ack.topVia().branch()).isEqualTo("z9hG4bKnashds8");
        assertThat(ack.from()).isEqualTo(invite.from());
        assertThat(ack.to()).isEqualTo(busy.to());
        assertThat(ack.to().tag()).isEqualTo("8321234356");
        assertThat(ack.callId()).isEqualTo(invite.callId());
        assertThat(ack.header(HeaderNames.CSEQ)).isEqualTo("314159 ACK");
        assertThat(ack.headerLines(HeaderNames.ROUTE))
                .containsExactly("<sip:pcscf.ims.example.net;lr>", "<sip:scscf.ims.example.net;lr>");
        assertThat(ack.header(HeaderNames.MAX_FORWARDS)).isEqualTo("70");
        assertThat(ack.hasHeader(HeaderNames.CONTACT)).isFalse();
        assertThat(ack.bodyLength()).isZero();
        assertThat(ack.header(HeaderNames.CONTENT_LENGTH)).isEqualTo("0");
        ack.validate();
        assertThat(h.clientUser.responses).containsExactly(busy);
    }

    @Test
    void resendsSameAckForRetransmitted486WithoutPassingItUp() throws Exception {
        // §17.1.1.2: in Completed a retransmitted final is ACKed again and not passed to the TU.
        TransactionHarness h = TransactionHarness.overUdp();
        InviteClientTransaction tx = h.sendInvite(INVITE);
        h.receive(busy(INVITE));

        assertThat(h.receive(busy(INVITE))).isTrue();
        h.receive(busy(INVITE));

        assertThat(tx.state()).isEqualTo(TransactionState.COMPLETED);
        assertThat(h.transport.sent).hasSize(4);
        SipMessage firstAck = h.transport.sent.get(1);
        assertThat(h.transport.sent.subList(2, 4)).containsOnly(firstAck);
        assertThat(h.clientUser.responses).hasSize(1);
    }

    @Test
    void ignoresProvisionalAnd2xxInCompleted() throws Exception {
        TransactionHarness h = TransactionHarness.overUdp();
        h.sendInvite(INVITE);
        h.receive(busy(INVITE));

        h.receive(response(INVITE, 180));
        h.receive(response(INVITE, 200));

        assertThat(h.transport.sent).hasSize(2);
        assertThat(h.clientUser.responses).extracting(SipResponse::statusCode).containsExactly(486);
    }

    @Test
    void staysCompletedForTimerD32sOverUdpThenTerminates() throws Exception {
        // §17.1.1.2: Timer D at least 32 s for unreliable transports.
        TransactionHarness h = TransactionHarness.overUdp();
        InviteClientTransaction tx = h.sendInvite(INVITE);
        h.clock.advance(700);
        h.receive(busy(INVITE));

        h.assertCompletedFor(32_000, tx);
        assertThat(h.transport.sendTimes).containsExactly(0L, 500L, 700L);
    }

    @Test
    void terminatesAtOnceAfterAckingNon2xxOverReliableTransport() throws Exception {
        // §17.1.1.2: Timer D is zero for reliable transports; the ACK is still sent.
        TransactionHarness h = TransactionHarness.overReliableTransport();
        InviteClientTransaction tx = h.sendInvite(INVITE);

        h.receive(busy(INVITE));

        assertThat(((SipRequest) h.transport.sent.get(1)).method()).isEqualTo(SipRequest.ACK);
        h.assertTerminatedAndForgotten(tx);
    }

    @Test
    void passes2xxAndItsRetransmissionsToUserInAcceptedUntilTimerM() throws Exception {
        // RFC 6026 §7.2 and §8.4: 2xx moves Calling or Proceeding to Accepted; every 2xx goes to the
        // TU (which ACKs it end to end), the transaction sends no ACK; Timer M = 64*T1.
        TransactionHarness h = TransactionHarness.overUdp();
        InviteClientTransaction tx = h.sendInvite(INVITE);
        h.receive(response(INVITE, 180));
        SipResponse ok = response(INVITE, 200).toBuilder()
                .setHeader(HeaderNames.TO, "<sip:alice@ims.example.net>;tag=314159").build();

        h.receive(ok);
        h.receive(ok);
        h.receive(response(INVITE, 180));
        h.receive(busy(INVITE));
        assertThat(h.receive(ok)).isTrue();

        assertThat(tx.state()).isEqualTo(TransactionState.ACCEPTED);
        assertThat(h.clientUser.responses).extracting(SipResponse::statusCode).containsExactly(180, 200, 200, 200);
        assertThat(h.transport.sent).containsExactly(INVITE);
        h.assertStaysFor(32_000, TransactionState.ACCEPTED, tx);
        assertThat(h.receive(ok)).isFalse();
    }

    @Test
    void stopsRetransmittingInviteAndNeverTimesOutOnceAccepted() throws Exception {
        TransactionHarness h = TransactionHarness.overUdp();
        h.sendInvite(INVITE);
        h.clock.advance(600);

        h.receive(response(INVITE, 200));
        h.clock.advance(60_000);

        assertThat(h.transport.sendTimes).containsExactly(0L, 500L);
        assertThat(h.clientUser.timeouts).isZero();
    }

    @Test
    void reportsTransportErrorAndTerminatesWhenInviteCannotBeSent() throws Exception {
        // §17.1.4: a transport failure is reported to the TU and the transaction is Terminated.
        TransactionHarness h = TransactionHarness.overUdp();
        h.transport.failFromNowOn();

        InviteClientTransaction tx = h.sendInvite(INVITE);

        assertThat(h.clientUser.transportErrors).hasSize(1);
        h.assertTerminatedAndForgotten(tx);
    }

    @Test
    void reportsTransportErrorAndTerminatesWhenRetransmissionCannotBeSent() throws Exception {
        TransactionHarness h = TransactionHarness.overUdp();
        InviteClientTransaction tx = h.sendInvite(INVITE);
        h.transport.failFromNowOn();

        h.clock.advance(60_000);

        assertThat(h.clientUser.transportErrors).hasSize(1);
        assertThat(h.clientUser.timeouts).isZero();
        h.assertTerminatedAndForgotten(tx);
    }

    @Test
    void reportsTransportErrorAfterTheFinalWhenAckCannotBeSent() throws Exception {
        TransactionHarness h = TransactionHarness.overUdp();
        InviteClientTransaction tx = h.sendInvite(INVITE);
        h.transport.failFromNowOn();

        h.receive(busy(INVITE));

        assertThat(h.clientUser.responses).extracting(SipResponse::statusCode).containsExactly(486);
        assertThat(h.clientUser.transportErrors).hasSize(1);
        h.assertTerminatedAndForgotten(tx);
    }

    @Test
    void matchesResponsesOnlyByInviteBranchAndCSeqMethod() throws Exception {
        // §17.1.3 and §9.1: a CANCEL shares the INVITE's branch, yet is its own transaction.
        TransactionHarness h = TransactionHarness.overUdp();
        h.sendInvite(INVITE);
        SipRequest cancel = request(SipRequest.CANCEL, "z9hG4bKnashds8");
        TransactionHarness.RecordingClientUser cancelUser = new TransactionHarness.RecordingClientUser();
        h.layer.sendRequest(cancel, h.transport, cancelUser);

        h.receive(response(cancel, 200));
        h.receive(response(INVITE, 487));

        assertThat(cancelUser.responses).extracting(SipResponse::statusCode).containsExactly(200);
        assertThat(h.clientUser.responses).extracting(SipResponse::statusCode).containsExactly(487);
    }
}
