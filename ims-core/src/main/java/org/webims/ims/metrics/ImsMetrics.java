package org.webims.ims.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.function.Supplier;
import org.webims.server.metrics.SipMeterLabels;

/**
 * The IMS core's meters (issue 16, docs/operations.md), after Kamailio's registrar and tm statistics: registered
 * public identities now, SIP requests received, and the S-CSCF's own transactions by method and final class.
 * Counters only on the event loops: nothing waits.
 */
public final class ImsMetrics {

  public static final String REGISTRATIONS = "webims.ims.registrations";
  public static final String REQUESTS = "webims.ims.requests";
  public static final String TRANSACTIONS = "webims.ims.transactions";

  private final MeterRegistry registry;
  private final Counter requests;

  public ImsMetrics(MeterRegistry registry) {
    this.registry = registry;
    this.requests = Counter.builder(REQUESTS)
        .description("SIP requests received by the S-CSCF, retransmissions included").register(registry);
  }

  public MeterRegistry registry() {
    return registry;
  }

  /** A gauge read when scraped; {@code value} must be safe from any thread and never wait. */
  public void gauge(String name, String description, Supplier<Number> value) {
    Gauge.builder(name, value).description(description).register(registry);
  }

  public void requestReceived() {
    requests.increment();
  }

  /** The S-CSCF answered a request itself (registrar, reg-event, refusals) with a final response. */
  public void transactionCompleted(String method, int status) {
    Counter.builder(TRANSACTIONS).description("Requests the S-CSCF answered itself, by method and final class")
        .tags("method", SipMeterLabels.method(method), "class", SipMeterLabels.statusClass(status))
        .register(registry).increment();
  }
}
