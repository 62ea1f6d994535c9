package org.webims.epcscf.testing;

import com.nimbusds.jose.jwk.JWKSet;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import javax.net.ssl.SSLContext;
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
  private volatile boolean failing;
  private final String scheme;

  public JwksServer(JWKSet initial) throws IOException {
    this(initial, null);
  }

  /** Over HTTPS with the key in {@code keyStore} (PKCS12) when {@code ssl} is given. */
  public JwksServer(JWKSet initial, SSLContext ssl) throws IOException {
    keys = new AtomicReference<>(initial);
    if (ssl != null) {
      HttpsServer https = HttpsServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
      https.setHttpsConfigurator(new HttpsConfigurator(ssl));
      server = https;
    } else {
      server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    }
    scheme = ssl != null ? "https" : "http";
    server.createContext("/oauth2/jwks", exchange -> {
      fetches.incrementAndGet();
      if (failing) {
        exchange.sendResponseHeaders(503, -1);
        exchange.close();
        return;
      }
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
    return URI.create(scheme + "://localhost:" + server.getAddress().getPort() + "/oauth2/jwks");
  }

  public void publish(JWKSet set) {
    keys.set(set);
  }

  /** While {@code failing}, every fetch gets 503: the WAF is away. */
  public void failing(boolean failing) {
    this.failing = failing;
  }

  public int fetches() {
    return fetches.get();
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
