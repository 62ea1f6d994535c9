package org.webims.epcscf.registration;

import java.time.Instant;
import java.util.List;

/**
 * EPC-30: what the eP-CSCF keeps for a flow after a 200 OK to REGISTER (TS 24.229 5.2.2.1): the
 * IMPI, the registered IMPUs from P-Associated-URI (default IMPU first), the Service-Route list and
 * the granted expiry, plus the WAF that granted the token (EPC-27).
 */
public record FlowRegistration(
    String flowId,
    String impi,
    List<String> associatedUris,
    List<String> serviceRoutes,
    String contact,
    long grantedExpires,
    Instant expiresAt,
    String wafIssuer) {

  public FlowRegistration {
    associatedUris = List.copyOf(associatedUris);
    serviceRoutes = List.copyOf(serviceRoutes);
  }

  /** The default IMPU: the first P-Associated-URI (RFC 7315 §4.1), or null when the core sent none. */
  public String defaultImpu() {
    return associatedUris.isEmpty() ? null : associatedUris.get(0);
  }
}
