package org.webims.epcscf.testing;

import com.nimbusds.jose.jwk.JWKSet;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/** A WAF JWKS endpoint the test controls: which keys it publishes, and how often it was fetched. */
public final class JwksServer implements AutoCloseable {

  private final HttpServer server;
  private final AtomicReference<JWKSet> keys;
  private final AtomicInteger fetches = new AtomicInteger();

  public JwksServer(JWKSet initial) throws IOException {
    keys = new AtomicReference<>(initial);
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/oauth2/jwks", exchange -> {
      fetches.incrementAndGet();
      byte[] body = keys.get().toString(true).getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().add("Content-Type", "application/json");
      exchange.sendResponseHeaders(200, body.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      }
    });
    server.start();
  }

  public URI uri() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/oauth2/jwks");
  }

  public void publish(JWKSet set) {
    keys.set(set);
  }

  public int fetches() {
    return fetches.get();
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
