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
import org.webims.sip.uri.SipUri;

/** RFC 3261 §12.1: dialog state on both sides, and early/confirmed/terminated. */
class DialogCreationTest {

    @Test
    void uacRouteSetIsRecordRouteOfResponseReversedPer12_1_2() throws Exception {
        Dialog d = Dialog.asUac(invite(), answer(invite(), 200));

        assertThat(d.routeSet().routes()).extracting(a -> a.uri().toString())
                .containsExactly("sip:p1.atlanta.example.com;lr", "sip:p2.biloxi.example.com;lr");
        assertThat(d.id()).isEqualTo(DialogId.of(CALL_ID, ALICE_TAG, BOB_TAG));
        assertThat(d.remoteTarget().toString()).isEqualTo(BOB_CONTACT);
        assertThat(d.localSequence()).isEqualTo(INVITE_SEQ);
        assertThat(d.remoteSequence()).isEqualTo(-1);
        assertThat(d.localUri().uri().toString()).isEqualTo("sip:alice@atlanta.example.com");
        assertThat(d.remoteUri().uri().toString()).isEqualTo("sip:bob@biloxi.example.com");
        assertThat(d.state()).isEqualTo(DialogState.CONFIRMED);
        assertThat(d.isSecure()).isFalse();
    }

    @Test
    void uasRouteSetIsRecordRouteOfRequestInOrderPer12_1_1() throws Exception {
        Dialog d = Dialog.asUas(invite(), answer(invite(), 200));

        assertThat(d.routeSet().routes()).extracting(a -> a.uri().toString())
                .containsExactly("sip:p2.biloxi.example.com;lr", "sip:p1.atlanta.example.com;lr");
        assertThat(d.id()).isEqualTo(DialogId.of(CALL_ID, BOB_TAG, ALICE_TAG));
        assertThat(d.remoteTarget().toString()).isEqualTo(ALICE_CONTACT);
        assertThat(d.remoteSequence()).isEqualTo(INVITE_SEQ);
        assertThat(d.localSequence()).isEqualTo(-1);
        assertThat(d.localUri().uri().toString()).isEqualTo("sip:bob@biloxi.example.com");
        assertThat(d.remoteUri().uri().toString()).isEqualTo("sip:alice@atlanta.example.com");
    }

    @Test
    void secureFlagIsSetWhenRequestUriIsSipsPer12_1_2() throws Exception {
        SipRequest sips = invite().toBuilder()
                .requestUri(SipUri.builder().secure(true).user("bob").host("biloxi.example.com").build()).build();

        assertThat(Dialog.asUac(sips, answer(sips, 200)).isSecure()).isTrue();
        assertThat(Dialog.asUas(sips, answer(sips, 200)).isSecure()).isTrue();
    }

    @Test
    void provisionalWithTagMakesEarlyDialogThat2xxConfirmsPer12_1() throws Exception {
        SipResponse ringing = answer(invite(), 180).toBuilder().removeHeader(HeaderNames.RECORD_ROUTE)
                .removeHeader(HeaderNames.CONTACT).build();
        Dialog d = Dialog.asUac(invite(), ringing);
        assertThat(d.state()).isEqualTo(DialogState.EARLY);
        // No Contact in the 180: the Request-URI stands in until the 2xx brings one.
        assertThat(d.remoteTarget().toString()).isEqualTo("sip:bob@biloxi.example.com");

        d.onResponseReceived(answer(invite(), 200));

        assertThat(d.state()).isEqualTo(DialogState.CONFIRMED);
        // §13.2.2.4: the route set is recomputed from the 2xx that confirms the dialog.
        assertThat(d.routeSet().routes()).hasSize(2);
        assertThat(d.remoteTarget().toString()).isEqualTo(BOB_CONTACT);
    }

    @Test
    void nonSuccessFinalResponseTerminatesEarlyDialogPer12_3() throws Exception {
        Dialog d = Dialog.asUac(invite(), answer(invite(), 180));

        d.onResponseReceived(answer(invite(), 486));

        assertThat(d.state()).isEqualTo(DialogState.TERMINATED);
    }

    @Test
    void finalResponseToAnotherRequestDoesNotEndEarlyDialog() throws Exception {
        // A PRACK or UPDATE answered inside the early dialog is not the INVITE's final response.
        Dialog d = Dialog.asUac(invite(), answer(invite(), 180));
        SipRequest update = d.newRequest("UPDATE").build();

        d.onResponseReceived(SipResponse.to(update, 488, null).build());

        assertThat(d.state()).isEqualTo(DialogState.EARLY);
    }

    @Test
    void uasEarlyDialogIsConfirmedOrTerminatedByTheFinalResponseItSends() throws Exception {
        Dialog confirmed = Dialog.asUas(invite(), answer(invite(), 183));
        Dialog rejected = Dialog.asUas(invite(), answer(invite(), 183));
        assertThat(confirmed.state()).isEqualTo(DialogState.EARLY);

        confirmed.onResponseSent(answer(invite(), 200));
        rejected.onResponseSent(answer(invite(), 603));

        assertThat(confirmed.state()).isEqualTo(DialogState.CONFIRMED);
        assertThat(rejected.state()).isEqualTo(DialogState.TERMINATED);
    }

    @Test
    void responseWithoutToTagCreatesNoDialog() {
        SipResponse noTag = SipResponse.to(invite(), 180, null).build();

        assertThatThrownBy(() -> Dialog.asUac(invite(), noTag)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void dialogIdIsSeenFromEachSide() throws Exception {
        DialogId alice = Dialog.asUac(invite(), answer(invite(), 200)).id();
        DialogId bob = Dialog.asUas(invite(), answer(invite(), 200)).id();

        assertThat(alice).isNotEqualTo(bob);
        assertThat(alice.localTag()).isEqualTo(bob.remoteTag());
        assertThat(alice.remoteTag()).isEqualTo(bob.localTag());
    }
}
