package org.webims.wwsf.operations;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A test double of a server's management port at the edge (issue 16 point 4): HTTP Basic of user
 * {@code metrics}, {@code /actuator/health/readiness} with a status and body, {@code /actuator/prometheus} with a
 * text the test sets, or no answer at all until closed (a hung node).
 */
final class FakeManagementPort implements AutoCloseable {

  private final HttpServer server;
  private final String authorization;
  private final CountDownLatch closed = new CountDownLatch(1);
  private volatile String prometheus = "";
  private volatile int readinessStatus = 200;
  private volatile String readinessBody = "{\"status\":\"UP\"}";
  private volatile boolean hang;

  private FakeManagementPort(String password) throws IOException {
    authorization = "Basic " + Base64.getEncoder().encodeToString(
        ("metrics:" + password).getBytes(StandardCharsets.UTF_8));
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
    server.createContext("/", this::handle);
    server.start();
  }

  static FakeManagementPort start(String password) throws IOException {
    return new FakeManagementPort(password);
  }

  String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  FakeManagementPort prometheus(String text) {
    this.prometheus = text;
    return this;
  }

  FakeManagementPort readiness(int status, String body) {
    this.readinessStatus = status;
    this.readinessBody = body;
    return this;
  }

  /** Accepts connections but never answers, until {@link #close}. */
  FakeManagementPort hang() {
    this.hang = true;
    return this;
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      if (hang) {
        try {
          closed.await(60, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
        return;
      }
      if (!authorization.equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
        exchange.getResponseHeaders().set("WWW-Authenticate", "Basic realm=\"webims-management\"");
        send(exchange, 401, "{\"title\":\"Unauthorized\"}");
      } else if (exchange.getRequestURI().getPath().equals("/actuator/health/readiness")) {
        send(exchange, readinessStatus, readinessBody);
      } else if (exchange.getRequestURI().getPath().equals("/actuator/prometheus")) {
        send(exchange, 200, prometheus);
      } else {
        send(exchange, 404, "");
      }
    }
  }

  private static void send(HttpExchange exchange, int status, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
    if (bytes.length > 0) {
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(bytes);
      }
    }
  }

  @Override
  public void close() {
    closed.countDown();
    server.stop(0);
    ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
  }
}
