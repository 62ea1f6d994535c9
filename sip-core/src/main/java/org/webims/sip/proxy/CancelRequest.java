package org.webims.sip.proxy;

import org.webims.sip.header.CSeq;
import org.webims.sip.message.HeaderNames;
import org.webims.sip.message.SipRequest;
import org.webims.sip.SipParseException;

/**
 * RFC 3261 §9.1: the CANCEL for an INVITE this element sent: same Request-URI, Call-ID, To, From,
 * CSeq number and Route, and one Via, the INVITE's top Via, so that it matches the INVITE's
 * transaction downstream by branch (§16.10: "the same branch").
 */
final class CancelRequest {

  private CancelRequest() {
  }

  static SipRequest of(SipRequest invite) throws SipParseException {
    SipRequest.Builder cancel = SipRequest.builder(SipRequest.CANCEL, invite.requestUri())
        .header(HeaderNames.VIA, invite.topVia().toString())
        .header(HeaderNames.MAX_FORWARDS, Integer.toString(Forwarding.DEFAULT_MAX_FORWARDS))
        .header(HeaderNames.FROM, invite.header(HeaderNames.FROM))
        .header(HeaderNames.TO, invite.header(HeaderNames.TO))
        .header(HeaderNames.CALL_ID, invite.header(HeaderNames.CALL_ID))
        .header(HeaderNames.CSEQ, CSeq.of(invite.cseq().sequence(), SipRequest.CANCEL).toString());
    for (String route : invite.headerLines(HeaderNames.ROUTE)) {
      cancel.header(HeaderNames.ROUTE, route);
    }
    return cancel.build();
  }
}
