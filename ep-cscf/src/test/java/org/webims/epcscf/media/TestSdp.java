package org.webims.epcscf.media;

/** Realistic SDPs for the media tests (EPC-80, 81): a browser's and a plain SIP phone's. */
public final class TestSdp {

  private TestSdp() {
  }

  /** What Chromium offers for audio with a complete gathering: ICE, DTLS fingerprint, rtcp-mux, BUNDLE. */
  public static String chromiumOffer(int port) {
    return "v=0\r\n"
        + "o=- 4611731400430051336 2 IN IP4 127.0.0.1\r\n"
        + "s=-\r\n"
        + "t=0 0\r\n"
        + "a=group:BUNDLE 0\r\n"
        + "a=extmap-allow-mixed\r\n"
        + "a=msid-semantic: WMS stream1\r\n"
        + "m=audio " + port + " UDP/TLS/RTP/SAVPF 111 0 8 126\r\n"
        + "c=IN IP4 127.0.0.1\r\n"
        + "a=rtcp:9 IN IP4 0.0.0.0\r\n"
        + "a=candidate:1467250027 1 udp 2122260223 127.0.0.1 " + port + " typ host generation 0 network-id 1\r\n"
        + "a=ice-ufrag:aW3c\r\n"
        + "a=ice-pwd:Rzb9iKv6sA8Lh5uIeWrQl+xY\r\n"
        + "a=ice-options:trickle\r\n"
        + "a=fingerprint:sha-256 4F:2C:8A:0E:3B:1D:5A:77:90:AB:CD:EF:01:23:45:67:89:AB:CD:EF:01:23:45:67:89:AB:CD:EF:01:23:45:67\r\n"
        + "a=setup:actpass\r\n"
        + "a=mid:0\r\n"
        + "a=sendrecv\r\n"
        + "a=msid:stream1 track1\r\n"
        + "a=rtcp-mux\r\n"
        + "a=rtpmap:111 opus/48000/2\r\n"
        + "a=rtcp-fb:111 transport-cc\r\n"
        + "a=fmtp:111 minptime=10;useinbandfec=1\r\n"
        + "a=rtpmap:0 PCMU/8000\r\n"
        + "a=rtpmap:8 PCMA/8000\r\n"
        + "a=rtpmap:126 telephone-event/8000\r\n"
        + "a=ssrc:1001 cname:wic\r\n";
  }

  /** What Chromium answers to a WebRTC offer (active DTLS role). */
  public static String chromiumAnswer(int port) {
    return chromiumOffer(port).replace("a=setup:actpass", "a=setup:active").replace("a=ice-ufrag:aW3c",
        "a=ice-ufrag:bX4d").replace("a=group:BUNDLE 0\r\n", "a=group:BUNDLE 0\r\n")
        .replace("m=audio " + port + " UDP/TLS/RTP/SAVPF 111 0 8 126", "m=audio " + port + " UDP/TLS/RTP/SAVPF 0 126")
        .replace("a=rtpmap:111 opus/48000/2\r\na=rtcp-fb:111 transport-cc\r\na=fmtp:111 minptime=10;useinbandfec=1\r\n", "")
        .replace("a=rtpmap:8 PCMA/8000\r\n", "");
  }

  /** What baresip offers with the g711 module: plain RTP/AVP, RTCP on the next port. */
  public static String baresipOffer(int port) {
    return "v=0\r\n"
        + "o=- 1938327203 1429471740 IN IP4 127.0.0.1\r\n"
        + "s=-\r\n"
        + "c=IN IP4 127.0.0.1\r\n"
        + "t=0 0\r\n"
        + "m=audio " + port + " RTP/AVP 0 8 101\r\n"
        + "b=AS:64\r\n"
        + "a=rtpmap:0 PCMU/8000\r\n"
        + "a=rtpmap:8 PCMA/8000\r\n"
        + "a=rtpmap:101 telephone-event/8000\r\n"
        + "a=fmtp:101 0-15\r\n"
        + "a=ptime:20\r\n"
        + "a=sendrecv\r\n";
  }

  /** What baresip answers: PCMU only. */
  public static String baresipAnswer(int port) {
    return baresipOffer(port).replace("RTP/AVP 0 8 101", "RTP/AVP 0 101").replace("a=rtpmap:8 PCMA/8000\r\n", "");
  }
}
