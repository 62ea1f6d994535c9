package org.webims.epcscf.media;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import org.webims.epcscf.media.MediaGatewayException.Reason;

/**
 * rtpengine as the eIMS-AGW (EPC-80), through the ng protocol ({@link NgClient}). The flags turn a
 * WebRTC offer or answer into plain RTP toward the IMS side and back (rtpengine's
 * {@code docs/ng_control_protocol.md}):
 * <ul>
 *   <li>toward the core: {@code transport-protocol RTP/AVP}, {@code ICE remove}, {@code rtcp-mux demux}
 *       (RTCP on its own port, as a plain SIP phone expects); an offer from the WIC also sets
 *       {@code ICE-lite backward}, so the answer the WIC gets says {@code a=ice-lite};
 *   <li>toward the WIC: {@code transport-protocol UDP/TLS/RTP/SAVPF} (DTLS-SRTP), {@code ICE force} with
 *       {@code ICE-lite forward}, {@code rtcp-mux offer require}, {@code SDES off} (browsers do not use
 *       SDES), {@code generate mid};
 *   <li>always {@code replace origin session-connection}: the o= and c= lines name the gateway.
 * </ul>
 */
public final class RtpEngineGateway implements MediaGateway, AutoCloseable {

  private final NgClient ng;

  public RtpEngineGateway(NgClient ng) {
    this.ng = ng;
  }

  @Override
  public CompletionStage<String> offer(Leg leg, String sdp, Toward toward) {
    Map<String, Object> m = command("offer", leg, sdp);
    if (toward == Toward.CORE) {
      towardCore(m);
      m.put("ICE-lite", "backward");
    } else {
      m.put("transport-protocol", "UDP/TLS/RTP/SAVPF");
      m.put("ICE", "force");
      m.put("ICE-lite", "forward");
      m.put("rtcp-mux", List.of("offer", "require"));
      m.put("SDES", List.of("off"));
      m.put("flags", List.of("generate mid"));
    }
    return ng.request(m).thenApply(RtpEngineGateway::sdp);
  }

  @Override
  public CompletionStage<String> answer(Leg leg, String sdp, Toward toward) {
    Map<String, Object> m = command("answer", leg, sdp);
    if (toward == Toward.CORE) {
      towardCore(m);
    } else {
      // The IMS side's answer has no ICE; the WIC offered it, so the gateway adds its own (lite) candidates.
      m.put("ICE", "force");
      m.put("SDES", List.of("off"));
    }
    return ng.request(m).thenApply(RtpEngineGateway::sdp);
  }

  @Override
  public CompletionStage<Void> delete(String callId) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("command", "delete");
    m.put("call-id", callId);
    m.put("delete delay", 0);
    m.put("flags", List.of("fast"));
    return ng.request(m).thenApply(reply -> null);
  }

  @Override
  public CompletionStage<Map<String, Object>> query(String callId) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("command", "query");
    m.put("call-id", callId);
    return ng.request(m);
  }

  @Override
  public CompletionStage<List<String>> list(int limit) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("command", "list");
    m.put("limit", limit);
    return ng.request(m).thenApply(reply -> {
      List<String> calls = new ArrayList<>();
      if (reply.get("calls") instanceof List<?> list) {
        for (Object id : list) {
          if (id instanceof String s) {
            calls.add(s);
          }
        }
      }
      return List.copyOf(calls);
    });
  }

  @Override
  public CompletionStage<Void> ping() {
    return ng.request(new LinkedHashMap<>(Map.of("command", "ping"))).thenApply(reply -> null);
  }

  @Override
  public void close() {
    ng.close();
  }

  private static Map<String, Object> command(String name, Leg leg, String sdp) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("command", name);
    m.put("call-id", leg.callId());
    m.put("from-tag", leg.fromTag());
    if (leg.toTag() != null) {
      m.put("to-tag", leg.toTag());
    }
    m.put("sdp", sdp);
    m.put("replace", List.of("origin", "session-connection"));
    return m;
  }

  private static void towardCore(Map<String, Object> m) {
    m.put("transport-protocol", "RTP/AVP");
    m.put("ICE", "remove");
    m.put("rtcp-mux", List.of("demux"));
  }

  private static String sdp(Map<String, Object> reply) {
    if (reply.get("sdp") instanceof String s) {
      return s;
    }
    throw new MediaGatewayException(Reason.ERROR, "media gateway: no SDP in the reply");
  }
}
