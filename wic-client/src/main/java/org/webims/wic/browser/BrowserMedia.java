package org.webims.wic.browser;

import org.teavm.jso.JSBody;
import org.teavm.jso.JSObject;
import org.webims.wic.ua.MediaSession;

/**
 * WIC-65: one call's media on the browser's getUserMedia and RTCPeerConnection. The work is a few small
 * scripts ({@link JSBody}) that call back into this object through {@link MediaEvents}: one object rather than a
 * JSO interface per browser type and a lambda per promise, which would each cost wic.js bytes.
 *
 * <p>The microphone, and the camera when there is one (the call falls back to audio only when the camera is
 * missing or busy); the local stream is shown muted in {@code #local-video}, the remote one in
 * {@code #remote-video}. The SDP is complete (WIC-60, no trickle): it is handed over once ICE gathering is
 * complete, or after {@code iceGatheringTimeout} seconds with the candidates gathered so far. RTCP is
 * multiplexed ({@code rtcpMuxPolicy: require}); the browser bundles audio and video. No ICE servers unless
 * the start options give {@code iceServers} (STUN/TURN, the browser's {@code RTCIceServer} list). For tests
 * the current peer connection is {@code window.wicPeer}.
 *
 * <p>The object given to {@code wicStart} is the {@link MediaSession.Factory}; each call gets its own.
 */
public final class BrowserMedia implements MediaSession, MediaSession.Factory, MediaEvents {

  private final JSObject options;
  private JSObject peer;
  private Callback callback;
  private boolean closed;

  public BrowserMedia(JSObject options) {
    this.options = options;
  }

  @Override
  public MediaSession create() {
    return new BrowserMedia(options);
  }

  @Override
  public void offer(Callback callback) {
    this.callback = callback;
    peer = start(this, options, null);
  }

  @Override
  public void answer(String remoteOffer, Callback callback) {
    this.callback = callback;
    if (peer == null) {
      peer = start(this, options, remoteOffer);
    } else {
      renegotiate(this, peer, remoteOffer);
    }
  }

  @Override
  public void accept(String remoteAnswer, Callback callback) {
    this.callback = callback;
    accept(this, peer, remoteAnswer);
  }

  @Override
  public void mute(boolean muted) {
    enable(peer, "audio", !muted);
  }

  @Override
  public void camera(boolean on) {
    enable(peer, "video", on);
  }

  @Override
  public void close() {
    closed = true;
    close(peer);
  }

  @Override
  public void done(String sdp, String failure) {
    if (closed) {
      return;
    }
    if (failure != null) {
      callback.onMediaFailure(failure);
    } else {
      callback.onSdp(sdp);
    }
  }

