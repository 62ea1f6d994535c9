package org.webims.wic.ua;

/** What the page shows of a call (issue 14 contract: {@code #call-state} and its text). */
public interface CallListener {

  /**
   * The call moved to one of {@link CallState}'s constants. {@code peer} is the other side: the target
   * for an outgoing call, the P-Asserted-Identity (else From) of an incoming one; null when idle.
   * {@code reason} says why in words for {@link CallState#ENDED} and {@link CallState#FAILED} (for
   * example {@code Busy (486)}, {@code Declined (603)}, {@code Microphone permission denied}), else null.
   */
  void onCallState(String state, String peer, String reason);
}
