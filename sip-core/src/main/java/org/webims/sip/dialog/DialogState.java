package org.webims.sip.dialog;

/**
 * RFC 3261 §12 dialog states: early after a 1xx with a To tag, confirmed after a 2xx. Int constants,
 * not an enum, to keep enum tables out of wic.js (docs/wic.md "Size", issue 13).
 */
public final class DialogState {
  public static final int EARLY = 0;
  public static final int CONFIRMED = 1;
  /** Ended by a non-2xx final response to the request that created an early dialog, or by the user. */
  public static final int TERMINATED = 2;

  private DialogState() {}
}
