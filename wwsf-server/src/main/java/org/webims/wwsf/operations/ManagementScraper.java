package org.webims.wwsf.operations;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.webims.server.metrics.PrometheusText;
import org.webims.wwsf.config.WwsfProperties;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads one path of a node's management port (issue 16 point 4) with its management user, bounded by the scrape
 * timeout and the size limit, and turns the answers to readiness and metrics into the node's row. Every failure
 * becomes words for the operator; the password is read from its file for each request and goes nowhere else.
 */
final class ManagementScraper {

  static final String READINESS = "/actuator/health/readiness";
  static final String METRICS = "/actuator/prometheus";

  private static final JsonMapper JSON = JsonMapper.builder().build();

  /** A management port's answer, or in {@code failure} why there was none. */
  record Answer(int status, String body, String failure) {

    static Answer failed(String failure) {
      return new Answer(0, "", failure);
    }
  }

  private final HttpClient http;
  private final Duration timeout;
  private final int maxBytes;

  ManagementScraper(Duration timeout, long maxBytes) {
    this.http = HttpClient.newBuilder().connectTimeout(timeout).followRedirects(HttpClient.Redirect.NEVER).build();
    this.timeout = timeout;
    this.maxBytes = (int) Math.min(maxBytes, Integer.MAX_VALUE - 1);
  }

  /** GETs {@code path} of the node; blocks for at most about the timeout before the body. */
  Answer get(WwsfProperties.Node node, String path) {
    HttpRequest.Builder request;
    try {
      String base = node.url().endsWith("/") ? node.url().substring(0, node.url().length() - 1) : node.url();
      request = HttpRequest.newBuilder(URI.create(base + path)).timeout(timeout).GET();
    } catch (IllegalArgumentException e) {
      return Answer.failed("bad URL");
    }
    if (!node.passwordFile().isBlank()) {
      String password;
      try {
        password = Files.readString(Path.of(node.passwordFile()), StandardCharsets.UTF_8).trim();
      } catch (IOException | RuntimeException e) {
        return Answer.failed("password file unreadable");
      }
      request.header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
          (node.username() + ":" + password).getBytes(StandardCharsets.UTF_8)));
    }
    try {
      HttpResponse<InputStream> response = http.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
      try (InputStream in = response.body()) {
        byte[] body = in.readNBytes(maxBytes + 1);
        if (body.length > maxBytes) {
          return Answer.failed("answer too large");
        }
        return new Answer(response.statusCode(), new String(body, StandardCharsets.UTF_8), null);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Answer.failed("timeout");
    } catch (IOException | RuntimeException e) {
      return Answer.failed(failure(e));
    }
  }

  /** The node's row from its answers to {@link #READINESS} and {@link #METRICS}. */
  static NodeView view(WwsfProperties.Node node, Answer readiness, Answer metrics) {
    PrometheusText figures = metrics.failure() == null && metrics.status() == 200
        ? PrometheusText.parse(metrics.body()) : null;
    String status;
    String reason;
    if (readiness.failure() != null) {
      status = NodeView.DOWN;
      reason = readiness.failure();
    } else if (readiness.status() == 200) {
      status = NodeView.UP;
      reason = "";
    } else if (readiness.status() == 503) {
      status = NodeView.NOT_READY;
      reason = notReadyComponents(readiness.body());
    } else {
      status = NodeView.DOWN;
      reason = refusal(readiness.status());
    }
    if (figures == null && !status.equals(NodeView.DOWN)) {
      String why = metrics.failure() != null ? metrics.failure() : refusal(metrics.status());
      reason = (reason.isEmpty() ? "" : reason + "; ") + "metrics: " + why;
    }
    return NodeView.of(node, status, reason, figures);
  }

  /** What a refused or failed request's status means to the operator. */
  private static String refusal(int status) {
    return switch (status) {
      case 401 -> "401 from management port";
      case 429 -> "429 from management port (locked out after wrong passwords)";
      default -> "HTTP " + status + " from management port";
    };
  }

  /** The readiness components that are not UP, e.g. "core down, jwks down"; "" when the body names none. */
  private static String notReadyComponents(String body) {
    List<String> down = new ArrayList<>();
    try {
      JsonNode components = JSON.readTree(body).path("components");
      for (Map.Entry<String, JsonNode> component : components.properties()) {
        String componentStatus = component.getValue().path("status").asString("");
        if (!componentStatus.equals("UP")) {
          down.add(component.getKey() + " " + componentStatus.toLowerCase(Locale.ROOT).replace('_', ' '));
        }
      }
    } catch (RuntimeException e) {
      return ""; // not the actuator's JSON (a stopping server answers 503 to everything): "not ready" says it
    }
    return String.join(", ", down);
  }

  /** Words for why a request got no answer. */
  static String failure(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof HttpTimeoutException || t instanceof InterruptedIOException) {
        return "timeout";
      }
      if (t instanceof UnresolvedAddressException || t instanceof UnknownHostException) {
        return "unknown host";
      }
    }
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof ConnectException) {
        return "connection refused";
      }
    }
    return "unreachable";
  }
}
