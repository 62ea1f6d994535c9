package org.webims.sip.transaction;

/**
 * RFC 3261 §17 (Figures 5 to 8) and RFC 6026 §7 (Accepted): the states of every transaction kind.
 * Non-INVITE transactions use Trying, Proceeding, Completed and Terminated; INVITE client
 * transactions start in Calling; INVITE server transactions start in Proceeding and may pass
 * through Confirmed; both INVITE kinds wait in Accepted after a 2xx.
 */
public enum TransactionState {
  CALLING,
  TRYING,
  PROCEEDING,
  COMPLETED,
  CONFIRMED,
  ACCEPTED,
  TERMINATED
}
