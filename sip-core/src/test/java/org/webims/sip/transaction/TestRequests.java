package org.webims.sip.transaction;

import org.webims.sip.header.Via;
import org.webims.sip.message.HeaderNames;
import org.webims.sip.message.SipRequest;
import org.webims.sip.message.SipResponse;
import org.webims.sip.uri.SipUri;

/** Valid requests and responses for transaction tests; a test changes the one field it is about. */
final class TestRequests {

    static final String SENT_BY_HOST = "192.0.2.10";
    static final int SENT_BY_PORT = 5060;

    private TestRequests() {
    }

    /** A request from {@link #SENT_BY_HOST}:{@link #SENT_BY_PORT} with that top Via branch. */
    static SipRequest request(String method, String branch) {
        return request(method, branch, SENT_BY_HOST, SENT_BY_PORT);
    }

    static SipRequest request(String method, String branch, String sentByHost, int sentByPort) {
        return SipRequest.builder(method, SipUri.of(null, "ims.example.net"))
                .header(HeaderNames.VIA, Via.of("UDP", sentByHost, sentByPort, branch).toString())
                .header(HeaderNames.MAX_FORWARDS, "70")
                .header(HeaderNames.FROM, "<sip:alice@ims.example.net>;tag=a73kszlfl")
                .header(HeaderNames.TO, "<sip:alice@ims.example.net>")
                .header(HeaderNames.CALL_ID, "1j9FpLxk3uxtm8tn@192.0.2.10")
                .header(HeaderNames.CSEQ, "1 " + method)
                .build();
    }

    static SipResponse response(SipRequest request, int statusCode) {
        return SipResponse.to(request, statusCode, null).build();
    }
}
