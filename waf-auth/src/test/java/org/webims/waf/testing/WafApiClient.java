package org.webims.waf.testing;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Calls the WAF's REST API ({@code /api/v1}) over real HTTPS with a Bearer token, for tests of this and other
 * modules.
 *
 * <pre>{@code
 * WafApiClient api = WafApiClient.withToken(waf, waf.automationClient());
 * api.post("/pools", "{\"name\":\"guests\",\"realm\":\"ims.example.net\"}").json().get("name");
 * }</pre>
 */
public final class WafApiClient {

  private final WafTokenClient client;
  private final URI base;
  private final String token;

  private WafApiClient(WafTokenClient client, URI baseUrl, String token) {
    this.client = client;
    this.base = baseUrl;
    this.token = token;
  }

  /** A client whose requests carry a fresh client credentials token of {@code client}. */
  public static WafApiClient withToken(WafTestServer waf, WafTokenClient client) throws WafTokenException {
    return new WafApiClient(client, waf.baseUrl(), client.clientCredentialsToken());
  }

  /** A client that sends {@code token} (null: none) with the TLS trust of {@code client}. */
  public static WafApiClient withToken(WafTestServer waf, WafTokenClient client, String token) {
    return new WafApiClient(client, waf.baseUrl(), token);
  }

  /** The answer: status, body, headers; {@link #json()} parses the body. */
  public record Response(int status, String body, HttpResponse<String> http) {

    public JsonNode json() {
      return JsonMapper.shared().readTree(body);
    }

    public String contentType() {
      return http.headers().firstValue("Content-Type").orElse("");
    }
  }

  public Response get(String path) throws WafTokenException {
    return send(request(path).GET());
  }

  public Response post(String path, String json) throws WafTokenException {
    return send(request(path).header("Content-Type", "application/json")
        .POST(json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json)));
  }

  public Response put(String path, String json) throws WafTokenException {
    return send(request(path).header("Content-Type", "application/json")
        .PUT(HttpRequest.BodyPublishers.ofString(json)));
  }

  public Response delete(String path) throws WafTokenException {
    return send(request(path).DELETE());
  }

  /**
   * Any request: {@code path} from the server's root (not under /api/v1), with {@code accept}, and a
   * body of {@code contentType} when {@code body} is not null.
   */
  public Response send(String method, String path, String accept, String contentType, String body)
      throws WafTokenException {
    HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path)).header("Accept", accept)
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
    if (contentType != null) {
      request.header("Content-Type", contentType);
    }
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    return send(request);
  }

  private HttpRequest.Builder request(String path) {
    HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve("/api/v1" + path))
        .header("Accept", "application/json, application/problem+json");
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    return request;
  }

  private Response send(HttpRequest.Builder request) throws WafTokenException {
    HttpResponse<String> response = client.send(request);
    return new Response(response.statusCode(), response.body(), response);
  }
}
