package org.webims.sip;

import org.webims.sip.message.ReasonPhrase;

/**
 * The one error every parser in sip-core raises for bad input (RFC 3261 §21.4.1 "400 Bad Request").
 * Its message is short, names the defect and is a safe reason phrase ({@link ReasonPhrase}, even
 * when it quotes the input); it never echoes input that could carry credentials.
 */
public final class SipParseException extends Exception {

  private final int problem;

  public SipParseException(int problem, String reason) {
    super(ReasonPhrase.safe(reason), null, false, false);
    this.problem = problem;
  }

  /** What kind of defect was found; lets callers pick a status code and tests assert precisely. */
  public int problem() {
    return problem;
  }

  /** The text for a reason phrase, for example {@code "Bad CSeq: method does not match"}. */
  public String reason() {
    return getMessage();
  }

  /** The status a server answers a request with when it fails to parse (RFC 3261 §8.2, §21). */
  public int statusCode() {
    return ParseProblem.statusCode(problem);
  }
}
