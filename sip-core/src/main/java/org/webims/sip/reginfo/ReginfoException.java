package org.webims.sip.reginfo;

/**
 * A body that is not a readable RFC 3680 reginfo document: not well-formed XML in the subset this
 * reader accepts, not reginfo, missing a required attribute, or larger than the limit. The message
 * names the defect and the offset; it never quotes the document.
 */
public final class ReginfoException extends Exception {

  public ReginfoException(String message) {
    super(message, null, false, false);
  }
}
