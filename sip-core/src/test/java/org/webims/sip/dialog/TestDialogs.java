package org.webims.sip.dialog;

import org.webims.sip.header.Via;
import org.webims.sip.message.HeaderNames;
import org.webims.sip.message.SipRequest;
import org.webims.sip.message.SipResponse;
import org.webims.sip.uri.SipUri;

/**
 * Valid dialog-creating messages; a test changes the one field it is about. Alice (the UAC) calls Bob
 * through two record-routing proxies: p1 next to Alice, p2 next to Bob. Each proxy puts its
 * Record-Route on top, so both the INVITE at Bob and the 2xx at Alice list p2 first.
 */
final class TestDialogs {

    static final String CALL_ID = "a84b4c76e66710@pc33.atlanta.example.com";
    static final String ALICE_TAG = "1928301774";
    static final String BOB_TAG = "a6c85cf";
    static final long INVITE_SEQ = 314159;
    static final String P1 = "<sip:p1.atlanta.example.com;lr>";
    static final String P2 = "<sip:p2.biloxi.example.com;lr>";
    static final String ALICE_CONTACT = "sip:alice@pc33.atlanta.example.com";
    static final String BOB_CONTACT = "sip:bob@192.0.2.4";

    private TestDialogs() {
    }

    /** Alice's INVITE as Bob receives it, with both Record-Routes. */
    static SipRequest invite() {
        return SipRequest.builder(SipRequest.INVITE, SipUri.of("bob", "biloxi.example.com"))
                .header(HeaderNames.VIA, Via.of("UDP", "p2.biloxi.example.com", 5060, "z9hG4bK4b43c2ff8.1").toString())
                .header(HeaderNames.VIA, Via.of("UDP", "pc33.atlanta.example.com", 5060, "z9hG4bK776asdhds").toString())
                .header(HeaderNames.MAX_FORWARDS, "68")
                .header(HeaderNames.RECORD_ROUTE, P2)
                .header(HeaderNames.RECORD_ROUTE, P1)
                .header(HeaderNames.FROM, "Alice <sip:alice@atlanta.example.com>;tag=" + ALICE_TAG)
                .header(HeaderNames.TO, "Bob <sip:bob@biloxi.example.com>")
                .header(HeaderNames.CALL_ID, CALL_ID)
                .header(HeaderNames.CSEQ, INVITE_SEQ + " INVITE")
                .header(HeaderNames.CONTACT, "<" + ALICE_CONTACT + ">")
                .build();
    }

    /** Bob's answer to the INVITE with his tag, the INVITE's Record-Route copied (§12.1.1) and his Contact. */
    static SipResponse answer(SipRequest request, int statusCode) {
        SipResponse.Builder b = SipResponse.to(request, statusCode, null)
                .replaceFirstHeader(HeaderNames.TO, "Bob <sip:bob@biloxi.example.com>;tag=" + BOB_TAG);
        if (statusCode < 300) {
            b.header(HeaderNames.RECORD_ROUTE, P2)
                    .header(HeaderNames.RECORD_ROUTE, P1)
                    .header(HeaderNames.CONTACT, "<" + BOB_CONTACT + ">");
        }
        return b.build();
    }
}
