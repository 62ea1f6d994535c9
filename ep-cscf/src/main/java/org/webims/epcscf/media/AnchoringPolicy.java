package org.webims.epcscf.media;

import java.util.Locale;
import java.util.function.Predicate;
import org.webims.sip.uri.SipUri;
import org.webims.sip.uri.Uri;

/**
 * Which new sessions pass the eIMS-AGW (EPC-80, EPC-81; the lead's decisions of issue 15). A WIC's INVITE
 * toward the core is anchored unless its Request-URI names an IMPU registered through one of this
 * eP-CSCF's flows: the eP-CSCF cannot see the callee's SDP before it forwards the offer, and only a callee
 * it serves is known to be a WIC. An INVITE from the core is anchored when its offer is not WebRTC
 * ({@link WebRtcSdp}). With {@link Mode#ALWAYS} every session is anchored.
 */
public final class AnchoringPolicy {

  /** {@code webims.epcscf.media.anchor}. */
  public enum Mode {
    /** Anchor what is not known to be WebRTC at both ends (the default; WebRTC media plane optimisation). */
    NON_WEBRTC,
    /** Anchor every session. */
    ALWAYS;

    /** {@code non-webrtc} or {@code always}. */
    public static Mode of(String text) {
      return switch (text.trim().toLowerCase(Locale.ROOT)) {
        case "non-webrtc" -> NON_WEBRTC;
        case "always" -> ALWAYS;
        default -> throw new IllegalArgumentException("webims.epcscf.media.anchor must be non-webrtc or always: "
            + text);
      };
    }
  }

  private final Mode mode;
  private final Predicate<String> registeredHere;

  /** @param registeredHere true for an IMPU (as written in P-Associated-URI) registered through this eP-CSCF */
  public AnchoringPolicy(Mode mode, Predicate<String> registeredHere) {
    this.mode = mode;
    this.registeredHere = registeredHere;
  }

  /** A WIC's initial INVITE to {@code requestUri}. */
  boolean anchorsFromWic(Uri requestUri) {
    return mode == Mode.ALWAYS || !servedHere(requestUri);
  }

  /** The core's initial INVITE offering {@code sdp} to a WIC. */
  boolean anchorsFromCore(String sdp) {
    return mode == Mode.ALWAYS || !WebRtcSdp.isWebRtc(sdp);
  }

  /** The Request-URI as registered, or a SIP URI with {@code user=phone} as the TEL URI of its number. */
  private boolean servedHere(Uri requestUri) {
    if (registeredHere.test(requestUri.toString())) {
      return true;
    }
    return requestUri instanceof SipUri sip && sip.user() != null && "phone".equals(sip.parameter("user"))
        && registeredHere.test("tel:" + sip.user());
  }
}
