package org.webims.e2e.browser;

import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.webims.e2e.support.Baresip;

/**
 * Issue 15: no {@code webims.epcscf.media.ng-address}, so nothing is anchored (what run.sh does when rtpengine is not
 * installed): the browser's WebRTC offer reaches the phone, which refuses it.
 */
class NoMediaGatewayBrowserTest extends BrowserAndPhone {

  @BeforeAll
  static void startWithoutGateway() throws Exception {
    Baresip.requireInstalled();
    start(List.of());
  }

  @Test
  void withoutAGatewayThePhoneRefusesTheWebRtcOfferWith488() {
    assertCallsFailWith("Not Acceptable Here (488)");
  }
}
