package org.webims.e2e.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.webims.epcscf.media.Bencode;
import org.webims.epcscf.testing.RtpEngineDaemon;

/**
 * What a real rtpengine holds, asked over its ng protocol (the test's own questions, beside the eP-CSCF's client):
 * the calls it has ({@code list}, EPC-82: none left behind) and how much media went through one ({@code query}:
 * its RTP byte counters, EPC-80/81: the media is anchored).
 */
public final class RtpEngineCalls {

  private static final Duration TIMEOUT = Duration.ofSeconds(2);

  private RtpEngineCalls() {
  }

  /** The Call-IDs of the calls rtpengine has now. */
  public static List<String> list(RtpEngineDaemon rtpengine) {
    Map<String, Object> reply = ask(rtpengine, Map.of("command", "list", "limit", 1000));
    return ((List<?>) reply.get("calls")).stream().map(String::valueOf).toList();
  }

  /** The RTP bytes rtpengine has forwarded for {@code callId} (all its streams, both ways), from {@code query}. */
  public static long rtpBytes(RtpEngineDaemon rtpengine, String callId) {
    Map<String, Object> reply = ask(rtpengine, Map.of("command", "query", "call-id", callId));
    Object totals = reply.get("totals");
    if (!(totals instanceof Map<?, ?> t) || !(t.get("RTP") instanceof Map<?, ?> rtp)) {
      throw new IllegalStateException("no RTP totals in rtpengine's query answer " + reply);
    }
    return ((Number) rtp.get("bytes")).longValue();
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> ask(RtpEngineDaemon rtpengine, Map<String, Object> message) {
    String request = new String(Bencode.encode(new LinkedHashMap<>(message)), StandardCharsets.ISO_8859_1);
    String reply;
    try {
      reply = rtpengine.command(request, TIMEOUT);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    if (reply == null) {
      throw new IllegalStateException("rtpengine did not answer " + message.get("command"));
    }
    Map<String, Object> answer = (Map<String, Object>) Bencode.decode(reply.getBytes(StandardCharsets.ISO_8859_1));
    if (!"ok".equals(String.valueOf(answer.get("result")))) {
      throw new IllegalStateException("rtpengine answered " + message.get("command") + " with " + answer);
    }
    return answer;
  }
}
