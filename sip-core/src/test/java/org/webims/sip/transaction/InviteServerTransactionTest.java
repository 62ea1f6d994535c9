package org.webims.sip.transaction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.webims.sip.transaction.TestRequests.request;
import static org.webims.sip.transaction.TestRequests.response;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.webims.sip.message.HeaderNames;
import org.webims.sip.message.SipRequest;
import org.webims.sip.message.SipResponse;

/** RFC 3261 §17.2.1 with RFC 6026 §7.1: the INVITE server transaction on a virtual clock. */
class InviteServerTransactionTest {

    private static final String BRANCH = "z9hG4bK776asdhds";
    private static final SipRequest INVITE = request(SipRequest.INVITE, BRANCH);
    private static final SipResponse RINGING = response(INVITE, 180);
    private static final SipResponse BUSY = response(INVITE, 486);
    private static final SipResponse OK = response(INVITE, 200);
    /** §17.1.1.3: the ACK for a non-2xx has the INVITE's branch. */
    private static final SipRequest ACK_FOR_BUSY = request(SipRequest.ACK, BRANCH);

    @Test
    void sends100TryingAtOnceWhenUserDoesNotAnswerBeforeReturning() throws Exception {
        // §17.2.1: 100 Trying unless the TU is known to answer within 200 ms.
        TransactionHarness h = TransactionHarness.overUdp();

        assertThat(h.receive(INVITE.toBuilder().header("Timestamp", "54").build())).isTrue();

        InviteServerTransaction tx = h.inviteTransaction(0);
        assertThat(tx.state()).isEqualTo(TransactionState.PROCEEDING);
        assertThat(h.sentStatusCodes()).containsExactly(100);
        SipResponse trying = (SipResponse) h.transport.sent.get(0);
        assertThat(trying.to().tag()).isNull();
        assertThat(trying.header("Timestamp")).isEqualTo("54");
        assertThat(h.transport.sendTimes).containsExactly(0L);
    }

    @Test
    void sendsNo100TryingWhenUserAnswersBeforeReturning() throws Exception {
        TransactionHarness h = TransactionHarness.overUdp();
        h.inviteUser.answerAtOnce = 180;

        h.receive(INVITE);

        assertThat(h.sentStatusCodes()).containsExactly(180);
    }

    @Test
    void resendsLastProvisionalWhenInviteIsRetransmittedInProceeding() throws Exception {
        // §17.2.1: a retransmitted INVITE in Proceeding gets the most recent provisional again.
        TransactionHarness h = TransactionHarness.overUdp();
        h.receive(INVITE);
        h.inviteTransaction(0).sendResponse(RINGING);

        h.receive(INVITE);
        h.receive(INVITE);

        assertThat(h.sentStatusCodes()).containsExactly(100, 180, 180, 180);
        assertThat(h.inviteUser.transactions).hasSize(1);
    }

    @Test
    void retransmitsNon2xxOnTimerGDoublingUpToT2AndTimesOutOnTimerHOverUdp() throws Exception {
        // §17.2.1: Timer G from T1, doubling to T2; Timer H (64*T1) without ACK informs the TU.
        TransactionHarness h = TransactionHarness.overUdp();
        h.receive(INVITE);
        InviteServerTransaction tx = h.inviteTransaction(0);
        h.transport.sendTimes.clear();

        tx.sendResponse(BUSY);
        h.clock.advance(31_999);

        assertThat(tx.state()).isEqualTo(TransactionState.COMPLETED);
        assertThat(h.transport.sendTimes)
                .containsExactly(0L, 500L, 1500L, 3500L, 7500L, 11500L, 15500L, 19500L, 23500L, 27500L, 31500L);
        assertThat(h.inviteUser.timeouts).isEmpty();

        h.clock.advance(1);
        assertThat(h.inviteUser.timeouts).containsExactly(tx);
        h.assertTerminatedAndForgotten(tx);
    }

    @Test
    void neverRetransmitsNon2xxOverReliableTransportButStillTimesOutOnTimerH() throws Exception {
        // §17.2.1: Timer G is set only for unreliable transports; Timer H always.
        TransactionHarness h = TransactionHarness.overReliableTransport();
        h.receive(INVITE);
        InviteServerTransaction tx = h.inviteTransaction(0);

        tx.sendResponse(BUSY);
        h.clock.advance(32_000);

        assertThat(h.sentStatusCodes()).containsExactly(100, 486);
        assertThat(h.inviteUser.timeouts).containsExactly(tx);
        h.assertTerminatedAndForgotten(tx);
    }

    @Test
    void resendsNon2xxWhenInviteIsRetransmittedInCompleted() throws Exception {
        TransactionHarness h = TransactionHarness.overReliableTransport();
        h.receive(INVITE);
        h.inviteTransaction(0).sendResponse(BUSY);

        h.receive(INVITE);

        assertThat(h.sentStatusCodes()).containsExactly(100, 486, 486);
    }

