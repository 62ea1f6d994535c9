package org.webims.server.events;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.slf4j.event.KeyValuePair;

/**
 * Issue 16, the event log: one line per event on its own logger, its fields as key-value pairs (what Spring Boot's
 * structured formats write as JSON), and refusals limited per kind and reason, summed up once the interval is over.
 */
class EventLogTest {

  private static final String LOGGER = "webims.events.test";

  private final AtomicLong now = new AtomicLong(1_000_000);
  private final EventLog events = new EventLog(LOGGER, new EventLogProperties(Duration.ofSeconds(10), 3, 100),
      now::get);
  private final ListAppender<ILoggingEvent> lines = new ListAppender<>();

  @BeforeEach
  void capture() {
    lines.start();
    ((Logger) LoggerFactory.getLogger(LOGGER)).addAppender(lines);
  }

  @AfterEach
  void release() {
    ((Logger) LoggerFactory.getLogger(LOGGER)).detachAppender(lines);
  }

  private List<String> messages() {
    return lines.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
  }

  @Test
  void anEventIsOneLineWithItsFieldsAsKeyValuePairs() {
    events.log(Event.of("call.end").with("call_id", "a84b4c76e66710").with("reason", "bye_wic")
        .with("duration_ms", 61_250).with("left_out", null));

    assertThat(messages()).containsExactly("call.end call_id=a84b4c76e66710 reason=bye_wic duration_ms=61250");
    ILoggingEvent line = lines.list.get(0);
    assertThat(line.getLevel().toString()).isEqualTo("INFO");
    assertThat(line.getLoggerName()).isEqualTo(LOGGER);
    assertThat(line.getKeyValuePairs()).extracting(kv -> kv.key + "=" + kv.value)
        .containsExactly("event=call.end", "call_id=a84b4c76e66710", "reason=bye_wic", "duration_ms=61250");
  }

  @Test
  void aValueThatWouldBreakTheLineIsQuoted() {
    events.log(Event.of("register.refused").with("phrase", "Forbidden \"really\"\r\nX: y").with("to", "a=b"));

    assertThat(messages()).containsExactly("register.refused phrase=\"Forbidden \\\"really\\\"X: y\" to=\"a=b\"");
  }

  @Test
  void refusalsAreLimitedPerKindAndReasonThenSummedUp() {
    for (int i = 0; i < 100; i++) {
      events.refusal(Event.of("handshake.refused").with("reason", "origin").with("source", "192.0.2." + i));
    }
    events.refusal(Event.of("handshake.refused").with("reason", "subprotocol"));
    events.refusal(Event.of("token.refused").with("reason", "origin"));
    assertThat(messages()).hasSize(5);
    assertThat(messages().subList(0, 3)).allMatch(m -> m.startsWith("handshake.refused reason=origin source=192.0.2."));

    now.addAndGet(10_000);
    events.refusal(Event.of("token.refused").with("reason", "expired"));

    assertThat(messages().subList(5, 7)).containsExactly(
        "events.suppressed kind=handshake.refused reason=origin suppressed=97 seconds=10",
        "token.refused reason=expired");
    events.refusal(Event.of("handshake.refused").with("reason", "origin"));
    assertThat(messages()).hasSize(8).last().asString().startsWith("handshake.refused reason=origin");
  }

  @Test
  void eventsThatAreNotRefusalsAreNeverLimited() {
    for (int i = 0; i < 50; i++) {
      events.log(Event.of("registration").with("flow", "fl-" + i));
    }
    assertThat(lines.list).hasSize(50);
    List<KeyValuePair> first = lines.list.get(0).getKeyValuePairs();
    assertThat(first.get(0).value).isEqualTo("registration");
  }
}
