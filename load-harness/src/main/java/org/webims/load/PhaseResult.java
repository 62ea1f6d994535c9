package org.webims.load;

import java.util.Map;

/**
 * One step of a run: REGISTERs offered at {@code offeredPerSecond} (0: flat out) for {@code seconds}.
 *
 * @param ok REGISTERs answered 200
 * @param errors every other outcome by status code, or {@code timeout} / {@code closed}
 * @param challenges Digest 401s answered by a new REGISTER (not errors: the normal challenge round)
 * @param serverCpuPercent the registrar's process CPU over the step, 100 = one core busy (-1: not measured)
 */
public record PhaseResult(int offeredPerSecond, double seconds, long ok, Map<String, Long> errors, long challenges,
    double p50Millis, double p99Millis, double maxMillis, double serverCpuPercent) {

  public PhaseResult {
    errors = Map.copyOf(errors);
  }

  /** 200s per second over the step. */
  public double achievedPerSecond() {
    return seconds <= 0 ? 0 : ok / seconds;
  }
}
