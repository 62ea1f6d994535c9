package org.webims.wwsf.session;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * The answer of {@code GET /wic/session} (issue 4 contract): what the WIC needs to REGISTER (WIC-30): a currently
 * valid access token, the IMS identity it carries, where the eP-CSCF is and the realm; for a user served from an
 * IMPU pool (issue 6, TS 24.371 6.1 c), the lease the IMPU comes from.
 *
 * @param expiresAt the token's {@code exp}, ISO-8601 UTC
 * @param lease the live pool lease of the token's IMPU; absent for a fixed mapping
 */
public record WicSession(String token, String impi, List<String> impus, String epcscfUrl, String realm,
    String expiresAt, @JsonInclude(JsonInclude.Include.NON_NULL) Lease lease) {

  /**
   * The pool lease of a scenario-3 session (issue 6 contract).
   *
   * @param id the token's {@code impu_lease}
   * @param expiresAt when the lease lapses unless a new token extends it, ISO-8601 UTC
   */
  public record Lease(String id, String pool, String impu, String expiresAt) {
  }
}
