package org.webims.wic.ua;

/**
 * The call states the page shows in {@code #call-state}'s {@code data-state} (issue 14 contract). Strings
 * rather than an enum, as {@link RegistrationState}: an enum costs wic.js bytes.
 */
public final class CallState {

  /** No call. */
  public static final String IDLE = "idle";
  /** Outgoing: INVITE sent, no 180 yet. */
  public static final String CALLING = "calling";
  /** Incoming: 180 sent, waiting for the user to answer or decline (WIC-63). */
  public static final String RINGING = "ringing";
  /** Outgoing: the remote side rings (180/183, WIC-62). */
  public static final String ALERTING = "alerting";
  /** 2xx sent or received, media set up. */
  public static final String CONNECTED = "connected";
  /** The call ended normally: BYE from either side, CANCEL, or a declined/unanswered incoming call. */
  public static final String ENDED = "ended";
  /** The call could not be set up or broke: a failure response, a media error, a lost connection. */
  public static final String FAILED = "failed";

  private CallState() {
  }
}
