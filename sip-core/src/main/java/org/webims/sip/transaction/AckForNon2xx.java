package org.webims.sip.transaction;

import org.webims.sip.SipParseException;
import org.webims.sip.header.CSeq;
import org.webims.sip.message.HeaderNames;
import org.webims.sip.message.SipRequest;
import org.webims.sip.message.SipResponse;

/**
 * RFC 3261 §17.1.1.3: the ACK an INVITE client transaction sends for a 300-699 response. It is
 * part of the INVITE transaction (same branch), unlike the ACK for a 2xx, which the TU builds
 * (§13.2.2.4) as a transaction of its own.
 */
final class AckForNon2xx {

  private AckForNon2xx() {
  }

  /**
   * Request-URI, Call-ID, From and Route of {@code invite}; To of {@code response} (with the tag it
   * added); CSeq number of the INVITE with method ACK; one Via, the INVITE's top Via. Max-Forwards
   * is copied too, since every request needs one (§8.1.1.6). From, To and Call-ID are parsed, so
   * a response without a usable To fails here as {@link SipParseException}, like any bad header.
   */
  static SipRequest build(SipRequest invite, SipResponse response) throws SipParseException {
    SipRequest.Builder ack = SipRequest.builder(SipRequest.ACK, invite.requestUri())
        .header(HeaderNames.VIA, invite.topVia().toString());
    String maxForwards = invite.header(HeaderNames.MAX_FORWARDS);
    if (maxForwards != null) {
      ack.header(HeaderNames.MAX_FORWARDS, maxForwards);
    }
    ack.header(HeaderNames.FROM, invite.from().toString())
        .header(HeaderNames.TO, response.to().toString())
        .header(HeaderNames.CALL_ID, invite.callId())
        .header(HeaderNames.CSEQ, CSeq.of(invite.cseq().sequence(), SipRequest.ACK).toString());
    // §17.1.1.3: the ACK follows the INVITE's route, so a loose-routing proxy can match it.
    for (String route : invite.headerLines(HeaderNames.ROUTE)) {
      ack.header(HeaderNames.ROUTE, route);
    }
    return ack.build();
  }
}
