package org.webims.epcscf.media;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.webims.epcscf.testing.RtpEngineDaemon;

/** The test support every media test (EPC-80..82) stands on: a real rtpengine that starts, answers and stops. */
class RtpEngineDaemonTest {

  @Test
  void startsAnswersPingAndStopsOnClose() throws Exception {
    RtpEngineDaemon daemon = RtpEngineDaemon.start();
    try {
      assertThat(daemon.command("d7:command4:pinge", Duration.ofSeconds(2))).isEqualTo("d6:result4:ponge");
      assertThat(daemon.portMax() - daemon.portMin() + 1).isEqualTo(RtpEngineDaemon.MEDIA_PORTS);
    } finally {
      daemon.close();
    }
    assertThat(daemon.isAlive()).isFalse();
  }
}
