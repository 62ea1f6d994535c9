package org.webims.sip.transaction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.webims.sip.transaction.TestRequests.SENT_BY_HOST;
import static org.webims.sip.transaction.TestRequests.SENT_BY_PORT;
import static org.webims.sip.transaction.TestRequests.request;
import static org.webims.sip.transaction.TestRequests.response;

import org.junit.jupiter.api.Test;
import org.webims.sip.SipParseException;
import org.webims.sip.message.HeaderNames;
import org.webims.sip.message.SipRequest;
import org.webims.sip.message.SipResponse;

/** RFC 3261 §17.1.3 and §17.2.3: matching messages to transactions, and the table's life cycle. */
class TransactionLayerTest {

    private static final String BRANCH = "z9hG4bK74bf9";
    private static final SipRequest REGISTER = request(SipRequest.REGISTER, BRANCH);

    @Test
    void routesResponseToTransactionByTopViaBranchAndCSeqMethod() throws Exception {
        TransactionHarness h = TransactionHarness.overUdp();
        SipRequest options = request(SipRequest.OPTIONS, "z9hG4bKother");
        TransactionHarness.RecordingClientUser optionsUser = new TransactionHarness.RecordingClientUser();
        h.send(REGISTER);
        h.layer.sendRequest(options, h.transport, optionsUser);

        assertThat(h.receive(response(options, 200))).isTrue();

        assertThat(optionsUser.responses).hasSize(1);
        assertThat(h.clientUser.responses).isEmpty();
    }

    @Test
    void doesNotMatchResponseWhoseCSeqNamesAnotherMethod() throws Exception {
        TransactionHarness h = TransactionHarness.overUdp();
        h.send(REGISTER);
        SipResponse otherMethod = response(REGISTER, 200).toBuilder().setHeader(HeaderNames.CSEQ, "1 OPTIONS").build();

        assertThat(h.receive(otherMethod)).isFalse();

        assertThat(h.clientUser.responses).isEmpty();
    }

    @Test
    void doesNotMatchResponseWithAnotherBranch() throws Exception {
        TransactionHarness h = TransactionHarness.overUdp();
        h.send(REGISTER);

        assertThat(h.receive(response(request(SipRequest.REGISTER, "z9hG4bK74bf8"), 200))).isFalse();

        assertThat(h.clientUser.responses).isEmpty();
    }

    @Test
    void matchesBranchIgnoringCase() throws Exception {
        TransactionHarness h = TransactionHarness.overUdp();
        h.send(REGISTER);

        assertThat(h.receive(response(request(SipRequest.REGISTER, "Z9HG4BK74BF9"), 200))).isTrue();
    }

    @Test
    void routesRetransmittedRequestByBranchSentByAndMethod() throws Exception {
        TransactionHarness h = TransactionHarness.overUdp();
        h.receive(REGISTER);

        h.receive(request(SipRequest.REGISTER, BRANCH, SENT_BY_HOST, SENT_BY_PORT));

        assertThat(h.serverUser.transactions).hasSize(1);
    }

    @Test
    void startsNewServerTransactionForSameBranchFromAnotherSentBy() throws Exception {
        TransactionHarness h = TransactionHarness.overUdp();
        h.receive(REGISTER);

        h.receive(request(SipRequest.REGISTER, BRANCH, "192.0.2.99", SENT_BY_PORT));
        h.receive(request(SipRequest.REGISTER, BRANCH, SENT_BY_HOST, 5070));

        assertThat(h.serverUser.transactions).hasSize(3);
    }

    @Test
    void startsNewServerTransactionForSameBranchWithAnotherMethod() throws Exception {
        TransactionHarness h = TransactionHarness.overUdp();
        h.receive(REGISTER);

        h.receive(request(SipRequest.CANCEL, BRANCH));

        assertThat(h.serverUser.transactions).extracting(tx -> tx.request().method())
                .containsExactly(SipRequest.REGISTER, SipRequest.CANCEL);
    }

    @Test
    void startsNewServerTransactionWhenRequestArrivesAfterTimerJ() throws Exception {
        TransactionHarness h = TransactionHarness.overUdp();
        h.receive(REGISTER);
        h.serverTransaction(0).sendResponse(response(REGISTER, 200));
        h.clock.advance(32_000);

        h.receive(REGISTER);

        assertThat(h.serverUser.transactions).hasSize(2);
        assertThat(h.layer.size()).isEqualTo(1);
    }

    @Test
    void leavesInviteAckAndRequestsWithoutMagicCookieToCallerOfNonInviteLayer() throws Exception {
        TransactionHarness h = TransactionHarness.overUdp();
        TransactionLayer nonInvite = new TransactionLayer(h.clock, TransactionTimers.DEFAULT, h.serverUser);

        assertThat(nonInvite.receive(request(SipRequest.INVITE, BRANCH), h.transport)).isFalse();
        assertThat(nonInvite.receive(request(SipRequest.ACK, BRANCH), h.transport)).isFalse();
        assertThat(nonInvite.receive(request(SipRequest.REGISTER, "rfc2543-branch"), h.transport)).isFalse();
        assertThat(h.receive(request(SipRequest.INVITE, "rfc2543-branch"))).isFalse();

        assertThat(h.serverUser.transactions).isEmpty();
        assertThat(nonInvite.size()).isZero();
        assertThat(h.layer.size()).isZero();
    }

    @Test
    void refusesToSendInviteOrRequestWithoutBranchOrWithBranchInUse() throws Exception {
        TransactionHarness h = TransactionHarness.overUdp();
        SipRequest noBranch = REGISTER.toBuilder().setHeader(HeaderNames.VIA, "SIP/2.0/UDP 192.0.2.10:5060").build();
        h.send(REGISTER);

        assertThatThrownBy(() -> h.send(request(SipRequest.INVITE, "z9hG4bKinvite")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> h.send(noBranch)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> h.send(REGISTER)).isInstanceOf(IllegalArgumentException.class);
        assertThat(h.transport.sent).containsExactly(REGISTER);
    }

    @Test
    void reusesBranchOnceItsTransactionHasTerminated() throws Exception {
        TransactionHarness h = TransactionHarness.overReliableTransport();
        h.send(REGISTER);
        h.receive(response(REGISTER, 200));

        NonInviteClientTransaction again = h.send(REGISTER);

        assertThat(again.state()).isEqualTo(TransactionState.TRYING);
        assertThat(h.layer.size()).isEqualTo(1);
    }

    @Test
    void reportsUnparsableTopViaAsParseError() {
        TransactionHarness h = TransactionHarness.overUdp();
        SipRequest badVia = REGISTER.toBuilder().setHeader(HeaderNames.VIA, "SIP/2.0/UDP").build();

        assertThatThrownBy(() -> h.receive(badVia)).isInstanceOf(SipParseException.class);
        assertThat(h.layer.size()).isZero();
    }
}
