package org.webims.sip.transaction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.webims.sip.transaction.TestRequests.SENT_BY_HOST;
import static org.webims.sip.transaction.TestRequests.request;
import static org.webims.sip.transaction.TestRequests.response;

import org.junit.jupiter.api.Test;
import org.webims.sip.message.SipRequest;

/** RFC 3261 §17.2.3 and §9.2 with RFC 6026: routing INVITE, ACK and CANCEL, and CANCEL racing 200. */
class InviteTransactionLayerTest {

    private static final String BRANCH = "z9hG4bKcancelrace";
    private static final SipRequest INVITE = request(SipRequest.INVITE, BRANCH);
    /** §9.1: a CANCEL carries the INVITE's top Via, branch included. */
    private static final SipRequest CANCEL = request(SipRequest.CANCEL, BRANCH);

    @Test
    void matchesCancelInProceedingToItsInviteTransactionSoUserCanAnswer487() throws Exception {
        // §9.2: the CANCEL is a non-INVITE transaction of its own; the layer finds the INVITE it
        // cancels by branch and sent-by, the TU answers the CANCEL 200 and the INVITE 487.
        TransactionHarness h = TransactionHarness.overUdp();
        h.receive(INVITE);
        InviteServerTransaction invite = h.inviteTransaction(0);

        h.receive(CANCEL);

        NonInviteServerTransaction cancel = h.serverTransaction(0);
        assertThat(cancel.request().method()).isEqualTo(SipRequest.CANCEL);
        InviteServerTransaction cancelled = h.layer.inviteTransactionCancelledBy(cancel.request());
        assertThat(cancelled).isSameAs(invite);
        assertThat(cancelled.state()).isEqualTo(TransactionState.PROCEEDING);
        cancel.sendResponse(response(CANCEL, 200));
        cancelled.sendResponse(response(INVITE, 487));
        assertThat(h.sentStatusCodes()).containsExactly(100, 200, 487);
        assertThat(invite.state()).isEqualTo(TransactionState.COMPLETED);
    }

    @Test
    void cancelArrivingAfterThe200FindsInviteTransactionAccepted() throws Exception {
        // CANCEL racing 200 (§9.2, RFC 6026 §7.1): the final is out, so the TU answers only the
        // CANCEL (200) and sends no 487; a 487 it sent anyway would be discarded by Accepted.
        TransactionHarness h = TransactionHarness.overUdp();
        h.receive(INVITE);
        InviteServerTransaction invite = h.inviteTransaction(0);
        invite.sendResponse(response(INVITE, 200));

        h.receive(CANCEL);

        InviteServerTransaction cancelled = h.layer.inviteTransactionCancelledBy(CANCEL);
        assertThat(cancelled).isSameAs(invite);
        assertThat(cancelled.state()).isEqualTo(TransactionState.ACCEPTED);
        h.serverTransaction(0).sendResponse(response(CANCEL, 200));
        invite.sendResponse(response(INVITE, 487));
        assertThat(h.sentStatusCodes()).containsExactly(100, 200, 200);
        assertThat(invite.state()).isEqualTo(TransactionState.ACCEPTED);
    }

    @Test
    void findsNoInviteForCancelFromAnotherSentByOrAfterTheInviteTerminated() throws Exception {
        // §9.2: no matching INVITE transaction means the TU answers the CANCEL 481.
        TransactionHarness h = TransactionHarness.overReliableTransport();
        h.receive(INVITE);

        assertThat(h.layer.inviteTransactionCancelledBy(request(SipRequest.CANCEL, BRANCH, "192.0.2.99", 5060)))
                .isNull();
        assertThat(h.layer.inviteTransactionCancelledBy(request(SipRequest.CANCEL, "z9hG4bKother"))).isNull();
        h.inviteTransaction(0).sendResponse(response(INVITE, 486));
        h.receive(request(SipRequest.ACK, BRANCH));
        assertThat(h.layer.inviteTransactionCancelledBy(CANCEL)).isNull();
    }

    @Test
    void routesRetransmittedInviteByBranchSentByAndMethod() throws Exception {
        // §17.2.3: same branch from another sent-by is another transaction.
        TransactionHarness h = TransactionHarness.overUdp();
        h.receive(INVITE);

        h.receive(request(SipRequest.INVITE, BRANCH, SENT_BY_HOST, 5060));
        h.receive(request(SipRequest.INVITE, BRANCH, "192.0.2.99", 5060));

        assertThat(h.inviteUser.transactions).hasSize(2);
        assertThat(h.layer.size()).isEqualTo(2);
    }

    @Test
    void startsNewInviteTransactionAfterTimerLTerminatedTheFirst() throws Exception {
        TransactionHarness h = TransactionHarness.overUdp();
        h.receive(INVITE);
        h.inviteTransaction(0).sendResponse(response(INVITE, 200));
        h.clock.advance(32_000);

        h.receive(INVITE);

        assertThat(h.inviteUser.transactions).hasSize(2);
        assertThat(h.layer.size()).isEqualTo(1);
    }

    @Test
    void refusesToSendNonInviteAsInviteAndInviteBranchInUse() throws Exception {
        TransactionHarness h = TransactionHarness.overUdp();
        h.sendInvite(INVITE);

        assertThatThrownBy(() -> h.sendInvite(request(SipRequest.ACK, "z9hG4bKack")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> h.sendInvite(INVITE)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> h.send(request(SipRequest.ACK, "z9hG4bKack")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(h.transport.sent).containsExactly(INVITE);
    }
}
