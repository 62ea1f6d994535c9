package org.webims.server.testing;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.OptionalDouble;
import org.springframework.context.ConfigurableApplicationContext;
import org.webims.server.metrics.PrometheusText;

/**
 * A server's management port over real HTTP (issue 16): {@code /actuator/prometheus} and {@code /actuator/health}
 * with the management user's HTTP Basic, and the samples of a Prometheus scrape.
 */
public final class ManagementPort {

  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final String base;
  private final String authorization;

  public ManagementPort(int port, String username, String password) {
    this.base = "http://127.0.0.1:" + port;
    this.authorization = "Basic " + Base64.getEncoder().encodeToString(
        (username + ":" + password).getBytes(StandardCharsets.UTF_8));
  }

  /** The started server's management port ({@code local.management.port}) with the given credentials. */
  public static ManagementPort of(ConfigurableApplicationContext context, String username, String password) {
    return new ManagementPort(port(context), username, password);
  }

  /** The started server's management port with the management user of its configuration (a builder's start). */
  public static ManagementPort of(ConfigurableApplicationContext context) {
    return of(context, context.getEnvironment().getProperty("webims.management.username", "metrics"),
        context.getEnvironment().getProperty("webims.management.password"));
  }

  public static int port(ConfigurableApplicationContext context) {
    String port = context.getEnvironment().getProperty("local.management.port");
    if (port == null) {
      throw new IllegalStateException("no management port: is the actuator on the class path?");
    }
    return Integer.parseInt(port);
  }

  public HttpResponse<String> get(String path) throws Exception {
    return send(HttpRequest.newBuilder(URI.create(base + path)).header("Authorization", authorization));
  }

  public HttpResponse<String> getWithoutCredentials(String path) throws Exception {
    return send(HttpRequest.newBuilder(URI.create(base + path)));
  }

  private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
    return http.send(request.timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
  }

  /** One scrape of {@code /actuator/prometheus}; fails on anything but 200. */
  public Scrape scrape() throws Exception {
    HttpResponse<String> response = get("/actuator/prometheus");
    if (response.statusCode() != 200) {
      throw new AssertionError("/actuator/prometheus answered " + response.statusCode() + ": " + response.body());
    }
    return new Scrape(response.body());
  }

  /** The readiness group's status ("UP", "OUT_OF_SERVICE", "DOWN") and body. */
  public HttpResponse<String> readiness() throws Exception {
    return get("/actuator/health/readiness");
  }

  /** A Prometheus text exposition. */
  public record Scrape(String text) {

    /**
     * The value of the sample named {@code name} whose labels include every {@code label="value"} pair given
     * ({@code labels} alternate names and values); empty when there is none.
     */
    public OptionalDouble value(String name, String... labels) {
      return PrometheusText.parse(text).value(name, labels);
    }

    /** {@link #value}, 0 when the sample is not there yet (a counter not yet incremented with those labels). */
    public double count(String name, String... labels) {
      return value(name, labels).orElse(0);
    }
  }
}
