package org.webims.sip.dialog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.webims.sip.dialog.TestDialogs.answer;
import static org.webims.sip.dialog.TestDialogs.invite;

import org.junit.jupiter.api.Test;
import org.webims.sip.message.HeaderNames;
import org.webims.sip.message.SipRequest;
import org.webims.sip.message.SipResponse;

/** RFC 3261 §12.2.2: finding the dialog of an incoming request or response by its tags. */
class DialogsTest {

    private static SipRequest withVia(SipRequest.Builder b) {
        return b.header(HeaderNames.VIA, "SIP/2.0/UDP 192.0.2.1;branch=z9hG4bKdlg").build();
    }

    @Test
    void findsDialogOfRequestByToTagAsLocalAndFromTagAsRemote() throws Exception {
        Dialog alice = Dialog.asUac(invite(), answer(invite(), 200));
        Dialog bob = Dialog.asUas(invite(), answer(invite(), 200));
        Dialogs bobs = new Dialogs();
        bobs.add(bob);

        SipRequest bye = withVia(alice.newRequest(SipRequest.BYE));

        assertThat(bobs.forRequest(bye)).isSameAs(bob);
        assertThat(bobs.receive(bye)).isEqualTo(InDialogVerdict.ACCEPT);
    }

    @Test
    void findsDialogOfResponseByFromTagAsLocalAndToTagAsRemote() throws Exception {
        Dialog alice = Dialog.asUac(invite(), answer(invite(), 200));
        Dialogs alices = new Dialogs();
        alices.add(alice);
        SipRequest info = withVia(alice.newRequest("INFO"));

        assertThat(alices.forResponse(SipResponse.to(info, 200, null).build())).isSameAs(alice);
    }

    @Test
    void unknownDialogIsAnswered481Per12_2_2() throws Exception {
        Dialog alice = Dialog.asUac(invite(), answer(invite(), 200));
        Dialogs bobs = new Dialogs();
        bobs.add(Dialog.asUas(invite(), answer(invite(), 200)));
        SipRequest wrongTag = withVia(alice.newRequest(SipRequest.BYE))
                .toBuilder().replaceFirstHeader(HeaderNames.TO, "<sip:bob@biloxi.example.com>;tag=gone").build();

        assertThat(bobs.forRequest(wrongTag)).isNull();
        assertThat(bobs.receive(wrongTag)).isEqualTo(InDialogVerdict.UNKNOWN_DIALOG);
        assertThat(bobs.receive(wrongTag)).isEqualTo(481);
    }

    @Test
    void removedDialogIsUnknown() throws Exception {
        Dialog alice = Dialog.asUac(invite(), answer(invite(), 200));
        Dialog bob = Dialog.asUas(invite(), answer(invite(), 200));
        Dialogs bobs = new Dialogs();
        bobs.add(bob);

        assertThat(bobs.remove(bob.id())).isSameAs(bob);

        assertThat(bobs.receive(withVia(alice.newRequest(SipRequest.BYE)))).isEqualTo(InDialogVerdict.UNKNOWN_DIALOG);
        assertThat(bobs.size()).isZero();
    }

    @Test
    void requestWithoutToTagMatchesNoDialog() throws Exception {
        Dialogs bobs = new Dialogs();
        bobs.add(Dialog.asUas(invite(), answer(invite(), 200)));

        assertThat(bobs.forRequest(invite())).isNull();
    }

    @Test
    void sameDialogTwiceIsRejected() throws Exception {
        Dialogs bobs = new Dialogs();
        bobs.add(Dialog.asUas(invite(), answer(invite(), 200)));

        assertThatThrownBy(() -> bobs.add(Dialog.asUas(invite(), answer(invite(), 200))))
                .isInstanceOf(IllegalStateException.class);
    }
}
