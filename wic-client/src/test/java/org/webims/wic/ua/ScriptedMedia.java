package org.webims.wic.ua;

import java.util.ArrayList;
import java.util.List;

/**
 * The browser's media behind {@link MediaSession}, scripted by the test: each step waits until the test
 * says how it went ({@link Session#succeed}, {@link Session#fail}), as getUserMedia and ICE gathering do.
 * An {@code answer} on a session that already made its offer or answer is a renegotiation of the same
 * peer connection (WIC-64): the same {@link Session}, no new one in {@link #sessions}.
 */
final class ScriptedMedia implements MediaSession.Factory {

  final List<Session> sessions = new ArrayList<>();

  @Override
  public MediaSession create() {
    Session s = new Session();
    sessions.add(s);
    return s;
  }

  Session last() {
    return sessions.get(sessions.size() - 1);
  }

  static final class Session implements MediaSession {
    /** offer, answer or accept: the step waiting for the test; null when none. */
    String step;
    /** The remote SDP given to the last answer or accept. */
    String remote;
    boolean closed;
    final List<String> controls = new ArrayList<>();
    private Callback pending;

    @Override
    public void offer(Callback callback) {
      wait("offer", null, callback);
    }

    @Override
    public void answer(String remoteOffer, Callback callback) {
      wait("answer", remoteOffer, callback);
    }

    @Override
    public void accept(String remoteAnswer, Callback callback) {
      wait("accept", remoteAnswer, callback);
    }

    private void wait(String s, String sdp, Callback callback) {
      if (pending != null || closed) {
        throw new AssertionError("media step " + s + " while " + step + (closed ? " closed" : ""));
      }
      step = s;
      remote = sdp;
      pending = callback;
    }

    void succeed(String sdp) {
      done().onSdp(sdp);
    }

    void fail(String reason) {
      done().onMediaFailure(reason);
    }

    private Callback done() {
      Callback c = pending;
      pending = null;
      step = null;
      return c;
    }

    @Override
    public void mute(boolean muted) {
      controls.add("mute " + muted);
    }

    @Override
    public void camera(boolean on) {
      controls.add("camera " + on);
    }

    @Override
    public void close() {
      closed = true;
    }
  }
}
