package org.webims.epcscf.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.MeterRegistry;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.webims.epcscf.config.EpCscfProperties;
import org.webims.epcscf.config.MediaConfiguration;
import org.webims.epcscf.core.CoreProxy;
import org.webims.epcscf.testing.RtpEngineDaemon;
import org.webims.epcscf.testing.RunningEpCscf;
import org.webims.epcscf.testing.TestTokens;

/**
 * {@code webims.epcscf.media.*} in the running eP-CSCF (EPC-80..82): with an ng address the proxy anchors
 * media, the ng client runs on the core side's loop and the periodic reconciliation deletes this
 * eP-CSCF's orphans at a real rtpengine (leaving another eP-CSCF's), counted in the meters; without one,
 * nothing is anchored. Bad values stop the start.
 */
class MediaGatewayWiringTest {

  @TempDir
  Path dir;

  private static String ng(RtpEngineDaemon daemon, String message) throws Exception {
    return daemon.command(message, Duration.ofSeconds(2));
  }

  private static String offer(String callId) {
    String sdp = TestSdp.baresipOffer(50050);
    return "d7:command5:offer7:call-id" + callId.length() + ":" + callId + "8:from-tag2:t13:sdp" + sdp.length() + ":"
        + sdp + "e";
  }

  @Test
  void theReconciliationOfTheRunningEpCscfDeletesItsOrphansOnly_EPC82() throws Exception {
    try (RtpEngineDaemon daemon = RtpEngineDaemon.start(dir)) {
      assertThat(ng(daemon, offer("wired-orphan/fl-gone"))).startsWith("d");
      assertThat(ng(daemon, offer("another-epcscf/fl-x"))).startsWith("d");
      RunningEpCscf running = RunningEpCscf.start(dir, TestTokens.newKey("waf-1"),
          "--webims.epcscf.media.ng-address=" + daemon.ngAddress(),
          "--webims.epcscf.media.call-id-prefix=wired-",
          "--webims.epcscf.media.reconcile-interval=1s");
      try {
        assertThat(running.context.getBean(CoreProxy.class).media().isOn()).isTrue();
        await().atMost(Duration.ofSeconds(15)).until(() -> !ng(daemon, "d7:command4:liste").contains("wired-orphan"));
        assertThat(ng(daemon, "d7:command4:liste")).contains("another-epcscf/fl-x");
        MeterRegistry meters = running.context.getBean(MediaConfiguration.MediaGatewayLife.class).meters();
        assertThat(meters.get("webims.epcscf.media.deletes").counter().count()).isGreaterThanOrEqualTo(1.0);
        assertThat(meters.get("webims.epcscf.media.sessions").gauge().value()).isZero();
      } finally {
        running.close();
      }
    }
  }

  @Test
  void withoutAnNgAddressNothingIsAnchored() throws Exception {
    RunningEpCscf running = RunningEpCscf.start(dir, TestTokens.newKey("waf-1"));
    try {
      assertThat(running.context.getBean(CoreProxy.class).media().isOn()).isFalse();
    } finally {
      running.close();
    }
  }

  @Test
  void badValuesAreRefusedWithThePropertysName() {
    Duration s = Duration.ofSeconds(1);
    assertThatThrownBy(() -> new EpCscfProperties.Media("127.0.0.1", s, 2, "non-webrtc", null, s, 256, 32))
        .hasMessageContaining("webims.epcscf.media.ng-address");
    assertThatThrownBy(() -> new EpCscfProperties.Media("127.0.0.1:2223", s, 2, "sometimes", null, s, 256, 32))
        .hasMessageContaining("webims.epcscf.media.anchor");
    assertThatThrownBy(() -> new EpCscfProperties.Media(null, Duration.ZERO, 2, "always", null, s, 256, 32))
        .hasMessageContaining("webims.epcscf.media.timeout");
    assertThatThrownBy(() -> new EpCscfProperties.Media(null, s, 11, "always", null, s, 256, 32))
        .hasMessageContaining("webims.epcscf.media.retries");
    assertThatThrownBy(() -> new EpCscfProperties.Media(null, s, 2, "always", null, Duration.ofMillis(10), 256, 32))
        .hasMessageContaining("webims.epcscf.media.reconcile-interval");
    assertThat(new EpCscfProperties.Media("[::1]:2223", s, 2, "ALWAYS", null, Duration.ZERO, 256, 32).ng().getPort())
        .isEqualTo(2223);
  }
}
