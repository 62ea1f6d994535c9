package org.webims.wwsf;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.Import;
import org.webims.server.management.ManagementDefaults;
import org.webims.server.tls.TlsConfiguration;
import org.webims.waf.config.WafConfiguration;
import org.webims.wwsf.config.FreePortResolver;

/**
 * The WWSF (WebRTC Web Server Function, TS 24.371 clause 5) and the WAF in one process: the WWSF serves the WIC's
 * page and hands it a token (WAF-01, WAF-02, WIC-30), signing users in at the WAF over OAuth 2.0 (authorization
 * code + PKCE) as the WAF's {@code wwsf} client. HTTPS by default ({@link TlsConfiguration}).
 */
@SpringBootConfiguration
@EnableAutoConfiguration
@ComponentScan
@Import({WafConfiguration.class, TlsConfiguration.class})
public class WwsfApplication {

  /**
   * Defaults as lowest-precedence properties and its own config file name ({@code wwsf.yml}/{@code
   * wwsf.properties}), so that nothing clashes with other servers on a shared class path. The WAF's client
   * secret is random per start unless set: WWSF and WAF share the process, so the secret never leaves it. Nodes of
   * a cluster set it, the same on each: a node's token request goes through the load balancer (docs/operations.md).
   */
  public static Map<String, Object> defaults() {
    return Map.of(
        "spring.config.name", "wwsf",
        "spring.application.name", "wwsf",
        "spring.datasource.url", "jdbc:h2:file:./data/wwsf",
        "spring.datasource.username", "sa",
        // The WAF migrates its tables itself (WafSchema); the WWSF has none.
        "spring.flyway.enabled", "false",
        "server.port", "8443",
        // The session cookie goes with top-level navigations from elsewhere (a link), not with their POSTs.
        "server.servlet.session.cookie.same-site", "lax",
        "webims.waf.clients.wwsf.secret", randomSecret(),
        // The WAF is this server: its issuer follows the port unless set (e.g. to a public host name).
        "webims.waf.issuer", "https://localhost:${server.port}",
        "webims.waf.clients.wwsf.redirect-uri", "${webims.waf.issuer}/login/oauth2/code/waf");
  }

  /**
   * A builder with the WWSF's defaults; arguments and environment override them. {@code --server.port=0} picks a
   * free port ({@link FreePortResolver}); the started context names it in {@code local.server.port}.
   */
  public static SpringApplicationBuilder builder() {
    return new SpringApplicationBuilder(WwsfApplication.class).properties(defaults())
        .properties(ManagementDefaults.properties())
        // Issue 16: ready when the WAF's database answers (Spring Boot's "db" health indicator).
        .properties("management.endpoint.health.group.readiness.include=readinessState,db")
        .listeners(new FreePortResolver());
  }

  /** The management port of a standalone WWSF; {@link #builder()} takes a free one (tests). */
  public static final int MANAGEMENT_PORT = 9081;

  public static void main(String[] args) {
    builder().properties(ManagementDefaults.standalone(MANAGEMENT_PORT)).run(args);
  }

  private static String randomSecret() {
    byte[] bytes = new byte[32];
    new SecureRandom().nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }
}
