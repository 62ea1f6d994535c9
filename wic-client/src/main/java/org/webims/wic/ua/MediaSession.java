package org.webims.wic.ua;

/**
 * One call's media (WIC-65): the browser's getUserMedia and RTCPeerConnection behind {@code browser/}
 * ({@code BrowserMedia}), a scripted double in the JVM tests. The SDP is complete (ICE gathering
 * finished, no trickle, WIC-60). Every result comes back once, on the event loop, through the
 * {@link Callback} given; nothing comes back after {@link #close()}.
 */
public interface MediaSession {

  /** Gets the microphone (and the camera, when there is one), creates the offer, gathers candidates. */
  void offer(Callback callback);

  /**
   * Sets the remote offer, gets the devices it asks for, creates the answer, gathers candidates. On a session
   * that already has its peer connection (an offer inside the call: re-INVITE or UPDATE, WIC-64) it renegotiates
   * that connection instead: the same tracks, no new getUserMedia, the candidates already gathered; a failure
   * leaves the session as it was.
   */
  void answer(String remoteOffer, Callback callback);

  /** Sets the remote answer to this session's offer; {@link Callback#onSdp} gets null on success. */
  void accept(String remoteAnswer, Callback callback);

  void mute(boolean muted);

  void camera(boolean on);

  /** Stops the tracks and closes the peer connection. */
  void close();

  /** The outcome of one media step. */
  interface Callback {

    void onSdp(String sdp);

    /** In words for the user: {@code Microphone permission denied}, {@code No microphone found}, ... */
    void onMediaFailure(String reason);
  }

  /** A new media session per call. */
  interface Factory {

    MediaSession create();
  }
}
