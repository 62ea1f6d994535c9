package org.webims.wic.ua;

/**
 * What the page's call buttons do (issue 14 contract: {@code #call}, {@code #answer}, {@code #decline},
 * {@code #hangup}, mute and camera). Each is ignored in a state where it makes no sense.
 */
public interface Phone {

  /**
   * WIC-60: calls {@code target}, a SIP or TEL URI; a bare user or number gets {@code sip:} and the home
   * domain. Ignored unless registered and idle (or after a call ended).
   */
  void call(String target);

  /** WIC-63: answers the ringing incoming call (200 with the SDP answer). */
  void answer();

  /** WIC-63: declines the ringing incoming call (603). */
  void decline();

  /** Ends the call in any state: CANCEL while calling or alerting, BYE when connected. */
  void hangUp();

  /** WIC-65: stops (true) or resumes sending the microphone. */
  void mute(boolean muted);

  /** WIC-65: stops (false) or resumes sending the camera. */
  void camera(boolean on);
}
