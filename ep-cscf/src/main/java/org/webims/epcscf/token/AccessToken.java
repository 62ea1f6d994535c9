package org.webims.epcscf.token;

import java.time.Instant;
import java.util.List;

/**
 * The claims of a validated WAF access token that the eP-CSCF uses (contract §"The access token";
 * WAF-04, WAF-05). Holds no token text, so it is safe to keep in state and to log.
 *
 * @param issuer the WAF that granted the token ({@code iss}), which identifies it on every registration (EPC-27)
 * @param subject the web identity ({@code sub})
 * @param impi the IMPI the Trusted Node REGISTER names ({@code impi})
 * @param impus every granted IMPU, default first ({@code impu})
 * @param expiresAt {@code exp}
 * @param impuLease the pool lease the IMPU comes from ({@code impu_lease}, scenario 3), or null for a fixed mapping
 */
public record AccessToken(String issuer, String subject, String impi, List<String> impus, Instant expiresAt,
    String impuLease) {

  public AccessToken {
    impus = List.copyOf(impus);
  }

  /** EPC-23: true when the token grants this IMPU (compared as written by the WAF). */
  public boolean grants(String impu) {
    return impus.contains(impu);
  }
}
