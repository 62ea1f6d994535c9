package org.webims.sip.header;

import org.webims.sip.ParseProblem;
import org.webims.sip.SipParseException;
import org.webims.sip.syntax.Scanner;
import org.webims.sip.syntax.SipChars;

/** CSeq (RFC 3261 §20.16): a sequence number below 2^31 and the request method. */
public final class CSeq {

  public static final long MAX_SEQUENCE = 2147483647L;

  private final long sequence;
  private final String method;

  private CSeq(long sequence, String method) {
    this.sequence = sequence;
    this.method = method;
  }

  public static CSeq of(long sequence, String method) {
    return new CSeq(sequence, method);
  }

  public static CSeq parse(String value) throws SipParseException {
    Scanner s = new Scanner(value, ParseProblem.BAD_HEADER, "CSeq");
    s.skipWhitespace();
    int start = s.position();
    while (SipChars.isDigit(s.peek())) {
      s.next();
    }
    long seq = SipChars.parseDecimal(value, start, s.position(), MAX_SEQUENCE, "CSeq");
    int mark = s.position();
    s.skipWhitespace();
    if (s.position() == mark) {
      throw s.error("expected whitespace before method");
    }
    String method = s.token();
    s.expectEnd();
    return new CSeq(seq, method);
  }

  public long sequence() {
    return sequence;
  }

  public String method() {
    return method;
  }

  public CSeq next() {
    return new CSeq(sequence + 1, method);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof CSeq && ((CSeq) o).sequence == sequence && ((CSeq) o).method.equals(method);
  }

  @Override
  public int hashCode() {
    return (int) sequence * 31 + method.hashCode();
  }

  @Override
  public String toString() {
    return SipChars.decimal(sequence) + " " + method;
  }
}
