package org.webims.sip;

/**
 * The kinds of defect a SIP parser reports, each with the status a server answers it with. Int
 * constants, not an enum: TeaVM writes every enum into wic.js with its names and its {@code values()}
 * table (docs/wic.md "Size", issue 13).
 */
public final class ParseProblem {
  /** Request-Line or Status-Line not of the RFC 3261 §7.1/§7.2 shape. */
  public static final int BAD_START_LINE = 0;
  /** A SIP-Version other than SIP/2.0 (RFC 3261 §21.5.26 "505 Version Not Supported"). */
  public static final int UNSUPPORTED_VERSION = 1;
  /** A URI that breaks RFC 3261 §25.1 or RFC 3966. */
  public static final int BAD_URI = 2;
  /** A header line or header value that breaks its grammar. */
  public static final int BAD_HEADER = 3;
  /** A header that must appear once appears several times, or is missing. */
  public static final int BAD_HEADER_COUNT = 4;
  /** Content-Length that is not a non-negative number, or several that disagree. */
  public static final int BAD_CONTENT_LENGTH = 5;
  /** Content-Length larger than the bytes that arrived (RFC 3261 §18.3). */
  public static final int CONTENT_LENGTH_EXCEEDS_MESSAGE = 6;
  /** A number beyond its field's range: CSeq, Max-Forwards, Expires, status code, port. */
  public static final int SCALAR_OVERFLOW = 7;
  /** A quoted string with no closing quote. */
  public static final int UNTERMINATED_QUOTE = 8;
  /** A name-addr or addr-spec that breaks RFC 3261 §20.10. */
  public static final int BAD_NAME_ADDR = 9;
  /** CSeq method differs from the request method (RFC 3261 §8.1.1.5). */
  public static final int CSEQ_METHOD_MISMATCH = 10;
  /** A Date header not in the RFC 1123 GMT form (RFC 3261 §20.17). */
  public static final int BAD_DATE = 11;
  /** A configured limit was exceeded (RFC 3261 §21.4.13 "513 Message Too Large"). */
  public static final int TOO_LARGE = 12;
  /** The input ended before the message did (no empty line after the headers). */
  public static final int INCOMPLETE = 13;

  private ParseProblem() {}

  /** The status a server answers a request with that fails with {@code problem}. */
  public static int statusCode(int problem) {
    return problem == UNSUPPORTED_VERSION ? 505 : problem == TOO_LARGE ? 513 : 400;
  }

  /** The constant's name, for tools and diagnostics on the JVM (the WIC never calls it). */
  public static String name(int problem) {
    return NAMES[problem];
  }

  private static final String[] NAMES = {
    "BAD_START_LINE",
    "UNSUPPORTED_VERSION",
    "BAD_URI",
    "BAD_HEADER",
    "BAD_HEADER_COUNT",
    "BAD_CONTENT_LENGTH",
    "CONTENT_LENGTH_EXCEEDS_MESSAGE",
    "SCALAR_OVERFLOW",
    "UNTERMINATED_QUOTE",
    "BAD_NAME_ADDR",
    "CSEQ_METHOD_MISMATCH",
    "BAD_DATE",
    "TOO_LARGE",
    "INCOMPLETE"
  };
}
