package org.webims.wic.ua;

import java.util.function.IntUnaryOperator;

/**
 * The WIC's timers and trust, set from the page's start call ({@code wicStart(url, options)}); every
 * value has a default. The re-registration instant is not here: WIC-17 fixes it. Times are int
 * milliseconds: TeaVM emulates {@code long} arithmetic in JavaScript, which costs wic.js bytes.
 */
public final class WicConfig {

  /** A CRLF keep-alive ping this long after the last pong (RFC 5626 §4.4.1). */
  public static final int KEEP_ALIVE_INTERVAL_MILLIS = 20_000;
  /** No pong this long after a ping: the connection is dead. Interval + timeout = the 30 s bound. */
  public static final int KEEP_ALIVE_TIMEOUT_MILLIS = 10_000;
  /** The first reconnect waits up to this long; each further attempt doubles it (RFC 5626 §4.5). */
  public static final int RECONNECT_BASE_MILLIS = 2_000;
  /** The longest wait between reconnect attempts. */
  public static final int RECONNECT_MAX_MILLIS = 60_000;
  /** WIC-63: an incoming call nobody answers this long gets 480. */
  public static final int RING_TIMEOUT_MILLIS = 60_000;

  final int keepAliveIntervalMillis;
  final int keepAliveTimeoutMillis;
  final int reconnectBaseMillis;
  final int reconnectMaxMillis;
  final int ringTimeoutMillis;
  /** Null or empty trusts none. */
  final String trustedAuthzServer;

  /**
   * @param trustedAuthzServer the one RFC 8898 {@code authz_server} (the WAF) the WIC fetches a new
   *     token for after a 401 (WIC-32); null or empty trusts none
   */
  public WicConfig(int keepAliveIntervalMillis, int keepAliveTimeoutMillis, int reconnectBaseMillis,
      int reconnectMaxMillis, int ringTimeoutMillis, String trustedAuthzServer) {
    this.keepAliveIntervalMillis = keepAliveIntervalMillis;
    this.keepAliveTimeoutMillis = keepAliveTimeoutMillis;
    this.reconnectBaseMillis = reconnectBaseMillis;
    this.reconnectMaxMillis = Math.max(reconnectMaxMillis, reconnectBaseMillis);
    this.ringTimeoutMillis = ringTimeoutMillis;
    this.trustedAuthzServer = trustedAuthzServer;
  }

  /** The defaults, trusting {@code trustedAuthzServer}. */
  public static WicConfig defaults(String trustedAuthzServer) {
    return new WicConfig(KEEP_ALIVE_INTERVAL_MILLIS, KEEP_ALIVE_TIMEOUT_MILLIS, RECONNECT_BASE_MILLIS,
        RECONNECT_MAX_MILLIS, RING_TIMEOUT_MILLIS, trustedAuthzServer);
  }

  /** True when {@code authzServer} names the trusted WAF; a trailing slash makes no difference. */
  boolean trusts(String authzServer) {
    String t = trustedAuthzServer;
    return authzServer != null && t != null && !t.isEmpty()
        && (authzServer.equals(t) || authzServer.equals(t + "/") || t.equals(authzServer + "/"));
  }

  /**
   * RFC 5626 §4.5: before attempt {@code n} (1, 2, ...) the WIC waits base * 2^(n-1), at most the
   * maximum, times a random factor between 0.5 and 1 (uniform, from {@code random}).
   */
  int reconnectDelayMillis(int n, IntUnaryOperator random) {
    int wait = reconnectBaseMillis;
    for (int i = 1; i < n && wait < reconnectMaxMillis; i++) {
      wait *= 2;
    }
    wait = Math.min(wait, reconnectMaxMillis);
    return wait / 2 + random.applyAsInt(wait - wait / 2 + 1);
  }
}
