package org.webims.server.events;

import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.spi.LoggingEventBuilder;

/**
 * The event log of one server (issue 16, docs/operations.md "Event log"): one INFO line per event on a logger of its
 * own ({@code webims.events.epcscf}, {@code webims.events.ims}, {@code webims.events.waf}), so that operators route
 * it apart from the diagnostics. The message is the plain line ({@link Event#line}); the same fields go to SLF4J as
 * key-value pairs, which Spring Boot's structured formats ({@code logging.structured.format.console=ecs},
 * {@code logstash}, {@code gelf}) write as JSON members, with {@code event} for the event's name.
 *
 * <p>{@link #refusal} is for what a client can repeat at will: at most {@code refusalsPerInterval} lines per kind and
 * reason per interval, then one {@code events.suppressed} line with the count. Thread-safe, and never waits but
 * for the logger itself.
 */
public final class EventLog {

  /** The name of the event that sums up refusals not written. */
  public static final String SUPPRESSED = "events.suppressed";

  private final Logger log;
  private final RefusalLimiter limiter;
  private final LongSupplier millis;

  public EventLog(String loggerName, EventLogProperties limits) {
    this(loggerName, limits, System::currentTimeMillis);
  }

  /** @param millis the clock of the refusal intervals */
  public EventLog(String loggerName, EventLogProperties limits, LongSupplier millis) {
    this.log = LoggerFactory.getLogger(loggerName);
    this.limiter = new RefusalLimiter(limits.refusalInterval().toMillis(), limits.refusalsPerInterval(),
        limits.refusalKinds());
    this.millis = millis;
  }

  /** An event log with the default limits, for parts built without the application (tests). */
  public static EventLog named(String loggerName) {
    return new EventLog(loggerName, EventLogProperties.DEFAULTS);
  }

  /** The logger's name, for the tests that read it. */
  public String name() {
    return log.getName();
  }

  /** Writes {@code event}. */
  public void log(Event event) {
    if (!log.isInfoEnabled()) {
      return;
    }
    LoggingEventBuilder b = log.atInfo().setMessage(event.line()).addKeyValue("event", event.name());
    for (Event.Field f : event.fields()) {
      b = b.addKeyValue(f.key(), f.value());
    }
    b.log();
  }

  /** Writes {@code event}, a refusal, unless too many of its kind and {@link Event#REASON} were written lately. */
  public void refusal(Event event) {
    Object reason = event.get(Event.REASON);
    RefusalLimiter.Decision d = limiter.refused(event.name() + ' ' + reason, millis.getAsLong());
    for (RefusalLimiter.Suppressed s : d.summaries()) {
      int space = s.key().indexOf(' ');
      log(Event.of(SUPPRESSED).with("kind", s.key().substring(0, space))
          .with(Event.REASON, s.key().substring(space + 1)).with("suppressed", s.count())
          .with("seconds", s.millis() / 1000));
    }
    if (d.write()) {
      log(event);
    }
  }
}
