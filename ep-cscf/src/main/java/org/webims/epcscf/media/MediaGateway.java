package org.webims.epcscf.media;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;

/**
 * The eIMS-AGW as the eP-CSCF drives it (TS 23.228 U.1, TS 23.334 §5.20; EPC-80..82): offers and answers
 * rewritten so that media passes the gateway, sessions deleted, listed and queried. {@link RtpEngineGateway}
 * speaks rtpengine's ng protocol; tests may substitute another. Every stage completes exceptionally with a
 * {@link MediaGatewayException} when the gateway fails; the eP-CSCF takes results on its event loop.
 */
public interface MediaGateway {

  /** Who receives the SDP the gateway returns, which sets its profile. */
  enum Toward {
    /** A WIC: UDP/TLS/RTP/SAVPF with ICE-lite, DTLS-SRTP, rtcp-mux (WebRTC, RFC 8827/8834). */
    WIC,
    /** The IMS side: RTP/AVP, no ICE, no DTLS, RTCP on its own port. */
    CORE
  }

  /**
   * One gateway session's identifiers.
   *
   * @param callId the gateway's call id (the eP-CSCF's prefix, the SIP Call-ID and the flow)
   * @param fromTag the From tag of the request carrying the offer (the offerer's tag)
   * @param toTag the To tag, or null before the answerer chose one
   */
  record Leg(String callId, String fromTag, String toTag) {
  }

  /** The offer {@code sdp}, rewritten for {@code toward}. */
  CompletionStage<String> offer(Leg leg, String sdp, Toward toward);

  /** The answer {@code sdp}, rewritten for {@code toward} (the offerer's side). */
  CompletionStage<String> answer(Leg leg, String sdp, Toward toward);

  /** Ends the whole session {@code callId} at once. */
  CompletionStage<Void> delete(String callId);

  /** The gateway's view of a session (its reply dictionary). */
  CompletionStage<Map<String, Object>> query(String callId);

  /** The call ids the gateway holds, at most {@code limit}. */
  CompletionStage<List<String>> list(int limit);

  /** Completes when the gateway answers. */
  CompletionStage<Void> ping();
}
