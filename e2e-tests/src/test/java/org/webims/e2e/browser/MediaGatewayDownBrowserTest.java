package org.webims.e2e.browser;

import java.nio.file.Files;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.webims.e2e.support.Baresip;
import org.webims.epcscf.testing.RtpEngineDaemon;

/** Issue 15: rtpengine ran and was stopped before the eP-CSCF started, so its ng port no longer answers. */
class MediaGatewayDownBrowserTest extends BrowserAndPhone {

  @BeforeAll
  static void startWithStoppedGateway() throws Exception {
    Baresip.requireInstalled();
    String ngAddress;
    try (RtpEngineDaemon rtpengine = RtpEngineDaemon.start(Files.createDirectories(dir.resolve("rtpengine")))) {
      ngAddress = rtpengine.ngAddress();
    }
    start(List.of("--webims.epcscf.media.ng-address=" + ngAddress));
  }

  @Test
  void aCallThatNeedsTheStoppedGatewayFailsWith503AndLeavesNothingBehind_EPC80_EPC82() {
    assertCallsFailWith("Media Gateway Unavailable (503)");
  }
}
