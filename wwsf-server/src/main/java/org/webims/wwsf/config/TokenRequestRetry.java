package org.webims.wwsf.config;

import java.io.IOException;
import org.springframework.http.HttpRequest;
import org.springframework.http.client.ClientHttpRequestExecution;
import org.springframework.http.client.ClientHttpRequestInterceptor;
import org.springframework.http.client.ClientHttpResponse;

/**
 * Sends a token request to the WAF once more when the connection fails before any answer (issue 16). In a
 * cluster the token endpoint is reached through the load balancer; when a node dies, a kept-alive connection the
 * balancer had tied to it breaks on the next request, until the balancer marks the node down. The JDK client
 * sends again only idempotent methods, and the token request is a POST. An HTTP answer, error or not, is final.
 *
 * <p>Safe for both grants the WWSF uses. An authorization code is single use: if the first request was processed
 * after all, the second gets {@code invalid_grant}, as the sign-in would have failed anyway. The WAF registers the
 * {@code wwsf} client with Spring Authorization Server's default {@code reuseRefreshTokens(true)}, so a refresh
 * token stays valid after use: a second refresh gets a new access token, and the lease of a pool IMPU is the
 * holder's own lease renewed, not a second one (WAF-10). (Were refresh tokens rotated, a second refresh after a
 * processed first would get {@code invalid_grant}: the sign-in expired, as without the retry.)
 */
final class TokenRequestRetry implements ClientHttpRequestInterceptor {

  @Override
  public ClientHttpResponse intercept(HttpRequest request, byte[] body, ClientHttpRequestExecution execution)
      throws IOException {
    try {
      return execution.execute(request, body);
    } catch (IOException failed) {
      return execution.execute(request, body); // a new connection: the pool dropped the broken one
    }
  }
}
