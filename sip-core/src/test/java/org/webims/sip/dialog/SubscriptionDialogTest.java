package org.webims.sip.dialog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.webims.sip.message.HeaderNames;
import org.webims.sip.message.SipRequest;
import org.webims.sip.message.SipResponse;
import org.webims.sip.uri.SipUri;

/** RFC 6665 subscriptions on RFC 3261 §12 dialogs: the WIC's reg subscription (3GPP TS 24.229 §5.1.1.3). */
class SubscriptionDialogTest {

    private static final String WIC_TAG = "wic-4711";
    private static final String SCSCF_TAG = "scscf-99";
    private static final long SUBSCRIBE_SEQ = 20;
    private static final String WIC_CONTACT = "sip:x7k2@df7jal23ls0d.invalid;transport=ws";
    private static final String EP_CSCF = "<sip:ep-cscf.ims.example.net;lr>";
    private static final String SCSCF_CONTACT = "sip:scscf.ims.example.net:6060";

    /** The WIC's reg SUBSCRIBE, as the S-CSCF receives it after the eP-CSCF record-routed it. */
    private static SipRequest subscribe() {
        return SipRequest.builder(SipRequest.SUBSCRIBE, SipUri.of("alice", "ims.example.net"))
                .header(HeaderNames.VIA, "SIP/2.0/TCP ep-cscf.ims.example.net;branch=z9hG4bKep1")
                .header(HeaderNames.VIA, "SIP/2.0/WSS df7jal23ls0d.invalid;branch=z9hG4bKwic1")
                .header(HeaderNames.MAX_FORWARDS, "69")
                .header(HeaderNames.RECORD_ROUTE, EP_CSCF)
                .header(HeaderNames.FROM, "<sip:alice@ims.example.net>;tag=" + WIC_TAG)
                .header(HeaderNames.TO, "<sip:alice@ims.example.net>")
                .header(HeaderNames.CALL_ID, "reg-sub-1@df7jal23ls0d.invalid")
                .header(HeaderNames.CSEQ, SUBSCRIBE_SEQ + " SUBSCRIBE")
                .header(HeaderNames.EVENT, "reg")
                .header(HeaderNames.EXPIRES, "600000")
                .header(HeaderNames.CONTACT, "<" + WIC_CONTACT + ">")
                .build();
    }

    /** The S-CSCF's NOTIFY as the WIC receives it: the eP-CSCF's Record-Route on top, nearest the WIC. */
    private static SipRequest notify(long cseq) throws Exception {
        return SipRequest.builder(SipRequest.NOTIFY, SipUri.parse(WIC_CONTACT))
                .header(HeaderNames.VIA, "SIP/2.0/WSS ep-cscf.ims.example.net;branch=z9hG4bKn" + cseq)
                .header(HeaderNames.VIA, "SIP/2.0/TCP scscf.ims.example.net:6060;branch=z9hG4bKs" + cseq)
                .header(HeaderNames.MAX_FORWARDS, "69")
                .header(HeaderNames.RECORD_ROUTE, EP_CSCF)
                .header(HeaderNames.RECORD_ROUTE, "<sip:icscf.ims.example.net;lr>")
                .header(HeaderNames.FROM, "<sip:alice@ims.example.net>;tag=" + SCSCF_TAG)
                .header(HeaderNames.TO, "<sip:alice@ims.example.net>;tag=" + WIC_TAG)
                .header(HeaderNames.CALL_ID, "reg-sub-1@df7jal23ls0d.invalid")
                .header(HeaderNames.CSEQ, cseq + " NOTIFY")
                .header(HeaderNames.EVENT, "reg")
                .header(HeaderNames.SUBSCRIPTION_STATE, "active;expires=600000")
                .header(HeaderNames.CONTACT, "<" + SCSCF_CONTACT + ">")
                .build();
    }

    /** The S-CSCF's 200 to the SUBSCRIBE, with its tag and Contact. */
    private static SipResponse accepted() {
        return SipResponse.to(subscribe(), 200, null)
                .replaceFirstHeader(HeaderNames.TO, "<sip:alice@ims.example.net>;tag=" + SCSCF_TAG)
                .header(HeaderNames.CONTACT, "<" + SCSCF_CONTACT + ">").build();
    }

    @Test
    void notifyGoesToDialogRemoteTargetThroughEpCscfRouteNotToRegisterContact() throws Exception {
        // The Kamailio case of issue 13: the S-CSCF's NOTIFY must carry Route: eP-CSCF (from the
        // SUBSCRIBE's Record-Route, §12.1.1) and the dialog's remote target X as Request-URI; sent
        // to the WIC's '.invalid' Contact without that Route, the eP-CSCF can only answer 404.
        Dialog notifier = Dialog.asUas(subscribe(), accepted());

        SipRequest notify = notifier.newRequest(SipRequest.NOTIFY).build();

        assertThat(notify.requestUri().toString()).isEqualTo(WIC_CONTACT);
        assertThat(notify.headerLines(HeaderNames.ROUTE)).containsExactly(EP_CSCF);
        assertThat(notify.to().tag()).isEqualTo(WIC_TAG);
        assertThat(notify.from().tag()).isEqualTo(SCSCF_TAG);
    }

    @Test
    void notifyBefore2xxCreatesSubscriberDialogWithItsRecordRouteInOrderPerRfc6665() throws Exception {
        // RFC 6665 §4.1.2.4: the NOTIFY may overtake the 2xx; the subscriber builds the dialog from it
        // as from any received request (RFC 3261 §12.1.1): Record-Route kept in order.
        Dialog wic = Dialog.asSubscriber(subscribe(), notify(1));

        assertThat(wic.state()).isEqualTo(DialogState.CONFIRMED);
        assertThat(wic.id()).isEqualTo(DialogId.of("reg-sub-1@df7jal23ls0d.invalid", WIC_TAG, SCSCF_TAG));
        assertThat(wic.remoteSequence()).isEqualTo(1);

        SipRequest refresh = wic.newRequest(SipRequest.SUBSCRIBE).build();

        assertThat(refresh.requestUri().toString()).isEqualTo(SCSCF_CONTACT);
        assertThat(refresh.headerLines(HeaderNames.ROUTE))
                .containsExactly(EP_CSCF, "<sip:icscf.ims.example.net;lr>");
        assertThat(refresh.cseq().sequence()).isEqualTo(SUBSCRIBE_SEQ + 1);
    }

    @Test
    void laterNotifiesAndTheLate2xxFindTheSubscriberDialog() throws Exception {
        Dialog wic = Dialog.asSubscriber(subscribe(), notify(1));
        Dialogs dialogs = new Dialogs();
        dialogs.add(wic);
        SipResponse late2xx = accepted();

        assertThat(dialogs.receive(notify(2))).isEqualTo(InDialogVerdict.ACCEPT);
        assertThat(dialogs.receive(notify(1))).isEqualTo(InDialogVerdict.OUT_OF_ORDER);
        assertThat(dialogs.forResponse(late2xx)).isSameAs(wic);
        wic.onResponseReceived(late2xx);
        assertThat(wic.state()).isEqualTo(DialogState.CONFIRMED);
    }

    @Test
    void notifyForAnotherSubscriptionCreatesNoDialog() throws Exception {
        SipRequest stranger = notify(1).toBuilder()
                .replaceFirstHeader(HeaderNames.TO, "<sip:alice@ims.example.net>;tag=other").build();

        assertThatThrownBy(() -> Dialog.asSubscriber(subscribe(), stranger))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
