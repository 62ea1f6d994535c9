package org.webims.ims.config;

import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Configuration of the IMS core ({@code webims.ims.*}); every property and its default is listed in
 * {@code docs/ims-core.md}.
 *
 * @param homeDomain the home network domain, also the Digest realm of the stored H(A1) values
 * @param trustedNodes source IP addresses whose {@code integrity-protected="auth-done"} is believed
 *     (SCS-05): the eP-CSCFs
 * @param subscribersFile a YAML or JSON file of subscribers upserted into the HSS at start; none when blank
 */
@Validated
@ConfigurationProperties("webims.ims")
public record ImsProperties(
    @DefaultValue("ims.example.net") @NotBlank String homeDomain,
    @DefaultValue("127.0.0.1") @NotEmpty List<@NotBlank String> trustedNodes,
    String subscribersFile,
    @DefaultValue @Valid Sip sip,
    @DefaultValue @Valid Registrar registrar) {

  /**
   * The S-CSCF's SIP listener: one port for UDP and TCP.
   *
   * @param bindAddress the local address of both sockets
   * @param port the UDP and TCP port; 0 picks free ephemeral ports (UDP and TCP may then differ)
   */
  public record Sip(
      @DefaultValue("127.0.0.1") @NotBlank String bindAddress,
      @DefaultValue("5060") @Min(0) @Max(65535) int port) {
  }

  /**
   * The registrar (RFC 3261 §10.3, TS 24.229 §5.4.1).
   *
   * @param maxExpires the longest registration granted, in seconds (SCS-08)
   * @param minExpires shorter non-zero requests get 423 with this Min-Expires (SCS-08)
   * @param defaultExpires the expiry used when the REGISTER names none
   * @param serviceRoute the Service-Route URI returned in the 200 OK (RFC 3608, SCS-07)
   * @param chargingFunctionAddresses the P-Charging-Function-Addresses value (RFC 7315 §4.5); none when blank
   */
  public record Registrar(
      @DefaultValue("3600") @Min(1) long maxExpires,
      @DefaultValue("60") @Min(1) long minExpires,
      @DefaultValue("3600") @Min(1) long defaultExpires,
      @DefaultValue("sip:orig@scscf.ims.example.net;lr") @NotBlank String serviceRoute,
      @DefaultValue("ccf=192.0.2.10") String chargingFunctionAddresses) {

    @AssertTrue(message = "min-expires must not exceed max-expires, and default-expires must lie between them")
    public boolean isExpiryRangeConsistent() {
      return minExpires <= maxExpires && defaultExpires >= minExpires && defaultExpires <= maxExpires;
    }
  }
}
