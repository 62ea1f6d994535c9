package org.webims.sip.proxy;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The proxy core's settings: the Proxy-Require option tags it understands (RFC 3261 §16.3 step 5)
 * and Timer C (§16.6 step 11). Immutable; {@link #DEFAULT} understands none and uses 185 s.
 */
public final class ProxyConfig {

  /** RFC 3261 §16.6 step 11: Timer C "MUST be larger than 3 minutes". */
  public static final long MIN_TIMER_C = 180_001;
  public static final long DEFAULT_TIMER_C = 185_000;

  public static final ProxyConfig DEFAULT = new ProxyConfig(Collections.<String>emptyList(), DEFAULT_TIMER_C);

  private final List<String> proxyRequire;
  private final long timerC;

  private ProxyConfig(List<String> proxyRequire, long timerC) {
    if (timerC < MIN_TIMER_C) {
      throw new IllegalArgumentException("Timer C must be larger than 3 minutes (RFC 3261 §16.6): " + timerC);
    }
    this.proxyRequire = Collections.unmodifiableList(new ArrayList<>(proxyRequire));
    this.timerC = timerC;
  }

  /** The option tags this element supports in Proxy-Require, compared as written (RFC 3261 §19.2). */
  public List<String> proxyRequire() {
    return proxyRequire;
  }

  /** Timer C in milliseconds: how long an INVITE branch may stay without a final response. */
  public long timerC() {
    return timerC;
  }

  public ProxyConfig withProxyRequire(List<String> optionTags) {
    return new ProxyConfig(optionTags, timerC);
  }

  /** @throws IllegalArgumentException when not larger than 3 minutes */
  public ProxyConfig withTimerC(long millis) {
    return new ProxyConfig(proxyRequire, millis);
  }
}
