package org.webims.wic.browser;

import org.teavm.jso.JSBody;
import org.teavm.jso.JSObject;
import org.webims.wic.ua.WicConfig;

/**
 * The optional options object of {@code wicStart(url, options)}: times in seconds (fractions allowed)
 * and the trusted WAF. A missing, non-numeric or non-positive value takes the default.
 */
public final class BrowserOptions {

  private BrowserOptions() {
  }

  /**
   * {@code keepAliveInterval}, {@code keepAliveTimeout}, {@code reconnectBase}, {@code reconnectMax},
   * {@code ringTimeout} (seconds) and {@code trustedAuthzServer}, by default the page's own origin: the WWSF that hands
   * out the tokens is the WAF's front (issue 4 contract: one process).
   */
  public static WicConfig read(JSObject options) {
    return new WicConfig(millis(options, "keepAliveInterval", WicConfig.KEEP_ALIVE_INTERVAL_MILLIS),
        millis(options, "keepAliveTimeout", WicConfig.KEEP_ALIVE_TIMEOUT_MILLIS),
        millis(options, "reconnectBase", WicConfig.RECONNECT_BASE_MILLIS),
        millis(options, "reconnectMax", WicConfig.RECONNECT_MAX_MILLIS),
        millis(options, "ringTimeout", WicConfig.RING_TIMEOUT_MILLIS),
        trustedAuthzServer(options));
  }

  @JSBody(params = {"o", "k", "d"}, script = "var v = o && o[k]; return v > 0 ? Math.round(v * 1000) : d;")
  private static native int millis(JSObject o, String k, int d);

  @JSBody(params = "o", script = "return o && o.trustedAuthzServer"
      + " || (typeof location == 'undefined' ? '' : location.origin);")
  private static native String trustedAuthzServer(JSObject o);
}
