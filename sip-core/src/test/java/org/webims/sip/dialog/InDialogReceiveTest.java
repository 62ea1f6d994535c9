package org.webims.sip.dialog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.webims.sip.dialog.TestDialogs.BOB_CONTACT;
import static org.webims.sip.dialog.TestDialogs.INVITE_SEQ;
import static org.webims.sip.dialog.TestDialogs.answer;
import static org.webims.sip.dialog.TestDialogs.invite;

import org.junit.jupiter.api.Test;
import org.webims.sip.message.HeaderNames;
import org.webims.sip.message.SipRequest;
import org.webims.sip.message.SipResponse;

/** RFC 3261 §12.2.2 (and §12.2.1.2): requests and responses received inside a dialog. */
class InDialogReceiveTest {

    /** A request Alice sends in her dialog with Bob, as Bob receives it. */
    private static SipRequest fromAlice(Dialog alice, String method) {
        return alice.newRequest(method)
                .header(HeaderNames.VIA, "SIP/2.0/UDP pc33.atlanta.example.com;branch=z9hG4bK" + method)
                .build();
    }

    @Test
    void higherCSeqIsAcceptedAndBecomesRemoteCSeqPer12_2_2() throws Exception {
        Dialog alice = Dialog.asUac(invite(), answer(invite(), 200));
        Dialog bob = Dialog.asUas(invite(), answer(invite(), 200));

        assertThat(bob.receive(fromAlice(alice, "INFO"))).isEqualTo(InDialogVerdict.ACCEPT);
        assertThat(bob.remoteSequence()).isEqualTo(INVITE_SEQ + 1);
    }

    @Test
    void lowerCSeqIsOutOfOrderAndAnswered500Per12_2_2() throws Exception {
        Dialog alice = Dialog.asUac(invite(), answer(invite(), 200));
        Dialog bob = Dialog.asUas(invite(), answer(invite(), 200));
        SipRequest first = fromAlice(alice, "INFO");
        SipRequest second = fromAlice(alice, "INFO");
        assertThat(bob.receive(second)).isEqualTo(InDialogVerdict.ACCEPT);

        int verdict = bob.receive(first);

        assertThat(verdict).isEqualTo(InDialogVerdict.OUT_OF_ORDER);
        assertThat(verdict).isEqualTo(500);
        assertThat(bob.remoteSequence()).isEqualTo(INVITE_SEQ + 2);
    }

    @Test
    void ackFor2xxWithTheInviteCSeqIsAccepted() throws Exception {
        Dialog alice = Dialog.asUac(invite(), answer(invite(), 200));
        Dialog bob = Dialog.asUas(invite(), answer(invite(), 200));
        SipRequest ack = alice.ackFor2xx(INVITE_SEQ)
                .header(HeaderNames.VIA, "SIP/2.0/UDP pc33.atlanta.example.com;branch=z9hG4bKack").build();

        assertThat(bob.receive(ack)).isEqualTo(InDialogVerdict.ACCEPT);
    }

    @Test
    void targetRefreshUpdatesRemoteTargetButNotRouteSetPer12_2_2() throws Exception {
        Dialog alice = Dialog.asUac(invite(), answer(invite(), 200));
        Dialog bob = Dialog.asUas(invite(), answer(invite(), 200));
        RouteSet before = bob.routeSet();
        SipRequest reInvite = alice.newRequest(SipRequest.INVITE)
                .header(HeaderNames.VIA, "SIP/2.0/UDP pc33.atlanta.example.com;branch=z9hG4bKre")
                .header(HeaderNames.RECORD_ROUTE, "<sip:other-proxy.example.com;lr>")
                .header(HeaderNames.CONTACT, "<sip:alice@198.51.100.7:5070>")
                .build();

        assertThat(bob.receive(reInvite)).isEqualTo(InDialogVerdict.ACCEPT);

        assertThat(bob.remoteTarget().toString()).isEqualTo("sip:alice@198.51.100.7:5070");
        assertThat(bob.routeSet()).isEqualTo(before);
        assertThat(bob.newRequest(SipRequest.BYE).build().requestUri().toString())
                .isEqualTo("sip:alice@198.51.100.7:5070");
    }

    @Test
    void nonTargetRefreshContactIsIgnored() throws Exception {
        Dialog alice = Dialog.asUac(invite(), answer(invite(), 200));
        Dialog bob = Dialog.asUas(invite(), answer(invite(), 200));
        SipRequest info = alice.newRequest("INFO")
                .header(HeaderNames.VIA, "SIP/2.0/UDP pc33.atlanta.example.com;branch=z9hG4bKinfo")
                .header(HeaderNames.CONTACT, "<sip:alice@198.51.100.7:5070>")
                .build();

        bob.receive(info);

        assertThat(bob.remoteTarget().toString()).isEqualTo(TestDialogs.ALICE_CONTACT);
    }

    @Test
    void twoHundredToTargetRefreshUpdatesRemoteTargetButNotRouteSetPer12_2_1_2() throws Exception {
        Dialog alice = Dialog.asUac(invite(), answer(invite(), 200));
        RouteSet before = alice.routeSet();
        SipRequest update = alice.newRequest("UPDATE").build();
        SipResponse ok = SipResponse.to(update, 200, null)
                .header(HeaderNames.RECORD_ROUTE, "<sip:other-proxy.example.com;lr>")
                .header(HeaderNames.CONTACT, "<sip:bob@203.0.113.5>").build();

        alice.onResponseReceived(ok);

        assertThat(alice.remoteTarget().toString()).isEqualTo("sip:bob@203.0.113.5");
        assertThat(alice.routeSet()).isEqualTo(before);
    }

    @Test
    void errorToTargetRefreshKeepsRemoteTarget() throws Exception {
        Dialog alice = Dialog.asUac(invite(), answer(invite(), 200));
        SipRequest reInvite = alice.newRequest(SipRequest.INVITE).build();

        alice.onResponseReceived(SipResponse.to(reInvite, 491, null)
                .header(HeaderNames.CONTACT, "<sip:bob@203.0.113.5>").build());

        assertThat(alice.remoteTarget().toString()).isEqualTo(BOB_CONTACT);
    }

    @Test
    void terminatedDialogAnswers481() throws Exception {
        Dialog alice = Dialog.asUac(invite(), answer(invite(), 200));
        Dialog bob = Dialog.asUas(invite(), answer(invite(), 200));
        bob.terminate();

        assertThat(bob.receive(fromAlice(alice, SipRequest.BYE))).isEqualTo(InDialogVerdict.UNKNOWN_DIALOG);
        assertThat(InDialogVerdict.UNKNOWN_DIALOG).isEqualTo(481);
    }
}
