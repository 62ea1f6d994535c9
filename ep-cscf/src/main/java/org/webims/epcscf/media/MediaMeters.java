package org.webims.epcscf.media;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.function.Supplier;

/**
 * The eIMS-AGW's meters (EPC-80..82), named {@code webims.epcscf.media.*}: anchored sessions now (a
 * gauge), offers, answers and deletes sent, and failed commands by reason ({@code timeout}: no answer
 * after the retries; {@code error}: the gateway refused).
 */
final class MediaMeters {

  static final String SESSIONS = "webims.epcscf.media.sessions";
  static final String OFFERS = "webims.epcscf.media.offers";
  static final String ANSWERS = "webims.epcscf.media.answers";
  static final String DELETES = "webims.epcscf.media.deletes";
  static final String ERRORS = "webims.epcscf.media.errors";

  private final Counter offers;
  private final Counter answers;
  private final Counter deletes;
  private final Counter timeouts;
  private final Counter errors;

  MediaMeters(MeterRegistry registry, Supplier<Number> sessions) {
    Gauge.builder(SESSIONS, sessions).description("Media sessions anchored in the gateway now").register(registry);
    offers = Counter.builder(OFFERS).description("Offers sent to the media gateway").register(registry);
    answers = Counter.builder(ANSWERS).description("Answers sent to the media gateway").register(registry);
    deletes = Counter.builder(DELETES).description("Sessions deleted at the media gateway").register(registry);
    timeouts = Counter.builder(ERRORS).tag("reason", MediaGatewayException.Reason.TIMEOUT.tag())
        .description("Media gateway commands that failed").register(registry);
    errors = Counter.builder(ERRORS).tag("reason", MediaGatewayException.Reason.ERROR.tag())
        .description("Media gateway commands that failed").register(registry);
  }

  void offer() {
    offers.increment();
  }

  void answer() {
    answers.increment();
  }

  void delete() {
    deletes.increment();
  }

  void failed(MediaGatewayException.Reason reason) {
    (reason == MediaGatewayException.Reason.TIMEOUT ? timeouts : errors).increment();
  }
}
