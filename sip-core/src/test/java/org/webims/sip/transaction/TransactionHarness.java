package org.webims.sip.transaction;

import org.webims.sip.testing.ManualTimerService;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.webims.sip.SipParseException;
import org.webims.sip.message.SipMessage;
import org.webims.sip.message.SipRequest;
import org.webims.sip.message.SipResponse;

/** One element's transaction layer on a virtual clock, with a recording transport and recording TUs. */
final class TransactionHarness {

    final ManualTimerService clock = new ManualTimerService();
    final RecordingTransport transport;
    final RecordingClientUser clientUser = new RecordingClientUser();
    final RecordingServerUser serverUser = new RecordingServerUser();
    final RecordingInviteUser inviteUser = new RecordingInviteUser();
    final TransactionLayer layer;

    private TransactionHarness(boolean reliable, TransactionTimers timers) {
        transport = new RecordingTransport(reliable);
        layer = new TransactionLayer(clock, timers, serverUser, inviteUser);
    }

    static TransactionHarness overUdp() {
        return new TransactionHarness(false, TransactionTimers.DEFAULT);
    }

    static TransactionHarness overReliableTransport() {
        return new TransactionHarness(true, TransactionTimers.DEFAULT);
    }

    static TransactionHarness overUdp(TransactionTimers timers) {
        return new TransactionHarness(false, timers);
    }

    NonInviteClientTransaction send(SipRequest request) throws SipParseException {
        return layer.sendRequest(request, transport, clientUser);
    }

    InviteClientTransaction sendInvite(SipRequest invite) throws SipParseException {
        return layer.sendInvite(invite, transport, clientUser);
    }

    boolean receive(SipMessage message) throws SipParseException {
        return layer.receive(message, transport);
    }

    /** Checks that {@code tx} stays Completed for {@code wait} ms (Timer J, K or D), then is Terminated. */
    void assertCompletedFor(long wait, Transaction tx) {
        assertStaysFor(wait, TransactionState.COMPLETED, tx);
    }

    /** Checks that {@code tx} stays in {@code state} for {@code wait} ms, then is Terminated. */
    void assertStaysFor(long wait, int state, Transaction tx) {
        clock.advance(wait - 1);
        assertThat(tx.state()).isEqualTo(state);
        assertThat(layer.size()).isEqualTo(1);
        clock.advance(1);
        assertTerminatedAndForgotten(tx);
    }

    /** Checks that {@code tx} is Terminated, out of the layer, and has no timer left. */
    void assertTerminatedAndForgotten(Transaction tx) {
        assertThat(tx.state()).isEqualTo(TransactionState.TERMINATED);
        assertThat(layer.size()).isZero();
        assertThat(clock.pending()).isZero();
    }

    /** The server transaction the n-th new request made. */
    NonInviteServerTransaction serverTransaction(int n) {
        return serverUser.transactions.get(n);
    }

    /** The INVITE server transaction the n-th new INVITE made. */
    InviteServerTransaction inviteTransaction(int n) {
        return inviteUser.transactions.get(n);
    }

    /** Status codes of the responses sent, in order. */
    List<Integer> sentStatusCodes() {
        List<Integer> codes = new ArrayList<>();
        for (SipMessage m : transport.sent) {
            if (!m.isRequest()) {
                codes.add(((SipResponse) m).statusCode());
            }
        }
        return codes;
    }

    /** Records what is sent and when; fails every send once told to. */
    final class RecordingTransport implements Transport {
        final List<SipMessage> sent = new ArrayList<>();
        final List<Long> sendTimes = new ArrayList<>();
        private final boolean reliable;
        private boolean failing;

        RecordingTransport(boolean reliable) {
            this.reliable = reliable;
        }

        void failFromNowOn() {
            failing = true;
        }

        @Override
        public boolean isReliable() {
            return reliable;
        }

        @Override
        public void send(SipMessage message) throws TransportException {
            if (failing) {
                throw new TransportException("connection closed");
            }
            sent.add(message);
            sendTimes.add(clock.now());
        }
    }

    /** Records what a client transaction tells its TU. */
    static final class RecordingClientUser implements ClientTransactionUser {
        final List<SipResponse> responses = new ArrayList<>();
        final List<TransportException> transportErrors = new ArrayList<>();
        int timeouts;

        @Override
        public void onResponse(SipResponse response) {
            responses.add(response);
        }

        @Override
        public void onTimeout() {
            timeouts++;
        }

        @Override
        public void onTransportError(TransportException error) {
            transportErrors.add(error);
        }
    }

    /** Records new server transactions; answers at once with {@link #answerAtOnce} set. */
    static final class RecordingServerUser implements ServerTransactionUser {
        final List<NonInviteServerTransaction> transactions = new ArrayList<>();
        final List<TransportException> transportErrors = new ArrayList<>();
        int answerAtOnce;

        @Override
        public void onRequest(NonInviteServerTransaction transaction) {
            transactions.add(transaction);
            if (answerAtOnce != 0) {
                transaction.sendResponse(TestRequests.response(transaction.request(), answerAtOnce));
            }
        }

        @Override
        public void onTransportError(NonInviteServerTransaction transaction, TransportException error) {
            transportErrors.add(error);
        }
    }

    /** Records what INVITE server transactions tell their TU; answers at once with {@link #answerAtOnce} set. */
    static final class RecordingInviteUser implements InviteServerTransactionUser {
        final List<InviteServerTransaction> transactions = new ArrayList<>();
        final List<SipRequest> acks = new ArrayList<>();
        final List<InviteServerTransaction> timeouts = new ArrayList<>();
        final List<TransportException> transportErrors = new ArrayList<>();
        int answerAtOnce;

        @Override
        public void onInvite(InviteServerTransaction transaction) {
            transactions.add(transaction);
            if (answerAtOnce != 0) {
                transaction.sendResponse(TestRequests.response(transaction.request(), answerAtOnce));
            }
        }

        @Override
        public void onAck(SipRequest ack, Transport transport) {
            acks.add(ack);
        }

        @Override
        public void onTimeout(InviteServerTransaction transaction) {
            timeouts.add(transaction);
        }

        @Override
        public void onTransportError(InviteServerTransaction transaction, TransportException error) {
            transportErrors.add(error);
        }
    }
}
