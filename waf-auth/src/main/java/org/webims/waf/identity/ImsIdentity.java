package org.webims.waf.identity;

import java.util.List;
import java.util.Objects;

/**
 * The IMS identity a web identity is mapped to (TS 24.371 A.3.2 step 1, WAF-02): one IMPI and the granted IMPUs,
 * the default IMPU first.
 */
public record ImsIdentity(String impi, List<String> impus) {

  public ImsIdentity {
    Objects.requireNonNull(impi, "impi");
    if (impi.isBlank()) {
      throw new IllegalArgumentException("impi must not be blank");
    }
    impus = List.copyOf(impus);
    if (impus.isEmpty()) {
      throw new IllegalArgumentException("an IMS identity needs at least one IMPU (impi " + impi + ")");
    }
  }

  public String defaultImpu() {
    return impus.get(0);
  }
}
