package org.webims.server.metrics;

import java.util.Locale;

/**
 * Label values of SIP meters (issue 16), the same on every server: a bounded set, so a client sending made-up
 * methods or status codes cannot grow the number of series a Prometheus server keeps.
 */
public final class SipMeterLabels {

  private SipMeterLabels() {
  }

  /** The method as written in RFC 3261 and its extensions; any other is {@code other}. */
  public static String method(String method) {
    String upper = method.toUpperCase(Locale.ROOT);
    return switch (upper) {
      case "REGISTER", "INVITE", "ACK", "BYE", "CANCEL", "OPTIONS", "SUBSCRIBE", "NOTIFY", "MESSAGE", "INFO",
          "UPDATE", "PRACK", "REFER", "PUBLISH" -> upper;
      default -> "other";
    };
  }

  /** The class of a final response: {@code 2xx} to {@code 6xx} (RFC 3261 §7.2). */
  public static String statusClass(int status) {
    return (status / 100) + "xx";
  }
}
