package org.webims.sip.dialog;

/**
 * What the UAS core does with a request that arrived inside a dialog (RFC 3261 §12.2.2). The dialog
 * layer does not answer: a verdict other than {@link #ACCEPT} is the status code the caller sends.
 * Int constants, not an enum, to keep enum tables out of wic.js (docs/wic.md "Size", issue 13).
 */
public final class InDialogVerdict {
  /** Hand the request to the method's handler; the dialog has recorded its CSeq and any new target. */
  public static final int ACCEPT = 0;
  /** CSeq lower than the remote CSeq: "MUST be rejected with a 500 (Server Internal Error)" (§12.2.2). */
  public static final int OUT_OF_ORDER = 500;
  /** To tag names no dialog here, or a terminated one: 481 Call/Transaction Does Not Exist (§12.2.2). */
  public static final int UNKNOWN_DIALOG = 481;

  private InDialogVerdict() {}
}
