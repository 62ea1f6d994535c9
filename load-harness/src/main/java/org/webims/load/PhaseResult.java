package org.webims.load;

import java.util.Map;

/**
 * One step of a run: REGISTERs offered at {@code offeredPerSecond} (0: flat out, {@link #IDLE}: none, the flows
 * only held open) for {@code seconds}.
 *
 * @param ok REGISTERs answered 200
 * @param errors every other outcome by status code, or {@code timeout} / {@code closed}
 * @param challenges Digest 401s answered by a new REGISTER (not errors: the normal challenge round)
 * @param serverCpuPercent the registrar's process CPU over the step, 100 = one core busy (-1: not measured)
 */
public record PhaseResult(int offeredPerSecond, double seconds, long ok, Map<String, Long> errors, long challenges,
    double p50Millis, double p99Millis, double maxMillis, double serverCpuPercent) {

  /** The offered rate of a step that sends no REGISTER: the registered flows are held, the server idles. */
  public static final int IDLE = -1;

  public PhaseResult {
    errors = Map.copyOf(errors);
  }

  /** 200s per second over the step. */
  public double achievedPerSecond() {
    return seconds <= 0 ? 0 : ok / seconds;
  }

  /** The step's name in a report: "idle (no REGISTER)", "flat out" or "500/s". */
  public String label() {
    return offeredPerSecond == IDLE ? "idle (no REGISTER)" : offeredPerSecond == 0 ? "flat out"
        : offeredPerSecond + "/s";
  }
}
