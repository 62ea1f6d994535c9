package org.webims.server.testing;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.time.Duration;
import java.util.List;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;
import org.slf4j.LoggerFactory;

/**
 * The lines of an event log (issue 16), captured on its logger: the log is the behaviour under test. Attach after
 * the application started (Spring Boot resets the logging system at each start).
 */
public final class EventLines implements AutoCloseable {

  private final Logger logger;
  private final ListAppender<ILoggingEvent> appender = new ListAppender<>();

  public EventLines(String loggerName) {
    logger = (Logger) LoggerFactory.getLogger(loggerName);
    appender.start();
    logger.addAppender(appender);
  }

  /** Every line so far. */
  public List<String> all() {
    synchronized (appender.list) {
      return appender.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
    }
  }

  /** The lines of event {@code name} so far. */
  public List<String> of(String name) {
    return all().stream().filter(line -> line.startsWith(name + " ")).toList();
  }

  /** Waits up to 10 s for a line of event {@code name} that contains every one of {@code parts}, and returns it. */
  public String await(String name, String... parts) {
    try {
      return Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> line(name, parts), found -> found != null);
    } catch (ConditionTimeoutException e) {
      throw new AssertionError("no " + name + " line with " + String.join(", ", parts) + " among " + all(), e);
    }
  }

  private String line(String name, String... parts) {
    for (String line : of(name)) {
      boolean all = true;
      for (String part : parts) {
        all &= line.contains(part);
      }
      if (all) {
        return line;
      }
    }
    return null;
  }

  /** Forgets the lines so far. */
  public void clear() {
    synchronized (appender.list) {
      appender.list.clear();
    }
  }

  @Override
  public void close() {
    logger.detachAppender(appender);
  }
}
