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
 */
@Validated
@ConfigurationProperties("webims.wwsf")
public record WwsfProperties(
    @DefaultValue("wss://localhost:7443") @NotBlank String epcscfUrl,
    @DefaultValue("ims.example.net") @NotBlank String realm,
    @DefaultValue("30s") @NotNull Duration tokenRefreshMargin,
    @DefaultValue @NotNull @Valid Console console) {

  /** @param pageSize the identity mappings shown per page of {@code /console} */
  public record Console(@DefaultValue("20") @Min(1) @Max(1000) int pageSize) {
  }

  public WwsfProperties {
    if (tokenRefreshMargin != null && tokenRefreshMargin.isNegative()) {
      throw new IllegalArgumentException("webims.wwsf.token-refresh-margin must not be negative, was "
          + tokenRefreshMargin);
    }
  }
}
