package org.webims.sip.transaction;

/**
 * RFC 3261 §17 (Figures 5 to 8) and RFC 6026 §7 (Accepted): the states of every transaction kind.
 * Non-INVITE transactions use Trying, Proceeding, Completed and Terminated; INVITE client
 * transactions start in Calling; INVITE server transactions start in Proceeding and may pass
 * through Confirmed; both INVITE kinds wait in Accepted after a 2xx.
 *
 * <p>Int constants, not an enum: TeaVM writes every enum into wic.js with its names and its
 * {@code values()} table, which nothing here reads (docs/wic.md "Size", issue 13).
 */
public final class TransactionState {
  public static final int CALLING = 0;
  public static final int TRYING = 1;
  public static final int PROCEEDING = 2;
  public static final int COMPLETED = 3;
  public static final int CONFIRMED = 4;
  public static final int ACCEPTED = 5;
  public static final int TERMINATED = 6;

  private TransactionState() {}
}
