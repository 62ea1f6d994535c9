package org.webims.sip.transaction;

/** RFC 3261 §17.1.2.2 and §17.2.2 (Figures 6 and 8): the states of a non-INVITE transaction. */
public enum TransactionState {
  TRYING,
  PROCEEDING,
  COMPLETED,
  TERMINATED
}
