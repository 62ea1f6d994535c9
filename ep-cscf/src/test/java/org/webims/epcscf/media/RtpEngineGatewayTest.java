package org.webims.epcscf.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.webims.epcscf.media.MediaGateway.Leg;
import org.webims.epcscf.media.MediaGateway.Toward;
import org.webims.epcscf.testing.RtpEngineDaemon;

/**
 * EPC-80: the ng client and its flags against a real rtpengine (10.5): a browser's offer becomes plain
 * RTP toward the IMS side and the phone's answer becomes WebRTC (ICE-lite, DTLS-SRTP, rtcp-mux) for the
 * browser, and the other way round; sessions are listed, queried and deleted.
 */
class RtpEngineGatewayTest {

  private static RtpEngineDaemon daemon;
  private static EventLoopGroup loops;
  private static RtpEngineGateway gateway;

  @BeforeAll
  static void start() throws Exception {
    daemon = RtpEngineDaemon.start();
    loops = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    gateway = new RtpEngineGateway(new NgClient(loops.next(), daemon.ng(), Duration.ofSeconds(1), 2));
  }

  @AfterAll
  static void stop() throws Exception {
    gateway.close();
    loops.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    daemon.close();
  }

  private static <T> T join(java.util.concurrent.CompletionStage<T> stage) {
    return stage.toCompletableFuture().orTimeout(10, TimeUnit.SECONDS).join();
  }

  @Test
  void aBrowserOfferGoesToTheCoreAsPlainRtpAndTheAnswerComesBackAsWebRtc_EPC80() {
    Leg offerLeg = new Leg("t-wic-to-core", "wic-tag", null);
    String towardCore = join(gateway.offer(offerLeg, TestSdp.chromiumOffer(50000), Toward.CORE));
    assertThat(towardCore).contains("m=audio ").contains(" RTP/AVP ").contains("c=IN IP4 127.0.0.1")
        .doesNotContain("a=ice-ufrag").doesNotContain("a=candidate").doesNotContain("a=fingerprint")
        .doesNotContain("a=rtcp-mux").doesNotContain("50000");
    assertThat(WebRtcSdp.isWebRtc(towardCore)).isFalse();

    String towardWic = join(gateway.answer(new Leg("t-wic-to-core", "wic-tag", "phone-tag"),
        TestSdp.baresipAnswer(50010), Toward.WIC));
    assertThat(towardWic).contains("UDP/TLS/RTP/SAVPF").contains("a=ice-lite").contains("a=fingerprint:")
        .contains("a=ice-ufrag:").contains("a=candidate:").contains("a=rtcp-mux").contains("a=setup:")
        .doesNotContain("a=crypto").doesNotContain("50010");
    assertThat(WebRtcSdp.isWebRtc(towardWic)).isTrue();

    assertThat(join(gateway.list(100))).contains("t-wic-to-core");
    Map<String, Object> query = join(gateway.query("t-wic-to-core"));
    assertThat(query.get("result")).isEqualTo("ok");
    assertThat(query.get("tags")).isInstanceOf(Map.class);
    join(gateway.delete("t-wic-to-core"));
    assertThat(join(gateway.list(100))).doesNotContain("t-wic-to-core");
  }

  @Test
  void aPhoneOfferGoesToTheBrowserAsWebRtcAndTheBrowsersAnswerBackAsPlainRtp_EPC80() {
    String towardWic = join(gateway.offer(new Leg("t-core-to-wic", "phone-tag", null), TestSdp.baresipOffer(50020),
        Toward.WIC));
    assertThat(towardWic).contains("UDP/TLS/RTP/SAVPF").contains("a=ice-lite").contains("a=fingerprint:")
        .contains("a=rtcp-mux").contains("a=mid:").doesNotContain("a=crypto").doesNotContain("50020");
    String towardCore = join(gateway.answer(new Leg("t-core-to-wic", "phone-tag", "wic-tag"),
        TestSdp.chromiumAnswer(50030), Toward.CORE));
    assertThat(towardCore).contains(" RTP/AVP ").doesNotContain("a=ice-").doesNotContain("a=fingerprint")
        .doesNotContain("a=rtcp-mux").doesNotContain("50030");
    join(gateway.delete("t-core-to-wic"));
    assertThat(join(gateway.list(100))).doesNotContain("t-core-to-wic");
  }

  @Test
  void anErrorResultFailsWithTheGatewaysReason() {
    assertThatThrownBy(() -> join(gateway.answer(new Leg("t-no-such-call", "a", "b"), TestSdp.baresipAnswer(50040),
        Toward.WIC)))
        .isInstanceOf(CompletionException.class)
        .satisfies(e -> {
          MediaGatewayException failure = MediaGatewayException.of(e);
          assertThat(failure.reason()).isEqualTo(MediaGatewayException.Reason.ERROR);
          assertThat(failure.getMessage()).contains("media gateway:");
        });
  }

  @Test
  void pingIsAnswered() {
    assertThat(join(gateway.ping())).isNull();
    assertThat(join(gateway.list(100))).isNotNull();
  }

  @Test
  void listIsEmptyWhenNothingIsAnchored() {
    List<String> calls = join(gateway.list(100));
    assertThat(calls).allMatch(id -> !id.startsWith("t-"));
  }
}
