package org.webims.waf.pool;

import java.util.Locale;

/** Where an {@link ImpuLease} stands (WAF-11). */
public enum LeaseState {
  /** Holds its IMPU: not released, not past its expiry. */
  LIVE,
  /** Given back: by the eP-CSCF after deregistration (EPC-28), or by an operator. */
  RELEASED,
  /** Lapsed at its expiry without release; its IMPU may be leased again. */
  EXPIRED;

  /** The name in the REST API and the console: {@code live}, {@code released}, {@code expired}. */
  public String value() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The state named {@code value} (as {@link #value()}), or null when there is none. */
  public static LeaseState ofValue(String value) {
    for (LeaseState state : values()) {
      if (state.value().equals(value)) {
        return state;
      }
    }
    return null;
  }
}
