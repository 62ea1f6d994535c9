package org.webims.sip.transaction;

import org.webims.sip.SipParseException;
import org.webims.sip.header.Via;
import org.webims.sip.message.SipRequest;
import org.webims.sip.message.SipResponse;
import org.webims.sip.syntax.SipChars;

/**
 * RFC 3261 §17.1.3 and §17.2.3: the keys that match a message to its transaction, as one String
 * each. Branch and host compare case-insensitively (RFC 3261 §7.3.1), so both are lower-cased; a
 * space separates the parts because no token or host contains one.
 */
final class TransactionKeys {

  private static final String LOWER_COOKIE = SipChars.toLowerAscii(Via.MAGIC_COOKIE);

  private TransactionKeys() {
  }

  /** RFC 3261 §17.1.3: top Via branch and method of a request we send; null without a branch. */
  static String client(SipRequest request) throws SipParseException {
    return client(request.topVia().branch(), request.method());
  }

  /** RFC 3261 §17.1.3: top Via branch and CSeq method of a response; null without a branch. */
  static String client(SipResponse response) throws SipParseException {
    return client(response.topVia().branch(), response.cseq().method());
  }

  private static String client(String branch, String method) {
    return branch == null ? null : SipChars.toLowerAscii(branch) + ' ' + method;
  }

  /**
   * RFC 3261 §17.2.3: top Via branch, sent-by and method of a received request; null when the
   * branch lacks the magic cookie, for RFC 2543 matching is not supported.
   */
  static String server(SipRequest request) throws SipParseException {
    return server(request, request.method());
  }

  /**
   * RFC 3261 §17.2.3 and §9.2: the key of the transaction {@code request} refers to under another
   * method: an ACK to its INVITE, a CANCEL to the INVITE it cancels.
   */
  static String server(SipRequest request, String method) throws SipParseException {
    Via via = request.topVia();
    String branch = via.branch();
    // ASCII lower-casing, not regionMatches(true, ...): that pulls the JDK's Unicode case tables into wic.js.
    branch = branch == null ? "" : SipChars.toLowerAscii(branch);
    if (!branch.startsWith(LOWER_COOKIE)) {
      return null;
    }
    return branch + ' ' + method + ' ' + SipChars.toLowerAscii(via.host()) + ':' + via.port();
  }
}
