package org.webims.waf.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

/**
 * The WAF's meters (issue 16, docs/operations.md): sign-ins and client authentications by result, throttled ones
 * among them (WAF-02), and pool leases granted, released and refused (scenario 3, WAF-11). The hosting server (the
 * WWSF) exports them on its management port.
 */
public final class WafMetrics {

  public static final String SIGN_INS = "webims.waf.signins";
  /** The WAF's event logger (issue 16, docs/operations.md "Event log"): sign-ins and leases, as counted here. */
  public static final String EVENTS = "webims.events.waf";
  public static final String LEASES = "webims.waf.leases";

  private final MeterRegistry registry;

  public WafMetrics(MeterRegistry registry) {
    this.registry = registry;
  }

  /** Meters on a registry of their own: for parts built without an application (tests, the standalone WAF). */
  public static WafMetrics unregistered() {
    return new WafMetrics(new SimpleMeterRegistry());
  }

  public MeterRegistry registry() {
    return registry;
  }

  /**
   * An authentication attempt ended: {@code kind} is {@code web} (the sign-in form) or {@code client} (OAuth
   * client authentication); {@code result} is {@code succeeded}, {@code failed} (wrong credentials) or
   * {@code throttled} (refused by the lockout before any check).
   */
  public void signIn(String kind, String result) {
    Counter.builder(SIGN_INS).description("Sign-ins and OAuth client authentications by kind and result")
        .tags("kind", kind, "result", result).register(registry).increment();
  }

  /**
   * A pool lease event: {@code granted} (with a token, new or extended), {@code released} (with the release's
   * reason, or {@code none}), {@code refused} (the pool exhausted).
   */
  public void lease(String event, String pool, String reason) {
    Counter.builder(LEASES).description("IMPU pool leases granted, released and refused")
        .tags("event", event, "pool", pool, "reason", reason).register(registry).increment();
  }
}
