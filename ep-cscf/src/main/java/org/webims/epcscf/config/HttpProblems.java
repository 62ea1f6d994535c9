package org.webims.epcscf.config;

import java.nio.charset.StandardCharsets;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebExceptionHandler;
import org.webims.server.web.Rfc9457Problem;
import reactor.core.publisher.Mono;

/**
 * Issue 12 point 8 on the reactive edge: whatever the eP-CSCF's HTTPS port answers besides the WebSocket
 * handshake (404 for any other path, {@code /error} included; 405; 500) is an RFC 9457 problem with a fixed
 * detail, never Spring Boot's default error body or an exception's message.
 */
final class HttpProblems implements WebExceptionHandler {

  private static final Logger log = LoggerFactory.getLogger(HttpProblems.class);

  @Override
  public Mono<Void> handle(ServerWebExchange exchange, Throwable error) {
    ServerHttpResponse response = exchange.getResponse();
    if (response.isCommitted()) {
      return Mono.error(error);
    }
    HttpStatusCode code = error instanceof ResponseStatusException e ? e.getStatusCode()
        : HttpStatus.INTERNAL_SERVER_ERROR;
    HttpStatus status = HttpStatus.resolve(code.value());
    if (status == null || !status.isError()) {
      status = HttpStatus.INTERNAL_SERVER_ERROR;
    }
    if (status.is5xxServerError()) {
      log.warn("{} {} failed: {}", exchange.getRequest().getMethod(), exchange.getRequest().getPath(), error.toString());
    }
    String path = exchange.getRequest().getPath().value();
    byte[] body = Rfc9457Problem.json(status.value(), status.getReasonPhrase(), Rfc9457Problem.detail(status,
        exchange.getRequest().getMethod().name()), path)
        .getBytes(StandardCharsets.UTF_8);
    response.setStatusCode(status);
    response.getHeaders().setContentType(MediaType.parseMediaType(Rfc9457Problem.MEDIA_TYPE));
    return response.writeWith(Mono.just(response.bufferFactory().wrap(body)));
  }
}
