package org.webims.sip.dialog;

/** RFC 3261 §12 dialog states: early after a 1xx with a To tag, confirmed after a 2xx. */
public enum DialogState {
  EARLY,
  CONFIRMED,
  /** Ended by a non-2xx final response to the request that created an early dialog, or by the user. */
  TERMINATED
}
