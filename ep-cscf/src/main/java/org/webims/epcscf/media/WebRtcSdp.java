package org.webims.epcscf.media;

/**
 * Which SDPs are WebRTC's (EPC-80, 81; the lead's decision of issue 15): one with a media line on
 * {@code UDP/TLS/RTP/SAVPF}, or one with both {@code a=fingerprint} (DTLS-SRTP) and {@code a=ice-ufrag}
 * (ICE). Anything else (RTP/AVP, SDES, no ICE) is a plain SIP endpoint's and is anchored.
 */
public final class WebRtcSdp {

  private WebRtcSdp() {
  }

  public static boolean isWebRtc(String sdp) {
    if (sdp == null) {
      return false;
    }
    boolean fingerprint = false;
    boolean ice = false;
    int at = 0;
    while (at < sdp.length()) {
      int end = sdp.indexOf('\n', at);
      if (end < 0) {
        end = sdp.length();
      }
      String line = sdp.substring(at, end).strip();
      if (line.startsWith("m=") && line.contains(" UDP/TLS/RTP/SAVPF ")) {
        return true;
      }
      fingerprint |= line.startsWith("a=fingerprint:");
      ice |= line.startsWith("a=ice-ufrag:");
      at = end + 1;
    }
    return fingerprint && ice;
  }
}