  /**
   * The devices (video only when the remote offer, if any, has it; audio only when the camera fails), the
   * peer connection, the offer or answer, then the complete SDP once gathering ends or its bound passes.
   * getUserMedia's errors become words for the user (no {@code navigator.mediaDevices}: a page not served
   * over HTTPS, which the browser refuses media as it does a denied permission); a session closed meanwhile
   * stops the new tracks. TeaVM renames the scripts' parameters to single letters ({@code o} may become {@code c})
   * but keeps their own names: a local of one letter could hide a parameter, so the locals have two.
   */
  @JSBody(params = {"m", "o", "offer"}, script = ""
      + "var pc = window.wicPeer = new RTCPeerConnection({iceServers: o && o.iceServers || [],"
      + " rtcpMuxPolicy: 'require'}),"
      + " md = navigator.mediaDevices, ct = {audio: true, video: !offer || offer.indexOf('m=video') >= 0},"
      + " show = function (id, s) { var v = document.getElementById(id); if (v) v.srcObject = s; },"
      + " words = {NotAllowedError: 'Microphone permission denied', NotFoundError: 'No microphone found',"
      + " NotReadableError: 'Microphone or camera in use by another program'};"
      + "pc.wicFail = function (e) { m.done(null, words[e && e.name] || 'Media failure: ' + (e && e.name || e)); };"
      + "pc.ontrack = function (e) { show('remote-video', e.streams[0]); };"
      + "(md ? md.getUserMedia(ct).catch(function (e) {"
      + "  if (!ct.video || e.name == 'NotAllowedError') throw e; ct.video = false; return md.getUserMedia(ct); })"
      + " : Promise.reject({name: 'NotAllowedError'}))"
      + ".then(function (s) {"
      + "  pc.wicStream = s;"
      + "  if (pc.signalingState == 'closed') { s.getTracks().forEach(function (t) { t.stop(); }); throw 0; }"
      + "  show('local-video', s);"
      + "  s.getTracks().forEach(function (t) { pc.addTrack(t, s); });"
      + "  return offer ? pc.setRemoteDescription({type: 'offer', sdp: offer}).then(function () {"
      + "    return pc.createAnswer(); }) : pc.createOffer(); })"
      + ".then(function (d) { return pc.setLocalDescription(d); })"
      + ".then(function () {"
      + "  var done = function () { if (pc.wicTimer) { clearTimeout(pc.wicTimer); pc.wicTimer = 0;"
      + "    m.done(pc.localDescription.sdp, null); } };"
      + "  pc.wicTimer = setTimeout(done, o && o.iceGatheringTimeout > 0 ? o.iceGatheringTimeout * 1000 : 3000);"
      + "  pc.onicegatheringstatechange = function () { if (pc.iceGatheringState == 'complete') done(); };"
      + "  if (pc.iceGatheringState == 'complete') done(); })"
      + ".catch(pc.wicFail);"
      + "return pc;")
  private static native JSObject start(MediaEvents m, JSObject o, String offer);

  @JSBody(params = {"m", "pc", "sdp"}, script = "pc.setRemoteDescription({type: 'answer', sdp: sdp})"
      + ".then(function () { m.done(null, null); }, pc.wicFail);")
  private static native void accept(MediaEvents m, JSObject pc, String sdp);

  /**
   * WIC-64: an offer inside the call (hold, unhold) on the same connection and tracks. The candidates are
   * gathered already (no ICE restart), so the answer is complete at once; a failure rolls the offer back.
   */
  @JSBody(params = {"m", "pc", "sdp"}, script = "pc.setRemoteDescription({type: 'offer', sdp: sdp})"
      + ".then(function () { return pc.createAnswer(); })"
      + ".then(function (d) { return pc.setLocalDescription(d); })"
      + ".then(function () { m.done(pc.localDescription.sdp, null); }, function (e) {"
      + "  if (pc.signalingState == 'have-remote-offer') pc.setRemoteDescription({type: 'rollback'});"
      + "  pc.wicFail(e); });")
  private static native void renegotiate(MediaEvents m, JSObject pc, String sdp);

  @JSBody(params = {"pc", "kind", "on"}, script = "var s = pc && pc.wicStream;"
      + "if (s) s.getTracks().forEach(function (t) { if (t.kind == kind) t.enabled = on; });")
  private static native void enable(JSObject pc, String kind, boolean on);

  /** Stops the tracks (the camera light goes off), closes the connection and empties both videos. */
  @JSBody(params = "pc", script = "if (!pc) return; clearTimeout(pc.wicTimer); pc.wicTimer = 0; pc.close();"
      + "if (pc.wicStream) pc.wicStream.getTracks().forEach(function (t) { t.stop(); });"
      + "['local-video', 'remote-video'].forEach(function (id) {"
      + "  var v = document.getElementById(id); if (v) v.srcObject = null; });")
  private static native void close(JSObject pc);
}

/**
 * What {@link BrowserMedia}'s scripts call back: the SDP (null after an accepted answer), or the failure in words.
 * One method, not one per outcome: each is an exported wrapper in wic.js.
 */
interface MediaEvents extends JSObject {

  void done(String sdp, String failure);
}
