package org.webims.sip;

/** The kinds of defect a SIP parser reports, each with the status a server answers it with. */
public enum ParseProblem {
  /** Request-Line or Status-Line not of the RFC 3261 §7.1/§7.2 shape. */
  BAD_START_LINE(400),
  /** A SIP-Version other than SIP/2.0 (RFC 3261 §21.5.26 "505 Version Not Supported"). */
  UNSUPPORTED_VERSION(505),
  /** A URI that breaks RFC 3261 §25.1 or RFC 3966. */
  BAD_URI(400),
  /** A header line or header value that breaks its grammar. */
  BAD_HEADER(400),
  /** A header that must appear once appears several times, or is missing. */
  BAD_HEADER_COUNT(400),
  /** Content-Length that is not a non-negative number, or several that disagree. */
  BAD_CONTENT_LENGTH(400),
  /** Content-Length larger than the bytes that arrived (RFC 3261 §18.3). */
  CONTENT_LENGTH_EXCEEDS_MESSAGE(400),
  /** A number beyond its field's range: CSeq, Max-Forwards, Expires, status code, port. */
  SCALAR_OVERFLOW(400),
  /** A quoted string with no closing quote. */
  UNTERMINATED_QUOTE(400),
  /** A name-addr or addr-spec that breaks RFC 3261 §20.10. */
  BAD_NAME_ADDR(400),
  /** CSeq method differs from the request method (RFC 3261 §8.1.1.5). */
  CSEQ_METHOD_MISMATCH(400),
  /** A Date header not in the RFC 1123 GMT form (RFC 3261 §20.17). */
  BAD_DATE(400),
  /** A configured limit was exceeded (RFC 3261 §21.4.13 "513 Message Too Large"). */
  TOO_LARGE(513),
  /** The input ended before the message did (no empty line after the headers). */
  INCOMPLETE(400);

  private final int statusCode;

  ParseProblem(int statusCode) {
    this.statusCode = statusCode;
  }

  public int statusCode() {
    return statusCode;
  }
}
