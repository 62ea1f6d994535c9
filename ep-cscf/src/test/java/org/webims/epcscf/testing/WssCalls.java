package org.webims.epcscf.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.webims.sip.message.HeaderNames;
import org.webims.sip.message.SipMessage;
import org.webims.sip.message.SipRequest;
import org.webims.sip.message.SipResponse;
import org.webims.sip.parser.SipParser;

/**
 * A WIC's calls over WSS toward a phone behind the {@link FakeScscf}: alice's requests as the WIC sends them, bob's
 * answers as the fake S-CSCF returns them, and the wait for a final response on the WebSocket.
 */
public final class WssCalls {

  private WssCalls() {
  }

  /** Alice's {@code method} to bob in call {@code callId}; {@code inDialog} adds bob's tag. */
  public static String fromAlice(String callId, int cseq, String method, String sdp, boolean inDialog) {
    byte[] body = sdp == null ? new byte[0] : sdp.getBytes(StandardCharsets.UTF_8);
    return method + " sip:bob@ims.example.net SIP/2.0\r\n"
        + "Via: SIP/2.0/WSS df7jal23ls0d.invalid;rport;branch=z9hG4bK" + method + cseq + callId + "\r\n"
        + "Max-Forwards: 70\r\n"
        + "From: <sip:alice@ims.example.net>;tag=alice1\r\n"
        + "To: <sip:bob@ims.example.net>" + (inDialog ? ";tag=bob1" : "") + "\r\n"
        + "Call-ID: " + callId + "\r\n"
        + "CSeq: " + cseq + " " + method + "\r\n"
        + "Contact: <sip:k2not68h@df7jal23ls0d.invalid;transport=ws;ob>\r\n"
        + (sdp == null ? "" : "Content-Type: application/sdp\r\n")
        + "Content-Length: " + body.length + "\r\n\r\n" + (sdp == null ? "" : sdp);
  }

  /**
   * Alice's BYE in the call {@code ok} (bob's 200 to her INVITE) set up: to bob's Contact at the fake S-CSCF on
   * {@code scscfPort}, along the dialog's route set.
   */
  public static String bye(String callId, int cseq, SipResponse ok, int scscfPort) {
    return fromAlice(callId, cseq, SipRequest.BYE, null, true)
        .replace("sip:bob@ims.example.net SIP/2.0", "sip:bob@127.0.0.1:" + scscfPort + ";transport=tcp SIP/2.0")
        .replace("Max-Forwards: 70\r\n", "Route: " + ok.header(HeaderNames.RECORD_ROUTE) + "\r\nMax-Forwards: 70\r\n");
  }

  /** Bob's {@code status} to {@code invite} through the fake S-CSCF on {@code scscfPort}, with {@code sdp} if any. */
  public static String answer(SipRequest invite, int status, int scscfPort, String sdp) {
    SipResponse.Builder ok = SipResponse.to(invite, status, null);
    for (String rr : invite.headerLines(HeaderNames.RECORD_ROUTE)) {
      ok.header(HeaderNames.RECORD_ROUTE, rr);
    }
    ok.setHeader(HeaderNames.TO, invite.header(HeaderNames.TO) + ";tag=bob1")
        .header(HeaderNames.CONTACT, "<sip:bob@127.0.0.1:" + scscfPort + ";transport=tcp>");
    if (sdp != null) {
      ok.body("application/sdp", sdp);
    }
    return text(ok.build());
  }

  /**
   * Bob behind the fake S-CSCF on {@code scscfPort}, for {@link FakeScscf#answerRegisters}: 200 to an INVITE whose
   * Call-ID starts with "answered", 486 to "busy", else 180 and then 487 to its CANCEL; 200 to a BYE; nothing to an
   * ACK; REGISTERs get the fake's 200.
   */
  public static java.util.function.Function<SipRequest, String> bob(int scscfPort) {
    return r -> {
      try {
        String callId = r.callId();
        if (r.isMethod(SipRequest.INVITE)) {
          return answer(r, callId.startsWith("answered") ? 200 : callId.startsWith("busy") ? 486 : 180, scscfPort,
              null);
        }
        if (r.isMethod(SipRequest.CANCEL)) {
          return text(SipResponse.to(r, 200, "OK").build()) + text(SipResponse.to(r, 487, null)
              .setHeader(HeaderNames.CSEQ, r.cseq().sequence() + " INVITE")
              .setHeader(HeaderNames.TO, r.header(HeaderNames.TO) + ";tag=bob1").build());
        }
        if (r.isMethod(SipRequest.ACK)) {
          return ""; // the proxy's ACK to a 487 is not answered
        }
        return r.isMethod(SipRequest.BYE) ? text(SipResponse.to(r, 200, "OK").build()) : null;
      } catch (org.webims.sip.SipParseException e) {
        throw new IllegalStateException(e);
      }
    };
  }

  /** Alice's CANCEL of the INVITE {@code invite} (as {@link #fromAlice} wrote it). */
  public static String cancel(String invite) {
    return invite.replace("INVITE sip:", "CANCEL sip:").replaceFirst("CSeq: (\\d+) INVITE", "CSeq: $1 CANCEL")
        .replace("Contact: <sip:k2not68h@df7jal23ls0d.invalid;transport=ws;ob>\r\n", "");
  }

  /** A response as the fake S-CSCF writes it. */
  public static String text(SipResponse response) {
    return new String(response.toBytes(), StandardCharsets.UTF_8);
  }

  /** The next final response to {@code method} on {@code ws}; other messages are skipped. */
  public static SipResponse nextFinal(WsClient ws, String method) throws Exception {
    while (true) {
      String text = ws.next();
      assertThat(text).as("a final response to %s", method).isNotNull();
      SipMessage m = SipParser.DEFAULT.parse(text);
      if (m instanceof SipResponse r && r.statusCode() >= 200 && r.cseq().method().equals(method)) {
        return r;
      }
    }
  }
}
