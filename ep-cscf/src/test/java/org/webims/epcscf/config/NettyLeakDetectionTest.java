package org.webims.epcscf.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.util.ResourceLeakDetector;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 13: Netty's leak detector (a stack capture for 1 in 128 buffers) costs the eP-CSCF 1-2% of its
 * CPU, so its default is off; an operator's {@code -Dio.netty.leakDetection.level} wins.
 */
class NettyLeakDetectionTest {

  private final ResourceLeakDetector.Level before = ResourceLeakDetector.getLevel();

  @AfterEach
  void restore() {
    ResourceLeakDetector.setLevel(before);
  }

  @Test
  void disabledWhenTheOperatorSetNothing() {
    ResourceLeakDetector.setLevel(ResourceLeakDetector.Level.SIMPLE);

    NettyLeakDetection.applyDefault(Map.<String, String>of()::get);

    assertThat(ResourceLeakDetector.getLevel()).isEqualTo(ResourceLeakDetector.Level.DISABLED);
  }

  @Test
  void anExplicitSettingWins() {
    ResourceLeakDetector.setLevel(ResourceLeakDetector.Level.PARANOID);

    NettyLeakDetection.applyDefault(Map.of("io.netty.leakDetection.level", "paranoid")::get);

    assertThat(ResourceLeakDetector.getLevel()).isEqualTo(ResourceLeakDetector.Level.PARANOID);
  }

  @Test
  void nettysOlderPropertyAlsoWins() {
    ResourceLeakDetector.setLevel(ResourceLeakDetector.Level.ADVANCED);

    NettyLeakDetection.applyDefault(Map.of("io.netty.leakDetectionLevel", "advanced")::get);

    assertThat(ResourceLeakDetector.getLevel()).isEqualTo(ResourceLeakDetector.Level.ADVANCED);
  }
}
