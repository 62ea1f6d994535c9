package org.webims.epcscf.config;

import io.netty.util.ResourceLeakDetector;
import java.util.function.Function;

/**
 * Issue 13: Netty's leak detector records a stack trace for 1 in 128 buffers, 1.3-2% of the eP-CSCF's CPU
 * under load (docs/benchmarks.md). The eP-CSCF turns it off unless the operator chose a level with
 * {@code -Dio.netty.leakDetection.level} (or Netty's older {@code io.netty.leakDetectionLevel}).
 */
public final class NettyLeakDetection {

  static final String LEVEL = "io.netty.leakDetection.level";
  static final String LEGACY_LEVEL = "io.netty.leakDetectionLevel";

  private NettyLeakDetection() {
  }

  /** Disables leak detection unless {@code systemProperties} names a level. */
  public static void applyDefault(Function<String, String> systemProperties) {
    if (systemProperties.apply(LEVEL) == null && systemProperties.apply(LEGACY_LEVEL) == null) {
      ResourceLeakDetector.setLevel(ResourceLeakDetector.Level.DISABLED);
    }
  }
}
