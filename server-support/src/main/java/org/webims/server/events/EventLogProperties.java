package org.webims.server.events;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The event log's limits ({@code webims.events.*}, issue 16): refusals are written at most
 * {@code refusalsPerInterval} per kind and reason in each {@code refusalInterval}, then counted and summed up in
 * one line; at most {@code refusalKinds} kinds and reasons are remembered at once.
 */
@ConfigurationProperties("webims.events")
public record EventLogProperties(
    @DefaultValue("10s") Duration refusalInterval,
    @DefaultValue("5") int refusalsPerInterval,
    @DefaultValue("1000") int refusalKinds) {

  public static final EventLogProperties DEFAULTS = new EventLogProperties(Duration.ofSeconds(10), 5, 1000);

  public EventLogProperties {
    if (refusalInterval.isNegative() || refusalInterval.isZero()) {
      throw new IllegalArgumentException("webims.events.refusal-interval must be positive: " + refusalInterval);
    }
    if (refusalsPerInterval < 1 || refusalKinds < 1) {
      throw new IllegalArgumentException("webims.events.refusals-per-interval and refusal-kinds must be at least 1");
    }
  }
}
