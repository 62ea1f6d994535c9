package org.webims.sip.transaction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.webims.sip.transaction.TestRequests.request;

import org.junit.jupiter.api.Test;
import org.webims.sip.message.SipRequest;

/** RFC 3261 §17.2.3: the server key; the magic cookie and branch compare case-insensitively (§7.3.1). */
class TransactionKeysTest {

    @Test
    void serverKeyIgnoresTheCaseOfCookieBranchAndHost() throws Exception {
        String lower = TransactionKeys.server(request(SipRequest.NOTIFY, "z9hg4bk74bf9", "host.example.net", 5060));
        String upper = TransactionKeys.server(request(SipRequest.NOTIFY, "Z9HG4BK74BF9", "HOST.example.NET", 5060));

        assertThat(upper).isEqualTo(lower).isEqualTo("z9hg4bk74bf9 NOTIFY host.example.net:5060");
    }

    @Test
    void branchWithoutTheCookieHasNoServerKey() throws Exception {
        assertThat(TransactionKeys.server(request(SipRequest.NOTIFY, "z9hG4b74bf9"))).isNull();
        assertThat(TransactionKeys.server(request(SipRequest.NOTIFY, "74bf9z9hG4bK"))).isNull();
    }
}