    @Test
    void absorbsAckForNon2xxInConfirmedForTimerIThenTerminatesOverUdp() throws Exception {
        // §17.2.1: the ACK moves Completed to Confirmed, stops Timer G and H; Timer I = T4. The ACK
        // and its retransmissions stay in the transaction: the TU never sees them.
        TransactionHarness h = TransactionHarness.overUdp();
        h.receive(INVITE);
        InviteServerTransaction tx = h.inviteTransaction(0);
        tx.sendResponse(BUSY);
        h.clock.advance(600);

        assertThat(h.receive(ACK_FOR_BUSY)).isTrue();
        h.receive(ACK_FOR_BUSY);
        h.receive(INVITE);

        assertThat(tx.state()).isEqualTo(TransactionState.CONFIRMED);
        assertThat(h.inviteUser.acks).isEmpty();
        h.assertStaysFor(5_000, TransactionState.CONFIRMED, tx);
        assertThat(h.sentStatusCodes()).containsExactly(100, 486, 486);
        assertThat(h.inviteUser.timeouts).isEmpty();
    }

    @Test
    void terminatesAtOnceOnAckForNon2xxOverReliableTransport() throws Exception {
        // §17.2.1: Timer I is zero for reliable transports.
        TransactionHarness h = TransactionHarness.overReliableTransport();
        h.receive(INVITE);
        InviteServerTransaction tx = h.inviteTransaction(0);
        tx.sendResponse(BUSY);

        h.receive(ACK_FOR_BUSY);

        h.assertTerminatedAndForgotten(tx);
        assertThat(h.inviteUser.acks).isEmpty();
    }

    @ParameterizedTest(name = "reliable={0}")
    @ValueSource(booleans = {false, true})
    void absorbsInviteRetransmissionsInAcceptedAndSends2xxFromUserUntilTimerL(boolean reliable) throws Exception {
        // RFC 6026 §7.1, §8.5: 2xx moves to Accepted; INVITE retransmissions are absorbed (the TU,
        // not the transaction, retransmits the 2xx, §13.3.1.4); Timer L = 64*T1 on any transport.
        TransactionHarness h = reliable ? TransactionHarness.overReliableTransport() : TransactionHarness.overUdp();
        h.receive(INVITE);
        InviteServerTransaction tx = h.inviteTransaction(0);

        tx.sendResponse(OK);
        h.receive(INVITE);
        h.clock.advance(500);
        tx.sendResponse(OK);
        tx.sendResponse(BUSY);
        tx.sendResponse(RINGING);
        h.receive(INVITE);

        assertThat(tx.state()).isEqualTo(TransactionState.ACCEPTED);
        assertThat(h.sentStatusCodes()).containsExactly(100, 200, 200);
        assertThat(h.inviteUser.transactions).hasSize(1);
        h.assertStaysFor(31_500, TransactionState.ACCEPTED, tx);
        assertThat(h.inviteUser.timeouts).isEmpty();
    }

    @Test
    void passesAckFor2xxToUserWhetherOrNotItMatchesTheTransaction() throws Exception {
        // RFC 6026 §8.7: the ACK for a 2xx is its own transaction (new branch, §13.2.2.4) and goes
        // to the TU; one that does match an Accepted transaction goes to the TU as well.
        TransactionHarness h = TransactionHarness.overUdp();
        h.receive(INVITE);
        InviteServerTransaction tx = h.inviteTransaction(0);
        tx.sendResponse(OK);
        SipRequest ackFor2xx = request(SipRequest.ACK, "z9hG4bKnewbranch");

        assertThat(h.receive(ackFor2xx)).isTrue();
        assertThat(h.receive(ACK_FOR_BUSY)).isTrue();

        assertThat(h.inviteUser.acks).containsExactly(ackFor2xx, ACK_FOR_BUSY);
        assertThat(tx.state()).isEqualTo(TransactionState.ACCEPTED);
        assertThat(h.sentStatusCodes()).containsExactly(100, 200);
    }

    @Test
    void passesAckMatchingNoTransactionToUser() throws Exception {
        TransactionHarness h = TransactionHarness.overUdp();
        SipRequest ack = request(SipRequest.ACK, "z9hG4bKlate").toBuilder()
                .setHeader(HeaderNames.TO, "<sip:alice@ims.example.net>;tag=1").build();

        assertThat(h.receive(ack)).isTrue();

        assertThat(h.inviteUser.acks).containsExactly(ack);
        assertThat(h.layer.size()).isZero();
    }

    @Test
    void reportsTransportErrorAndTerminatesWhenResponseCannotBeSent() throws Exception {
        // §17.2.4: a transport failure is reported to the TU and the transaction is Terminated.
        TransactionHarness h = TransactionHarness.overUdp();
        h.receive(INVITE);
        InviteServerTransaction tx = h.inviteTransaction(0);
        h.transport.failFromNowOn();

        tx.sendResponse(BUSY);

        assertThat(h.inviteUser.transportErrors).hasSize(1);
        h.assertTerminatedAndForgotten(tx);
    }
}
