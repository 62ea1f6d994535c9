package org.webims.epcscf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.nimbusds.jose.jwk.RSAKey;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.webims.epcscf.media.TestSdp;
import org.webims.epcscf.testing.RtpEngineDaemon;
import org.webims.epcscf.testing.RunningEpCscf;
import org.webims.epcscf.testing.TestMessages;
import org.webims.epcscf.testing.TestTokens;
import org.webims.epcscf.testing.WsClient;
import org.webims.epcscf.testing.WssCalls;
import org.webims.sip.message.SipRequest;
import org.webims.sip.message.SipResponse;

/**
 * EPC-80, EPC-82 over sockets, the way the eP-CSCF runs: a WIC over WSS calls a plain phone behind a fake
 * S-CSCF, with {@code webims.epcscf.media.ng-address} naming a real rtpengine. The ng client works on the
 * core side's event loop; the INVITE reaches the S-CSCF with RTP/AVP on rtpengine's ports, the 200 reaches
 * the WIC with ICE-lite and a fingerprint, and the WIC's BYE leaves rtpengine empty.
 */
class MediaAnchoringWssTest {

  private static final String ORIGIN = "https://localhost:8443";
  private static final Pattern MEDIA_PORT = Pattern.compile("m=audio (\\d+) ");

  @TempDir
  Path dir;

  @Test
  void aWicsCallOverWssIsAnchoredAndItsByeLeavesRtpengineEmpty_EPC80_EPC82() throws Exception {
    RSAKey wafKey = TestTokens.newKey("waf-1");
    try (RtpEngineDaemon daemon = RtpEngineDaemon.start(dir)) {
      RunningEpCscf running = RunningEpCscf.start(dir, wafKey, "--webims.epcscf.digest.enabled=false",
          "--webims.epcscf.media.ng-address=" + daemon.ngAddress());
      try (WsClient ws = WsClient.connect(running.http, running.epcscf.webSocketUri(), "sip", ORIGIN)) {
        int scscfPort = running.scscf.port();
        running.scscf.answerRegisters(r -> r.isMethod(SipRequest.INVITE)
            ? WssCalls.answer(r, 200, scscfPort, TestSdp.baresipAnswer(50010))
            : r.isMethod(SipRequest.BYE) ? WssCalls.text(SipResponse.to(r, 200, "OK").build()) : null);
        ws.send(TestMessages.register(TestMessages.bearer(TestTokens.sign(wafKey,
            TestTokens.claims(Instant.now()).build()))));
        assertThat(WssCalls.nextFinal(ws, SipRequest.REGISTER).statusCode()).isEqualTo(200);

        ws.send(WssCalls.fromAlice("wss-call-1", 1, SipRequest.INVITE, TestSdp.chromiumOffer(50000), false));
        SipResponse ok = WssCalls.nextFinal(ws, SipRequest.INVITE);
        assertThat(ok.statusCode()).isEqualTo(200);
        assertThat(ok.bodyAsString()).contains("UDP/TLS/RTP/SAVPF").contains("a=ice-lite").contains("a=fingerprint:")
            .contains("a=rtcp-mux").doesNotContain("50010");

        SipRequest towardCore = null;
        for (SipRequest r = running.scscf.next(); r != null; r = running.scscf.next()) {
          if (r.isMethod(SipRequest.INVITE)) {
            towardCore = r;
            break;
          }
        }
        assertThat(towardCore).as("the INVITE at the S-CSCF").isNotNull();
        assertThat(towardCore.bodyAsString()).contains(" RTP/AVP ").contains("c=IN IP4 127.0.0.1")
            .doesNotContain("a=ice-").doesNotContain("a=fingerprint");
        Matcher port = MEDIA_PORT.matcher(towardCore.bodyAsString());
        assertThat(port.find()).isTrue();
        assertThat(Integer.parseInt(port.group(1))).isBetween(daemon.portMin(), daemon.portMax());
        assertThat(daemon.command("d7:command4:liste", Duration.ofSeconds(2))).contains("wss-call-1");

        // the BYE along the dialog's route set (the flow's Record-Route) to the phone's Contact (the fake S-CSCF)
        ws.send(WssCalls.bye("wss-call-1", 2, ok, scscfPort));
        assertThat(WssCalls.nextFinal(ws, SipRequest.BYE).statusCode()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(10))
            .until(() -> !daemon.command("d7:command4:liste", Duration.ofSeconds(2)).contains("wss-call-1"));
      } finally {
        running.close();
      }
    }
  }
}
