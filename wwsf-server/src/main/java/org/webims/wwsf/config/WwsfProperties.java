package org.webims.wwsf.config;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;
import org.webims.wwsf.operations.NodeRole;

/**
 * Configuration of the WWSF, prefix {@code webims.wwsf}. Every property is listed in {@code docs/wwsf.md}.
 *
 * @param epcscfUrl the eP-CSCF's WebSocket URL the WIC connects to ({@code epcscfUrl} of {@code /wic/session})
 * @param realm the home domain, the REGISTER's Request-URI ({@code realm} of {@code /wic/session})
 * @param tokenRefreshMargin a token that expires within this margin is refreshed before it is handed out
 * @param console the operator console ({@code /console})
 * @param imsAdmin the IMS core's admin API, which the console's network deregistration calls
 * @param wic the WIC's lifecycle timers and trusted WAF, rendered into the pages' {@code wicStart} calls
 */
@Validated
@ConfigurationProperties("webims.wwsf")
public record WwsfProperties(
    @DefaultValue("wss://localhost:7443") @NotBlank String epcscfUrl,
    @DefaultValue("ims.example.net") @NotBlank String realm,
    @DefaultValue("30s") @NotNull Duration tokenRefreshMargin,
    @DefaultValue @NotNull @Valid Console console,
    @DefaultValue @NotNull @Valid ImsAdmin imsAdmin,
    @DefaultValue @NotNull @Valid Wic wic) {

  /**
   * The options of {@code wicStart}/{@code wicStartDigest} (docs/wic.md, "Timers and trust"): the WIC's defaults
   * unless set here. Sent to the page in seconds.
   *
   * @param keepAliveInterval from a CRLF pong to the next ping
   * @param keepAliveTimeout how long a ping waits for its pong before the connection counts as dead
   * @param reconnectBase the first reconnect's wait (with jitter); doubled per attempt
   * @param reconnectMax the longest wait between reconnect attempts
   * @param trustedAuthzServer the RFC 8898 {@code authz_server} the WIC fetches a new token for (WIC-32); empty:
   *     the WAF's issuer ({@code webims.waf.issuer})
   * @param ringTimeout an incoming call nobody answers gets 480 after this long (WIC-63)
   * @param iceServers STUN/TURN URLs for the calls' ICE ({@code stun:host:port}, {@code turn:host:port}); empty:
   *     host candidates only, enough when both sides reach each other directly
   * @param iceUsername the TURN user name, empty for none
   * @param iceCredential the TURN password, empty for none; rendered into the page (TURN credentials are visible
   *     to the browser by design), never logged
   * @param iceGatheringTimeout the longest a call waits for ICE candidates before it sends its SDP with those
   *     gathered so far (WIC-60: complete SDP, no trickle)
   */
  public record Wic(
      @DefaultValue("20s") @NotNull Duration keepAliveInterval,
      @DefaultValue("10s") @NotNull Duration keepAliveTimeout,
      @DefaultValue("2s") @NotNull Duration reconnectBase,
      @DefaultValue("60s") @NotNull Duration reconnectMax,
      @DefaultValue("") String trustedAuthzServer,
      @DefaultValue("60s") @NotNull Duration ringTimeout,
      @DefaultValue({}) @NotNull List<String> iceServers,
      @DefaultValue("") String iceUsername,
      @DefaultValue("") String iceCredential,
      @DefaultValue("3s") @NotNull Duration iceGatheringTimeout) {

    public Wic {
      for (Duration d : new Duration[] {keepAliveInterval, keepAliveTimeout, reconnectBase, reconnectMax,
          ringTimeout, iceGatheringTimeout}) {
        if (d != null && (d.isNegative() || d.isZero())) {
          throw new IllegalArgumentException("webims.wwsf.wic.* durations must be positive, was " + d);
        }
      }
      if (reconnectBase != null && reconnectMax != null && reconnectMax.compareTo(reconnectBase) < 0) {
        throw new IllegalArgumentException("webims.wwsf.wic.reconnect-max (" + reconnectMax
            + ") must not be less than reconnect-base (" + reconnectBase + ")");
      }
    }

    /** The options object of {@code wicStart}, with {@code issuer} as the trusted WAF unless one is set. */
    public Map<String, Object> startOptions(String issuer) {
      Map<String, Object> options = new LinkedHashMap<>();
      options.put("keepAliveInterval", seconds(keepAliveInterval));
      options.put("keepAliveTimeout", seconds(keepAliveTimeout));
      options.put("reconnectBase", seconds(reconnectBase));
      options.put("reconnectMax", seconds(reconnectMax));
      String trusted = trustedAuthzServer == null || trustedAuthzServer.isBlank() ? issuer : trustedAuthzServer;
      options.put("trustedAuthzServer", trusted.endsWith("/") ? trusted.substring(0, trusted.length() - 1) : trusted);
      options.put("ringTimeout", seconds(ringTimeout));
      options.put("iceGatheringTimeout", seconds(iceGatheringTimeout));
      if (!iceServers.isEmpty()) { // the browser's RTCIceServer list; absent: host candidates only
        Map<String, Object> server = new LinkedHashMap<>();
        server.put("urls", List.copyOf(iceServers));
        if (iceUsername != null && !iceUsername.isEmpty()) {
          server.put("username", iceUsername);
          server.put("credential", iceCredential == null ? "" : iceCredential);
        }
        options.put("iceServers", List.of(server));
      }
      return options;
    }

    private static double seconds(Duration d) {
      return d.toMillis() / 1000.0;
    }
  }

  /**
   * @param pageSize the identity mappings shown per page of {@code /console}
   * @param nodes the servers whose management ports the Nodes page reads (issue 16 point 4), in the order shown
   * @param scrapeTimeout the longest a node may take to answer its readiness and metrics (asked together); past
   *     it the node shows "timeout"
   * @param refreshInterval how long the figures read are kept before the nodes are asked again, and how often the
   *     page asks for them
   * @param maxScrapeSize the largest metrics text read from a node; a larger one shows "metrics too large"
   */
  public record Console(
      @DefaultValue("20") @Min(1) @Max(1000) int pageSize,
      @DefaultValue({}) @NotNull @Valid List<Node> nodes,
      @DefaultValue("2s") @NotNull Duration scrapeTimeout,
      @DefaultValue("5s") @NotNull Duration refreshInterval,
      @DefaultValue("1MB") @NotNull DataSize maxScrapeSize) {

    public Console {
      if (scrapeTimeout != null && (scrapeTimeout.isNegative() || scrapeTimeout.isZero())) {
        throw new IllegalArgumentException("webims.wwsf.console.scrape-timeout must be positive, was "
            + scrapeTimeout);
      }
      if (refreshInterval != null && refreshInterval.compareTo(Duration.ofSeconds(1)) < 0) {
        throw new IllegalArgumentException("webims.wwsf.console.refresh-interval must be at least 1s, was "
            + refreshInterval);
      }
      if (nodes != null && nodes.stream().map(Node::name).distinct().count() != nodes.size()) {
        throw new IllegalArgumentException("webims.wwsf.console.nodes[*].name must be unique");
      }
    }
  }

  /**
   * A server whose management port the console reads (docs/operator-console.md, "Nodes").
   *
   * @param name how the page names it, also in element ids: lower-case letters, digits and {@code -}
   * @param role what it is: {@code ep-cscf}, {@code ims-core} or {@code wwsf} (a WWSF with its WAF); it says
   *     which figures the node has
   * @param url its management port, e.g. {@code http://127.0.0.1:9082}
   * @param username its management user
   * @param passwordFile the file holding its management password ({@code <app>-management-password} in its data
   *     directory), read at each scrape: the node may create it after this server started; empty: no credentials
   */
  public record Node(
      @NotBlank @Pattern(regexp = "[a-z0-9][a-z0-9-]{0,62}",
          message = "lower-case letters, digits and -, at most 63") String name,
      @NotNull NodeRole role,
      @NotBlank @Pattern(regexp = "https?://.+", message = "an http:// or https:// URL") String url,
      @DefaultValue("metrics") @NotBlank String username,
      @DefaultValue("") String passwordFile) {
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
