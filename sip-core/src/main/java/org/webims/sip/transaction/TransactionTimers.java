package org.webims.sip.transaction;

import org.webims.sip.syntax.SipChars;

/**
 * RFC 3261 §17.1.2.2 and Table 4: the timer values T1, T2 and T4 every transaction timer derives
 * from. Immutable; build a variant with {@link #builder()} or {@link #toBuilder()}.
 */
public final class TransactionTimers {

  /** RFC 3261 §17.1.1.1: the RTT estimate, 500 ms. */
  public static final long DEFAULT_T1 = 500;
  /** RFC 3261 §17.1.2.2: the longest retransmit interval for non-INVITE requests, 4 s. */
  public static final long DEFAULT_T2 = 4000;
  /** RFC 3261 §17.1.2.2: the longest time a message stays in the network, 5 s. */
  public static final long DEFAULT_T4 = 5000;
  /** RFC 3261 §17.1.1.2 Timer D over an unreliable transport: at least 32 s, independent of T1. */
  public static final long TIMER_D_UNRELIABLE = 32_000;
  /** Keeps 64*T1 far from overflow; an hour is already absurd for a round trip. */
  public static final long MAX_T1 = 3_600_000;

  public static final TransactionTimers DEFAULT = new TransactionTimers(DEFAULT_T1, DEFAULT_T2, DEFAULT_T4);

  private final long t1;
  private final long t2;
  private final long t4;

  private TransactionTimers(long t1, long t2, long t4) {
    if (t1 <= 0 || t1 > MAX_T1) {
      throw new IllegalArgumentException("T1 must be in 1.." + MAX_T1 + " ms: " + SipChars.decimal(t1));
    }
    if (t2 < t1) {
      throw new IllegalArgumentException("T2 must not be below T1: " + SipChars.decimal(t2));
    }
    if (t4 <= 0) {
      throw new IllegalArgumentException("T4 must be positive: " + SipChars.decimal(t4));
    }
    this.t1 = t1;
    this.t2 = t2;
    this.t4 = t4;
  }

  public static Builder builder() {
    return new Builder(DEFAULT);
  }

  public Builder toBuilder() {
    return new Builder(this);
  }

  public long t1() {
    return t1;
  }

  public long t2() {
    return t2;
  }

  public long t4() {
    return t4;
  }

  /**
   * RFC 3261 Table 4 and RFC 6026 §8.4: 64*T1, the lifetime of Timers B, F and H, of Timer J over
   * UDP, and of Timers L and M (the Accepted state) over any transport.
   */
  public long transactionTimeout() {
    return 64 * t1;
  }

  /** RFC 3261 §17.1.2.2 Timer K: T4 over an unreliable transport, zero over a reliable one. */
  public long timerK(boolean reliable) {
    return reliable ? 0 : t4;
  }

  /** RFC 3261 §17.2.2 Timer J: 64*T1 over an unreliable transport, zero over a reliable one. */
  public long timerJ(boolean reliable) {
    return reliable ? 0 : transactionTimeout();
  }

  /** RFC 3261 §17.1.1.2 Timer D: 32 s over an unreliable transport, zero over a reliable one. */
  public long timerD(boolean reliable) {
    return reliable ? 0 : TIMER_D_UNRELIABLE;
  }

  /** RFC 3261 §17.2.1 Timer I: T4 over an unreliable transport, zero over a reliable one. */
  public long timerI(boolean reliable) {
    return reliable ? 0 : t4;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof TransactionTimers && ((TransactionTimers) o).t1 == t1 && ((TransactionTimers) o).t2 == t2
        && ((TransactionTimers) o).t4 == t4;
  }

  @Override
  public int hashCode() {
    return (int) (t1 * 961 + t2 * 31 + t4);
  }

  @Override
  public String toString() {
    return "T1=" + SipChars.decimal(t1) + "ms T2=" + SipChars.decimal(t2) + "ms T4=" + SipChars.decimal(t4) + "ms";
  }

  /** Builds {@link TransactionTimers}; starts from the values it was made from. */
  public static final class Builder {
    private long t1;
    private long t2;
    private long t4;

    private Builder(TransactionTimers from) {
      this.t1 = from.t1;
      this.t2 = from.t2;
      this.t4 = from.t4;
    }

    public Builder t1(long millis) {
      this.t1 = millis;
      return this;
    }

    public Builder t2(long millis) {
      this.t2 = millis;
      return this;
    }

    public Builder t4(long millis) {
      this.t4 = millis;
      return this;
    }

    /** Throws {@link IllegalArgumentException} unless 0 &lt; T1 &le; T2 and T4 &gt; 0. */
    public TransactionTimers build() {
      return new TransactionTimers(t1, t2, t4);
    }
  }
}
