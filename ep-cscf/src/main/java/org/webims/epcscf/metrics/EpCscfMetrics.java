package org.webims.epcscf.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.webims.server.metrics.SipMeterLabels;

/**
 * The eP-CSCF's meters (issue 16, docs/operations.md), named after what operators of SIP edges read from
 * Kamailio's websocket, registrar, tm and dialog statistics. Every update is a Micrometer counter or timer: no
 * lock held, nothing that waits, so the event loops call it directly. Gauges read state that is safe from any
 * thread (concurrent maps, atomic counts), when Prometheus scrapes.
 */
public final class EpCscfMetrics {

  public static final String WS_CONNECTIONS = "webims.epcscf.ws.connections";
  public static final String WS_CONNECTIONS_OPENED = "webims.epcscf.ws.connections.opened";
  public static final String WS_HANDSHAKES = "webims.epcscf.ws.handshakes";
  public static final String WS_FRAMES = "webims.epcscf.ws.frames";
  public static final String REGISTRATIONS = "webims.epcscf.registrations";
  public static final String REGISTERS = "webims.epcscf.registers";
  public static final String REGISTER_DURATION = "webims.epcscf.register.duration";
  public static final String TOKEN_CHECKS = "webims.epcscf.token.checks";
  public static final String TOKEN_SIGNATURE_CHECKS = "webims.epcscf.token.signature.checks";
  public static final String JWKS_FETCHES = "webims.epcscf.jwks.fetches";
  public static final String TRANSACTIONS = "webims.epcscf.transactions";
  public static final String TRANSACTIONS_INUSE = "webims.epcscf.transactions.inuse";
  public static final String DIALOGS = "webims.epcscf.dialogs";
  public static final String CALLS = "webims.epcscf.calls";
  public static final String CALL_SETUP = "webims.epcscf.call.setup";
  private static final String HANDSHAKES = "WebSocket opening handshakes by outcome and reason";

  private final MeterRegistry registry;
  private final Counter opened;
  private final Counter handshakesSucceeded;
  private final Counter framesIn;
  private final Counter framesOut;
  private final Counter signatureChecks;
  private final Timer registerDuration;
  private final Timer originatingSetup;
  private final Timer terminatingSetup;

  public EpCscfMetrics(MeterRegistry registry) {
    this.registry = registry;
    this.opened = Counter.builder(WS_CONNECTIONS_OPENED)
        .description("WebSocket connections opened (handshakes that succeeded)").register(registry);
    this.handshakesSucceeded = Counter.builder(WS_HANDSHAKES).description(HANDSHAKES)
        .tags("outcome", "succeeded", "reason", "none").register(registry);
    this.framesIn = frames("in");
    this.framesOut = frames("out");
    this.signatureChecks = Counter.builder(TOKEN_SIGNATURE_CHECKS)
        .description("RS256 signature checks of access tokens (a cache hit costs none, EPC-27)").register(registry);
    this.registerDuration = Timer.builder(REGISTER_DURATION)
        .description("From a WIC's REGISTER received to the final response sent back on its flow")
        .publishPercentileHistogram()
        .minimumExpectedValue(Duration.ofMillis(1))
        .maximumExpectedValue(Duration.ofSeconds(30))
        .register(registry);
    this.originatingSetup = callSetup("originating");
    this.terminatingSetup = callSetup("terminating");
  }

  /** Ringing included, so up to Timer C (3 minutes, RFC 3261 §16.6 step 11). */
  private Timer callSetup(String direction) {
    return Timer.builder(CALL_SETUP).tag("direction", direction)
        .description("From a call's initial INVITE on a WIC flow to its first 2xx, by direction")
        .publishPercentileHistogram()
        .minimumExpectedValue(Duration.ofMillis(10))
        .maximumExpectedValue(Duration.ofMinutes(3))
        .register(registry);
  }

  /** Meters on a registry of their own: for layer tests and parts built without the application. */
  public static EpCscfMetrics unregistered() {
    return new EpCscfMetrics(new SimpleMeterRegistry());
  }

  public MeterRegistry registry() {
    return registry;
  }

  private Counter frames(String direction) {
    return Counter.builder(WS_FRAMES).tag("direction", direction)
        .description("WebSocket data frames (SIP messages and keep-alives) received and sent").register(registry);
  }

  /** A gauge read when scraped; {@code value} must be safe to call from any thread and never wait. */
  public void gauge(String name, String description, Supplier<Number> value) {
    Gauge.builder(name, value).description(description).register(registry);
  }

  /** A WebSocket handshake succeeded: a flow opened. */
  public void connectionOpened() {
    opened.increment();
    handshakesSucceeded.increment();
  }

  /** A handshake refused or abandoned: {@code reason} is one of a few fixed words (origin, subprotocol, timeout). */
  public void handshakeFailed(String reason) {
    Counter.builder(WS_HANDSHAKES).description(HANDSHAKES)
        .tags("outcome", "failed", "reason", reason).register(registry).increment();
  }

  public void frameIn() {
    framesIn.increment();
  }

  public void frameOut() {
    framesOut.increment();
  }

  /**
   * A final response to a WIC's REGISTER went back on its flow: accepted (2xx) or rejected with its status
   * code as the reason; {@code startedNanos} is when the REGISTER came in ({@link System#nanoTime}), or 0.
   */
  public void registerAnswered(int status, long startedNanos) {
    boolean accepted = status >= 200 && status < 300;
    Counter.builder(REGISTERS).description("REGISTERs from WICs answered, by result and status code")
        .tags("result", accepted ? "accepted" : "rejected", "reason", accepted ? "none" : Integer.toString(status))
        .register(registry).increment();
    if (startedNanos != 0) {
      registerDuration.record(System.nanoTime() - startedNanos, TimeUnit.NANOSECONDS);
    }
  }

  /** A token check: {@code cache_hit} (EPC-27), {@code verified} (signature and claims), or {@code failed}. */
  public void tokenChecked(String result, String reason) {
    Counter.builder(TOKEN_CHECKS).description("Access token checks by result, and failures by reason")
        .tags("result", result, "reason", reason).register(registry).increment();
  }

  /** An RS256 signature check is about to run. */
  public void signatureChecked() {
    signatureChecks.increment();
  }

  /** A fetch of the WAF's JWKS ended: {@code ok} when a key set came back. */
  public void jwksFetched(boolean ok) {
    Counter.builder(JWKS_FETCHES).description("Fetches of the WAF's JSON Web Key Set, by outcome")
        .tag("outcome", ok ? "success" : "failure").register(registry).increment();
  }

  /**
   * A SIP transaction across the edge ended with a final response: {@code originating} when the WIC sent the
   * request (the response went to the WIC), else the WIC answered a request from the core.
   */
  public void transactionCompleted(boolean originating, String method, int status) {
    Counter.builder(TRANSACTIONS).description("SIP transactions through the WebSocket edge by direction, method "
            + "and final response class")
        .tags("direction", originating ? "originating" : "terminating", "method", SipMeterLabels.method(method),
            "class", SipMeterLabels.statusClass(status))
        .register(registry).increment();
  }

  /**
   * A call through a WIC flow was established: its first 2xx passed, {@code setupNanos} after its INVITE;
   * {@code originating} when the WIC called.
   */
  public void callEstablished(boolean originating, long setupNanos) {
    (originating ? originatingSetup : terminatingSetup).record(setupNanos, TimeUnit.NANOSECONDS);
  }
}
