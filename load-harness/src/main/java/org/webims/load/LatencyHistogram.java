package org.webims.load;

import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.LongAccumulator;

/**
 * Response times in 10 µs buckets up to 5 s (one overflow bucket beyond), safe to record from several threads.
 * A percentile is the upper edge of its bucket, so it is never below the true value by more than 10 µs.
 */
public final class LatencyHistogram {

  static final long BUCKET_NANOS = 10_000;
  static final int BUCKETS = 500_000;

  private final AtomicLongArray counts = new AtomicLongArray(BUCKETS + 1);
  private final LongAccumulator max = new LongAccumulator(Math::max, 0);

  public void record(long nanos) {
    long bucket = Math.max(0, nanos) / BUCKET_NANOS;
    counts.incrementAndGet((int) Math.min(bucket, BUCKETS));
    max.accumulate(nanos);
  }

  public long count() {
    long n = 0;
    for (int i = 0; i <= BUCKETS; i++) {
      n += counts.get(i);
    }
    return n;
  }

  /** The {@code percentile} (0..100) in milliseconds; 0 when nothing was recorded. */
  public double percentileMillis(double percentile) {
    long total = count();
    if (total == 0) {
      return 0;
    }
    long rank = (long) Math.ceil(percentile / 100.0 * total);
    long seen = 0;
    for (int i = 0; i <= BUCKETS; i++) {
      seen += counts.get(i);
      if (seen >= Math.max(1, rank)) {
        return i == BUCKETS ? maxMillis() : (i + 1) * BUCKET_NANOS / 1e6;
      }
    }
    return maxMillis();
  }

  public double maxMillis() {
    return max.get() / 1e6;
  }
}
