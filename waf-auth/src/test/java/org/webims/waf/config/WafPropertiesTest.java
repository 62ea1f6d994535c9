package org.webims.waf.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;
import org.webims.waf.WafApplication;

/** The WAF's properties: contract defaults, and a start refused without a client secret. */
class WafPropertiesTest {

  @TempDir
  Path dataDir;

  @Test
  void defaultsAreTheContractValues() {
    WafProperties properties = new Binder(new MapConfigurationPropertySource(
        Map.of("webims.waf.clients.wwsf.secret", "s"))).bind("webims.waf", WafProperties.class).get();

    assertThat(properties.issuer()).isEqualTo("https://localhost:8443");
    assertThat(properties.token().audience()).isEqualTo("epcscf.ims.example.net");
    assertThat(properties.token().lifetime()).isEqualTo(Duration.ofMinutes(5));
    assertThat(properties.clients().wwsf().redirectUri())
        .isEqualTo("https://localhost:8443/login/oauth2/code/waf");
    assertThat(properties.keys().rotate()).isFalse();
    assertThat(properties.keys().retentionMargin()).isEqualTo(Duration.ofMinutes(5));
    assertThat(properties.seedFile()).isNull();
    assertThat(properties.pools().leaseDuration()).isEqualTo(Duration.ofHours(2));
    assertThat(properties.pools().maxRangeSize()).isEqualTo(1000);
    assertThat(properties.provisioning().defaultPageSize()).isEqualTo(20);
    assertThat(properties.provisioning().maxPageSize()).isEqualTo(100);
    assertThat(properties.clients().epCscf().clientId()).isEqualTo("ep-cscf");
    assertThat(properties.clients().epCscf().enabled()).isFalse();
    assertThat(properties.clients().automation().clientId()).isEqualTo("automation");
    assertThat(properties.clients().automation().enabled()).isFalse();
  }

  @Test
  void serviceClientSecretsBindFromTheEnvironmentAndNeverPrint() {
    Map<String, Object> environment = Map.of("WEBIMS_WAF_CLIENTS_WWSF_SECRET", "s",
        "WEBIMS_WAF_CLIENTS_EPCSCF_SECRET", "epcscf-secret",
        "WEBIMS_WAF_CLIENTS_AUTOMATION_SECRET", "automation-secret");
    WafProperties properties = new Binder(ConfigurationPropertySources.from(new SystemEnvironmentPropertySource(
        StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, environment)))
        .bind("webims.waf", WafProperties.class).get();

    assertThat(properties.clients().epCscf().secret()).isEqualTo("epcscf-secret");
    assertThat(properties.clients().automation().enabled()).isTrue();
    assertThat(properties.clients().toString()).doesNotContain("epcscf-secret", "automation-secret", "=s,", "=s]");
  }

  @Test
  void startWithoutClientSecretFailsNamingTheProperty() {
    assertThatThrownBy(() -> WafApplication.builder().run(
        "--server.port=0",
        "--webims.tls.enabled=false",
        "--spring.datasource.url=jdbc:h2:file:" + dataDir.toAbsolutePath().resolve("waf"),
        "--spring.main.banner-mode=off"))
        .hasStackTraceContaining("webims.waf.clients.wwsf.secret");
  }

  @Test
  void nonPositiveLifetimeIsRejected() {
    assertThatThrownBy(() -> new WafProperties.Token("aud", Duration.ZERO))
        .hasMessageContaining("webims.waf.token.lifetime");
  }
}
