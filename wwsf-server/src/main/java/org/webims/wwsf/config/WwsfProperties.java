package org.webims.wwsf.config;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Configuration of the WWSF, prefix {@code webims.wwsf}. Every property is listed in {@code docs/wwsf.md}.
 *
 * @param epcscfUrl the eP-CSCF's WebSocket URL the WIC connects to ({@code epcscfUrl} of {@code /wic/session})
 * @param realm the home domain, the REGISTER's Request-URI ({@code realm} of {@code /wic/session})
 * @param tokenRefreshMargin a token that expires within this margin is refreshed before it is handed out
 * @param console the operator console ({@code /console})
 * @param imsAdmin the IMS core's admin API, which the console's network deregistration calls
 */
@Validated
@ConfigurationProperties("webims.wwsf")
public record WwsfProperties(
    @DefaultValue("wss://localhost:7443") @NotBlank String epcscfUrl,
    @DefaultValue("ims.example.net") @NotBlank String realm,
    @DefaultValue("30s") @NotNull Duration tokenRefreshMargin,
    @DefaultValue @NotNull @Valid Console console,
    @DefaultValue @NotNull @Valid ImsAdmin imsAdmin) {

  /** @param pageSize the identity mappings shown per page of {@code /console} */
  public record Console(@DefaultValue("20") @Min(1) @Max(1000) int pageSize) {
  }

  /**
   * The IMS core's admin API (HTTPS, HTTP Basic). Without a URL the console offers no network deregistration.
   *
   * @param url e.g. {@code https://127.0.0.1:8090}; empty: no deregistration form
   * @param username the HTTP Basic user
   * @param password the HTTP Basic password; never logged
   * @param trustStore a PKCS#12 file trusting the IMS core's (self-signed) certificate; empty: the JDK's authorities
   * @param trustStorePassword the password of {@code trustStore}
   * @param timeout connect and request timeout of each call
   */
  public record ImsAdmin(
      @DefaultValue("") String url,
      @DefaultValue("admin") String username,
      @DefaultValue("") String password,
      @DefaultValue("") String trustStore,
      @DefaultValue("") String trustStorePassword,
      @DefaultValue("5s") @NotNull Duration timeout) {

    public boolean enabled() {
      return url != null && !url.isBlank();
    }

    @Override
    public String toString() {
      return "ImsAdmin[url=" + url + ", username=" + username + ", trustStore=" + trustStore + "]";
    }
  }

  public WwsfProperties {
    if (tokenRefreshMargin != null && tokenRefreshMargin.isNegative()) {
      throw new IllegalArgumentException("webims.wwsf.token-refresh-margin must not be negative, was "
          + tokenRefreshMargin);
    }
  }
}
