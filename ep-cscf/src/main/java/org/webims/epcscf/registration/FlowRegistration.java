package org.webims.epcscf.registration;

import java.time.Instant;
import java.util.List;
import org.webims.sip.reginfo.ContactIdentity;

/**
 * EPC-30: what the eP-CSCF keeps for a flow after a 200 OK to REGISTER (TS 24.229 5.2.2.1): the
 * IMPI, the registered IMPUs from P-Associated-URI (default IMPU first), the Service-Route list and
 * the granted expiry, plus the WAF that granted the token (EPC-27) and, in scenario 3, the pool lease
 * of the IMPU with the token's expiry (EPC-28).
 *
 * @param contact the Contact the WIC registered (URI, +sip.instance, reg-id), or null for none or {@code *}
 * @param impuLease the token's {@code impu_lease}, or null (fixed mapping, SIP Digest)
 * @param tokenExpiresAt the token's {@code exp}, or null without a token
 */
public record FlowRegistration(
    String flowId,
    String impi,
    List<String> associatedUris,
    List<String> serviceRoutes,
    ContactIdentity contact,
    long grantedExpires,
    Instant expiresAt,
    String wafIssuer,
    String impuLease,
    Instant tokenExpiresAt) {

  public FlowRegistration {
    associatedUris = List.copyOf(associatedUris);
    serviceRoutes = List.copyOf(serviceRoutes);
  }

  /** The same registration with only {@code impus} left (EPC-42). */
  public FlowRegistration withAssociatedUris(List<String> impus) {
    return new FlowRegistration(flowId, impi, impus, serviceRoutes, contact, grantedExpires, expiresAt, wafIssuer,
        impuLease, tokenExpiresAt);
  }

  /** The default IMPU: the first P-Associated-URI (RFC 7315 §4.1), or null when the core sent none. */
  public String defaultImpu() {
    return associatedUris.isEmpty() ? null : associatedUris.get(0);
  }
}
