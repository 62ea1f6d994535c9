package org.webims.epcscf.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Set;
import org.junit.jupiter.api.Test;
import org.webims.sip.uri.Uri;

/** EPC-80, EPC-81: which SDP is WebRTC, and which new sessions the eP-CSCF anchors. */
class AnchoringPolicyTest {

  private static final Set<String> REGISTERED_HERE = Set.of("sip:alice@ims.example.net", "tel:+15551230001");
  private final AnchoringPolicy nonWebRtc = new AnchoringPolicy(AnchoringPolicy.Mode.NON_WEBRTC, REGISTERED_HERE::contains);
  private final AnchoringPolicy always = new AnchoringPolicy(AnchoringPolicy.Mode.ALWAYS, REGISTERED_HERE::contains);

  @Test
  void aWicsCallIsAnchoredUnlessItsRequestUriIsAnImpuRegisteredHere_EPC80_EPC81() throws Exception {
    assertThat(nonWebRtc.anchorsFromWic(Uri.parse("sip:bob@ims.example.net"))).isTrue();
    assertThat(nonWebRtc.anchorsFromWic(Uri.parse("sip:alice@ims.example.net"))).isFalse();
    assertThat(nonWebRtc.anchorsFromWic(Uri.parse("tel:+15551230001"))).isFalse();
    // a number dialled as a SIP URI with user=phone counts as the TEL URI (as the S-CSCF routes it, SCS-30)
    assertThat(nonWebRtc.anchorsFromWic(Uri.parse("sip:+15551230001@ims.example.net;user=phone"))).isFalse();
    assertThat(nonWebRtc.anchorsFromWic(Uri.parse("sip:+15551230002@ims.example.net;user=phone"))).isTrue();
    assertThat(always.anchorsFromWic(Uri.parse("sip:alice@ims.example.net"))).isTrue();
  }

  @Test
  void theCoresOfferIsAnchoredUnlessItIsWebRtc_EPC80_EPC81() {
    assertThat(nonWebRtc.anchorsFromCore(TestSdp.baresipOffer(4000))).isTrue();
    assertThat(nonWebRtc.anchorsFromCore(TestSdp.chromiumOffer(4000))).isFalse();
    assertThat(always.anchorsFromCore(TestSdp.chromiumOffer(4000))).isTrue();
  }

  @Test
  void webRtcIsSavpfOrAFingerprintWithIce() {
    assertThat(WebRtcSdp.isWebRtc(TestSdp.chromiumOffer(4000))).isTrue();
    String avpfWithDtlsAndIce = TestSdp.chromiumOffer(4000).replace("UDP/TLS/RTP/SAVPF", "RTP/SAVPF");
    assertThat(WebRtcSdp.isWebRtc(avpfWithDtlsAndIce)).isTrue();
    assertThat(WebRtcSdp.isWebRtc(avpfWithDtlsAndIce.replace("a=ice-ufrag:aW3c\r\n", ""))).isFalse();
    assertThat(WebRtcSdp.isWebRtc(TestSdp.baresipOffer(4000))).isFalse();
    assertThat(WebRtcSdp.isWebRtc(null)).isFalse();
  }

  @Test
  void theModeIsNonWebRtcOrAlways() {
    assertThat(AnchoringPolicy.Mode.of("non-webrtc")).isEqualTo(AnchoringPolicy.Mode.NON_WEBRTC);
    assertThat(AnchoringPolicy.Mode.of(" Always ")).isEqualTo(AnchoringPolicy.Mode.ALWAYS);
    assertThatThrownBy(() -> AnchoringPolicy.Mode.of("never")).hasMessageContaining("webims.epcscf.media.anchor");
  }
}
