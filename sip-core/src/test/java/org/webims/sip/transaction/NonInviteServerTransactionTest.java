package org.webims.sip.transaction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.webims.sip.transaction.TestRequests.request;
import static org.webims.sip.transaction.TestRequests.response;

import org.junit.jupiter.api.Test;
import org.webims.sip.message.SipRequest;
import org.webims.sip.message.SipResponse;

/** RFC 3261 §17.2.2: the non-INVITE server transaction on a virtual clock. */
class NonInviteServerTransactionTest {

    private static final SipRequest NOTIFY = request(SipRequest.NOTIFY, "z9hG4bKnashds8");
    private static final SipResponse TRYING = response(NOTIFY, 100);
    private static final SipResponse OK = response(NOTIFY, 200);

    @Test
    void passesNewRequestToUserInTrying() throws Exception {
        TransactionHarness h = TransactionHarness.overUdp();

        assertThat(h.receive(NOTIFY)).isTrue();

        NonInviteServerTransaction tx = h.serverTransaction(0);
        assertThat(tx.request()).isEqualTo(NOTIFY);
        assertThat(tx.state()).isEqualTo(TransactionState.TRYING);
        assertThat(h.layer.size()).isEqualTo(1);
    }

    @Test
    void absorbsRetransmittedRequestInTrying() throws Exception {
        TransactionHarness h = TransactionHarness.overUdp();
        h.receive(NOTIFY);

        assertThat(h.receive(NOTIFY)).isTrue();

        assertThat(h.serverUser.transactions).hasSize(1);
        assertThat(h.transport.sent).isEmpty();
    }

    @Test
    void resendsLastProvisionalWhenRequestIsRetransmittedInProceeding() throws Exception {
        TransactionHarness h = TransactionHarness.overUdp();
        h.receive(NOTIFY);
        NonInviteServerTransaction tx = h.serverTransaction(0);
        SipResponse progress = response(NOTIFY, 183);
        tx.sendResponse(TRYING);
        tx.sendResponse(progress);

        h.receive(NOTIFY);

        assertThat(tx.state()).isEqualTo(TransactionState.PROCEEDING);
        assertThat(h.transport.sent).containsExactly(TRYING, progress, progress);
        assertThat(h.serverUser.transactions).hasSize(1);
    }

    @Test
    void resendsFinalWhenRequestIsRetransmittedInCompleted() throws Exception {
        TransactionHarness h = TransactionHarness.overUdp();
        h.receive(NOTIFY);
        NonInviteServerTransaction tx = h.serverTransaction(0);
        tx.sendResponse(TRYING);
        tx.sendResponse(OK);

        h.receive(NOTIFY);
        h.receive(NOTIFY);

        assertThat(tx.state()).isEqualTo(TransactionState.COMPLETED);
        assertThat(h.transport.sent).containsExactly(TRYING, OK, OK, OK);
    }

    @Test
    void discardsResponsesFromUserAfterTheFinal() throws Exception {
        TransactionHarness h = TransactionHarness.overUdp();
        h.receive(NOTIFY);
        NonInviteServerTransaction tx = h.serverTransaction(0);

        tx.sendResponse(OK);
        tx.sendResponse(response(NOTIFY, 500));
        tx.sendResponse(TRYING);

        assertThat(h.transport.sent).containsExactly(OK);
    }

    @Test
    void staysCompletedFor64T1OverUdpThenTerminates() throws Exception {
        TransactionHarness h = TransactionHarness.overUdp();
        h.receive(NOTIFY);
        NonInviteServerTransaction tx = h.serverTransaction(0);
        h.clock.advance(1_000);
        tx.sendResponse(OK);

        h.assertCompletedFor(32_000, tx);
    }

    @Test
    void terminatesAtOnceAfterFinalResponseOverReliableTransport() throws Exception {
        TransactionHarness h = TransactionHarness.overReliableTransport();
        h.receive(NOTIFY);
        NonInviteServerTransaction tx = h.serverTransaction(0);

        tx.sendResponse(OK);

        assertThat(h.transport.sent).containsExactly(OK);
        h.assertTerminatedAndForgotten(tx);
    }

    @Test
    void resendsFinalAnsweredFromOnRequestWhenRequestIsRetransmitted() throws Exception {
        TransactionHarness h = TransactionHarness.overUdp();
        h.serverUser.answerAtOnce = 200;

        h.receive(NOTIFY);
        h.receive(NOTIFY);

        assertThat(h.transport.sent).extracting(m -> ((SipResponse) m).statusCode()).containsExactly(200, 200);
        assertThat(h.serverUser.transactions).hasSize(1);
    }

    @Test
    void reportsTransportErrorAndTerminatesWhenResponseCannotBeSent() throws Exception {
        TransactionHarness h = TransactionHarness.overUdp();
        h.receive(NOTIFY);
        NonInviteServerTransaction tx = h.serverTransaction(0);
        h.transport.failFromNowOn();

        tx.sendResponse(OK);

        assertThat(h.serverUser.transportErrors).hasSize(1);
        h.assertTerminatedAndForgotten(tx);
    }
}
