package org.webims.e2e.interop;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.webims.e2e.support.Baresip;
import org.webims.e2e.support.WebImsSystem;

/**
 * The phone harness of issue 15 proved without any gateway: two baresip 1.0.0 phones, registered at the S-CSCF by
 * SIP Digest over UDP, call each other through the IMS core (SCS-34: the caller's INVITE is Digest-challenged with
 * 407, then routed), and each records the other's tone.
 */
class BaresipCallTest {

  static final Duration WAIT = Duration.ofSeconds(30);
  /** Half-scale sine has an RMS of 0.35; a codec and a jitter buffer keep most of it, silence is 0. */
  static final double NOT_SILENCE = 0.05;

  @TempDir
  static Path dir;
  static WebImsSystem system;

  @BeforeAll
  static void start() throws Exception {
    Baresip.requireInstalled();
    system = WebImsSystem.start(dir, WebImsSystem.imsReachableByPhones());
    system.addSubscriber("dave_private@ims.example.net", "dave-phone", "sip:dave@ims.example.net");
    system.addSubscriber("erin_private@ims.example.net", "erin-phone", "sip:erin@ims.example.net");
  }

  @AfterAll
  static void stop() {
    if (system != null) {
      system.close();
    }
  }

  @Test
  void baresipCallsBaresipThroughTheImsCoreAndEachHearsTheOther() throws Exception {
    try (Baresip dave = Baresip.start(dir.resolve("dave"), "sip:dave@ims.example.net",
            "dave_private@ims.example.net", "dave-phone", system.scscfUdpAddress(), false);
        Baresip erin = Baresip.start(dir.resolve("erin"), "sip:erin@ims.example.net",
            "erin_private@ims.example.net", "erin-phone", system.scscfUdpAddress(), false)) {
      dave.dial("sip:erin@ims.example.net");
      erin.awaitEvent("CALL_INCOMING", WAIT);
      erin.answer();
      dave.awaitEvent("CALL_ESTABLISHED", WAIT);
      erin.awaitEvent("CALL_ESTABLISHED", WAIT);
      dave.awaitHearing(NOT_SILENCE, WAIT);
      erin.awaitHearing(NOT_SILENCE, WAIT);

      erin.hangUp();
      dave.awaitEvent("CALL_CLOSED", WAIT);
      erin.awaitEvent("CALL_CLOSED", WAIT);
      assertThat(dave.callState()).isEqualTo("CLOSED");
    }
  }
}
