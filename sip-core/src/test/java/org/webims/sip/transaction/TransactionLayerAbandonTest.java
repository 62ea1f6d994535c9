package org.webims.sip.transaction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.webims.sip.transaction.TestRequests.request;
import static org.webims.sip.transaction.TestRequests.response;

import org.junit.jupiter.api.Test;
import org.webims.sip.message.SipMessage;
import org.webims.sip.message.SipRequest;

/**
 * {@link TransactionLayer#abandon}: the element itself closed a connection (the WIC's WebSocket, a
 * flow torn down), so every transaction on it ends with its timers and no TU callback (issue 13).
 */
class TransactionLayerAbandonTest {

    @Test
    void endsEveryTransactionOnTheTransportWithItsTimersAndTellsNoTu() throws Exception {
        TransactionHarness h = TransactionHarness.overUdp();
        NonInviteClientTransaction client = h.send(request(SipRequest.REGISTER, "z9hG4bKab1"));
        InviteClientTransaction invite = h.sendInvite(request(SipRequest.INVITE, "z9hG4bKab2"));
        h.receive(request(SipRequest.NOTIFY, "z9hG4bKab3"));
        h.serverTransaction(0).sendResponse(response(h.serverTransaction(0).request(), 200));
        h.receive(request(SipRequest.INVITE, "z9hG4bKab4"));

        h.layer.abandon(h.transport);

        assertThat(client.isTerminated()).isTrue();
        assertThat(invite.isTerminated()).isTrue();
        assertThat(h.serverTransaction(0).isTerminated()).isTrue();
        assertThat(h.inviteTransaction(0).isTerminated()).isTrue();
        assertThat(h.layer.size()).isZero();
        assertThat(h.clock.pending()).isZero();
        h.clock.advance(64 * TransactionTimers.DEFAULT_T1);
        assertThat(h.clientUser.timeouts).isZero();
        assertThat(h.clientUser.responses).isEmpty();
        // A late response finds no transaction.
        assertThat(h.receive(response(client.request(), 200))).isFalse();
    }

    @Test
    void leavesTransactionsOnOtherTransportsRunning() throws Exception {
        TransactionHarness h = TransactionHarness.overReliableTransport();
        NonInviteClientTransaction kept = h.send(request(SipRequest.REGISTER, "z9hG4bKkept"));
        Transport other = new Transport() {
            @Override
            public boolean isReliable() {
                return true;
            }

            @Override
            public void send(SipMessage message) {
            }
        };
        NonInviteClientTransaction gone =
            h.layer.sendRequest(request(SipRequest.OPTIONS, "z9hG4bKgone"), other, h.clientUser);

        h.layer.abandon(other);

        assertThat(gone.isTerminated()).isTrue();
        assertThat(kept.isTerminated()).isFalse();
        assertThat(h.receive(response(kept.request(), 200))).isTrue();
        assertThat(h.clientUser.responses).hasSize(1);
    }
}
