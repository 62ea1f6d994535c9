package org.webims.sip.dialog;

/**
 * What the UAS core does with a request that arrived inside a dialog (RFC 3261 §12.2.2). The dialog
 * layer does not answer; the caller sends {@link #statusCode()} when the verdict is not {@link #ACCEPT}.
 */
public enum InDialogVerdict {
  /** Hand the request to the method's handler; the dialog has recorded its CSeq and any new target. */
  ACCEPT(0),
  /** CSeq lower than the remote CSeq: "MUST be rejected with a 500 (Server Internal Error)" (§12.2.2). */
  OUT_OF_ORDER(500),
  /** To tag names no dialog here, or a terminated one: 481 Call/Transaction Does Not Exist (§12.2.2). */
  UNKNOWN_DIALOG(481);

  private final int statusCode;

  InDialogVerdict(int statusCode) {
    this.statusCode = statusCode;
  }

  /** The response the caller sends, or 0 for {@link #ACCEPT}. */
  public int statusCode() {
    return statusCode;
  }
}
