package org.webims.sip.dialog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.webims.sip.dialog.TestDialogs.ALICE_CONTACT;
import static org.webims.sip.dialog.TestDialogs.ALICE_TAG;
import static org.webims.sip.dialog.TestDialogs.BOB_CONTACT;
import static org.webims.sip.dialog.TestDialogs.BOB_TAG;
import static org.webims.sip.dialog.TestDialogs.CALL_ID;
import static org.webims.sip.dialog.TestDialogs.INVITE_SEQ;
import static org.webims.sip.dialog.TestDialogs.answer;
import static org.webims.sip.dialog.TestDialogs.invite;

import org.junit.jupiter.api.Test;
import org.webims.sip.message.HeaderNames;
import org.webims.sip.message.SipRequest;
import org.webims.sip.message.SipResponse;

/** RFC 3261 §12.2.1.1: Request-URI, Route, tags and CSeq of requests sent inside a dialog. */
class InDialogRequestTest {

    @Test
    void looseRoutingSendsToRemoteTargetWithRouteSetAsRoutePer12_2_1_1() throws Exception {
        Dialog alice = Dialog.asUac(invite(), answer(invite(), 200));

        SipRequest bye = alice.newRequest(SipRequest.BYE).build();

        assertThat(bye.requestUri().toString()).isEqualTo(BOB_CONTACT);
        assertThat(bye.headerLines(HeaderNames.ROUTE))
                .containsExactly("<sip:p1.atlanta.example.com;lr>", "<sip:p2.biloxi.example.com;lr>");
        assertThat(bye.from().tag()).isEqualTo(ALICE_TAG);
        assertThat(bye.to().tag()).isEqualTo(BOB_TAG);
        assertThat(bye.callId()).isEqualTo(CALL_ID);
        assertThat(bye.hasHeader(HeaderNames.VIA)).as("the transaction layer adds Via").isFalse();
    }

    @Test
    void uasSendsThroughRecordRouteInReceivedOrderPer12_1_1() throws Exception {
        Dialog bob = Dialog.asUas(invite(), answer(invite(), 200));

        SipRequest bye = bob.newRequest(SipRequest.BYE).build();

        assertThat(bye.requestUri().toString()).isEqualTo(ALICE_CONTACT);
        assertThat(bye.headerLines(HeaderNames.ROUTE))
                .containsExactly("<sip:p2.biloxi.example.com;lr>", "<sip:p1.atlanta.example.com;lr>");
        assertThat(bye.from().tag()).isEqualTo(BOB_TAG);
        assertThat(bye.to().tag()).isEqualTo(ALICE_TAG);
    }

    @Test
    void strictRoutingPutsFirstRouteInRequestUriAndRemoteTargetLastPer12_2_1_1() throws Exception {
        // Alice's side: the 2xx lists the strict router (no lr) last, so it comes first after reversal.
        SipResponse ok = answer(invite(), 200).toBuilder().removeHeader(HeaderNames.RECORD_ROUTE)
                .header(HeaderNames.RECORD_ROUTE, "<sip:p2.biloxi.example.com;lr>")
                .header(HeaderNames.RECORD_ROUTE, "<sip:strict.atlanta.example.com;maddr=192.0.2.9;method=INVITE>")
                .build();
        Dialog alice = Dialog.asUac(invite(), ok);

        SipRequest bye = alice.newRequest(SipRequest.BYE).build();

        // §19.1.1 Table 1: maddr may stay in a Request-URI, method may not.
        assertThat(bye.requestUri().toString()).isEqualTo("sip:strict.atlanta.example.com;maddr=192.0.2.9");
        assertThat(bye.headerLines(HeaderNames.ROUTE))
                .containsExactly("<sip:p2.biloxi.example.com;lr>", "<" + BOB_CONTACT + ">");
    }

    @Test
    void emptyRouteSetSendsToRemoteTargetWithoutRoute() throws Exception {
        SipRequest direct = invite().toBuilder().removeHeader(HeaderNames.RECORD_ROUTE).build();
        SipResponse ok = answer(direct, 200).toBuilder().removeHeader(HeaderNames.RECORD_ROUTE).build();

        SipRequest bye = Dialog.asUac(direct, ok).newRequest(SipRequest.BYE).build();

        assertThat(bye.requestUri().toString()).isEqualTo(BOB_CONTACT);
        assertThat(bye.hasHeader(HeaderNames.ROUTE)).isFalse();
    }

    @Test
    void localCSeqIncreasesByOnePerRequestPer12_2_1_1() throws Exception {
        Dialog alice = Dialog.asUac(invite(), answer(invite(), 200));

        SipRequest info = alice.newRequest("INFO").build();
        SipRequest bye = alice.newRequest(SipRequest.BYE).build();

        assertThat(info.cseq().sequence()).isEqualTo(INVITE_SEQ + 1);
        assertThat(info.cseq().method()).isEqualTo("INFO");
        assertThat(bye.cseq().sequence()).isEqualTo(INVITE_SEQ + 2);
        assertThat(alice.localSequence()).isEqualTo(INVITE_SEQ + 2);
    }

    @Test
    void uasWithEmptyLocalCSeqStartsAtOne() throws Exception {
        Dialog bob = Dialog.asUas(invite(), answer(invite(), 200));

        assertThat(bob.newRequest(SipRequest.BYE).build().cseq().sequence()).isEqualTo(1);
    }

    @Test
    void ackFor2xxReusesInviteCSeqNumberAndDoesNotAdvancePer13_2_2_4() throws Exception {
        Dialog alice = Dialog.asUac(invite(), answer(invite(), 200));

        SipRequest ack = alice.ackFor2xx(INVITE_SEQ).build();

        assertThat(ack.method()).isEqualTo(SipRequest.ACK);
        assertThat(ack.cseq().sequence()).isEqualTo(INVITE_SEQ);
        assertThat(ack.cseq().method()).isEqualTo(SipRequest.ACK);
        assertThat(ack.requestUri().toString()).isEqualTo(BOB_CONTACT);
        assertThat(ack.headerLines(HeaderNames.ROUTE)).hasSize(2);
        assertThat(alice.newRequest(SipRequest.BYE).build().cseq().sequence()).isEqualTo(INVITE_SEQ + 1);
    }

    @Test
    void ackAndCancelAreNotNewRequestsPer9_1() throws Exception {
        Dialog alice = Dialog.asUac(invite(), answer(invite(), 200));

        assertThatThrownBy(() -> alice.newRequest(SipRequest.ACK)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> alice.newRequest(SipRequest.CANCEL)).isInstanceOf(IllegalArgumentException.class);
        assertThat(alice.localSequence()).isEqualTo(INVITE_SEQ);
    }

    @Test
    void builtRequestPassesValidation() throws Exception {
        SipRequest bye = Dialog.asUac(invite(), answer(invite(), 200)).newRequest(SipRequest.BYE)
                .header(HeaderNames.VIA, "SIP/2.0/UDP pc33.atlanta.example.com;branch=z9hG4bKnashds7").build();

        bye.validate();
        assertThat(bye.maxForwards()).isEqualTo(70);
    }
}
