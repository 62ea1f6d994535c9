package org.webims.sip.transaction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.webims.sip.transaction.TestRequests.request;
import static org.webims.sip.transaction.TestRequests.response;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.webims.sip.SipParseException;
import org.webims.sip.message.SipRequest;
import org.webims.sip.message.SipResponse;

/** RFC 3261 §17.1.2: the non-INVITE client transaction on a virtual clock. */
class NonInviteClientTransactionTest {

    private static final SipRequest REGISTER = request(SipRequest.REGISTER, "z9hG4bK776asdhds");

    @Test
    void retransmitsRequestAtDoublingIntervalsCappedAtT2OverUdp() throws Exception {
        TransactionHarness h = TransactionHarness.overUdp();
        h.send(REGISTER);

        h.clock.advance(31_999);

        assertThat(h.transport.sendTimes)
                .containsExactly(0L, 500L, 1500L, 3500L, 7500L, 11500L, 15500L, 19500L, 23500L, 27500L, 31500L);
        assertThat(h.transport.sent).containsOnly(REGISTER);
    }

    @Test
    void retransmitsOnConfiguredT1AndT2() throws Exception {
        TransactionHarness h = TransactionHarness.overUdp(TransactionTimers.builder().t1(100).t2(300).build());
        h.send(REGISTER);

        h.clock.advance(1_000);

        assertThat(h.transport.sendTimes).containsExactly(0L, 100L, 300L, 600L, 900L);
    }

    @Test
    void neverRetransmitsRequestOverReliableTransport() throws Exception {
        TransactionHarness h = TransactionHarness.overReliableTransport();
        h.send(REGISTER);

        h.clock.advance(31_999);

        assertThat(h.transport.sendTimes).containsExactly(0L);
    }

    @ParameterizedTest(name = "reliable={0}")
    @ValueSource(booleans = {false, true})
    void reportsTimeoutAndTerminatesWhenTimerFFiresAt64T1(boolean reliable) throws Exception {
        TransactionHarness h = reliable ? TransactionHarness.overReliableTransport() : TransactionHarness.overUdp();
        NonInviteClientTransaction tx = h.send(REGISTER);

        h.clock.advance(31_999);
        assertThat(h.clientUser.timeouts).isZero();
        assertThat(tx.state()).isEqualTo(TransactionState.TRYING);

        h.clock.advance(1);
        assertThat(h.clientUser.timeouts).isEqualTo(1);
        h.assertTerminatedAndForgotten(tx);
    }

    @Test
    void timesOutAt64T1EvenWhenProceeding() throws Exception {
        TransactionHarness h = TransactionHarness.overUdp();
        NonInviteClientTransaction tx = h.send(REGISTER);
        h.receive(response(REGISTER, 100));

        h.clock.advance(32_000);

        assertThat(h.clientUser.timeouts).isEqualTo(1);
        assertThat(tx.isTerminated()).isTrue();
    }

    @Test
    void passesProvisionalResponsesToUserAndMovesToProceeding() throws Exception {
        TransactionHarness h = TransactionHarness.overUdp();
        NonInviteClientTransaction tx = h.send(REGISTER);

        h.receive(response(REGISTER, 100));
        h.receive(response(REGISTER, 100));

        assertThat(tx.state()).isEqualTo(TransactionState.PROCEEDING);
        assertThat(h.clientUser.responses).extracting(r -> r.statusCode()).containsExactly(100, 100);
    }

    @Test
    void retransmitsEveryT2OnceProceeding() throws Exception {
        TransactionHarness h = TransactionHarness.overUdp();
        h.send(REGISTER);
        h.clock.advance(600);

        h.receive(response(REGISTER, 100));
        h.clock.advance(13_400);

        // Timer E armed in Trying still fires at 1500; from then on it is T2.
        assertThat(h.transport.sendTimes).containsExactly(0L, 500L, 1500L, 5500L, 9500L, 13500L);
    }

    @Test
    void passesFirstFinalResponseToUserAndAbsorbsLaterResponsesInCompleted() throws Exception {
        TransactionHarness h = TransactionHarness.overUdp();
        NonInviteClientTransaction tx = h.send(REGISTER);
        h.receive(response(REGISTER, 100));

        h.receive(response(REGISTER, 401));
        assertThat(h.receive(response(REGISTER, 401))).isTrue();
        h.receive(response(REGISTER, 100));
        h.receive(response(REGISTER, 200));

        assertThat(tx.state()).isEqualTo(TransactionState.COMPLETED);
        assertThat(h.clientUser.responses).extracting(r -> r.statusCode()).containsExactly(100, 401);
    }

    @Test
    void stopsRetransmittingAndNeverTimesOutOnceCompleted() throws Exception {
        TransactionHarness h = TransactionHarness.overUdp();
        h.send(REGISTER);
        h.clock.advance(600);

        h.receive(response(REGISTER, 200));
        h.clock.advance(60_000);

        assertThat(h.transport.sendTimes).containsExactly(0L, 500L);
        assertThat(h.clientUser.timeouts).isZero();
    }

    @Test
    void staysCompletedForT4OverUdpThenTerminates() throws Exception {
        TransactionHarness h = TransactionHarness.overUdp();
        NonInviteClientTransaction tx = h.send(REGISTER);
        h.clock.advance(1_000);
        h.receive(response(REGISTER, 200));

        h.assertCompletedFor(5_000, tx);
    }

    @Test
    void terminatesAtOnceOnFinalResponseOverReliableTransport() throws Exception {
        TransactionHarness h = TransactionHarness.overReliableTransport();
        NonInviteClientTransaction tx = h.send(REGISTER);

        h.receive(response(REGISTER, 200));

        h.assertTerminatedAndForgotten(tx);
        assertThat(h.clientUser.responses).hasSize(1);
        assertThat(h.receive(response(REGISTER, 200))).isFalse();
    }

    @Test
    void reportsTransportErrorAndTerminatesWhenRequestCannotBeSent() throws Exception {
        TransactionHarness h = TransactionHarness.overUdp();
        h.transport.failFromNowOn();

        NonInviteClientTransaction tx = h.send(REGISTER);

        assertThat(h.clientUser.transportErrors).hasSize(1);
        h.assertTerminatedAndForgotten(tx);
    }

    @Test
    void reportsTransportErrorAndTerminatesWhenRetransmissionCannotBeSent() throws Exception {
        TransactionHarness h = TransactionHarness.overUdp();
        NonInviteClientTransaction tx = h.send(REGISTER);
        h.transport.failFromNowOn();

        h.clock.advance(60_000);

        assertThat(h.clientUser.transportErrors).hasSize(1);
        assertThat(h.clientUser.timeouts).isZero();
        h.assertTerminatedAndForgotten(tx);
    }

    @Test
    void letsUserStartNextTransactionFromOnResponse() throws Exception {
        TransactionHarness h = TransactionHarness.overReliableTransport();
        SipRequest retry = request(SipRequest.REGISTER, "z9hG4bKretry");
        h.layer.sendRequest(REGISTER, h.transport, new ClientTransactionUser() {
            @Override
            public void onResponse(SipResponse response) {
                try {
                    h.send(retry);
                } catch (SipParseException e) {
                    throw new AssertionError(e);
                }
            }

            @Override
            public void onTimeout() {
            }

            @Override
            public void onTransportError(TransportException error) {
            }
        });

        h.receive(response(REGISTER, 401));

        assertThat(h.transport.sent).containsExactly(REGISTER, retry);
        assertThat(h.layer.size()).isEqualTo(1);
    }
}
