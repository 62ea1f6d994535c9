package org.webims.e2e.support;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openqa.selenium.JavascriptExecutor;

/**
 * Serves the JsSIP phone page of the interop tests (issue 14 point 5): {@code phone.html} and {@code phone.js}
 * from the test resources ({@code jssip/}) and JsSIP 3.13.8's browser build, made from the pinned npm package by
 * {@code src/test/node/jssip-browser-build.js}. Plain HTTP on {@code localhost}, which browsers count as a secure
 * context (getUserMedia works); its {@link #origin()} is a third-party page's origin that the eP-CSCF must list in
 * {@code webims.epcscf.websocket.allowed-origins} (EPC-03), as an operator would for a JsSIP deployment.
 */
public final class JsSipPhoneServer implements AutoCloseable {

  private static final Path NODE_DIR = Path.of("src/test/node");
  private static final Map<String, String> TYPES = Map.of(".html", "text/html; charset=utf-8",
      ".js", "text/javascript; charset=utf-8");

  private final HttpServer server;
  private final int port;

  private JsSipPhoneServer(HttpServer server) {
    this.server = server;
    this.port = server.getAddress().getPort();
  }

  /** Builds JsSIP for the browser into {@code dir} and serves the page on a free loopback port. */
  public static JsSipPhoneServer start(Path dir) throws IOException, InterruptedException {
    byte[] jssip = build(dir.resolve("jssip.js"));
    HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/", exchange -> {
      String path = exchange.getRequestURI().getPath();
      byte[] body = path.equals("/jssip.js") ? jssip : resource(path);
      try (exchange) {
        if (body == null) {
          exchange.sendResponseHeaders(404, -1);
          return;
        }
        exchange.getResponseHeaders().set("Content-Type", TYPES.get(path.substring(path.lastIndexOf('.'))));
        exchange.getResponseHeaders().set("Cache-Control", "no-store");
        exchange.sendResponseHeaders(200, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
          out.write(body);
        }
      }
    });
    server.start();
    return new JsSipPhoneServer(server);
  }

  /** The page's origin, for the eP-CSCF's allowed origins. */
  public String origin() {
    return "http://localhost:" + port;
  }

  public String pageUrl() {
    return origin() + "/phone.html";
  }

  /**
   * Opens the page in {@code browser} and starts JsSIP registering {@code impu} with Digest ({@code impi},
   * {@code password}) through the eP-CSCF at {@code epcscfUrl} (wss://), then waits for {@code registered}.
   */
  public void register(Browser browser, String epcscfUrl, String impu, String impi, String password,
      Duration timeout) {
    browser.open(pageUrl());
    browser.awaitPresent("#state", timeout);
    ((JavascriptExecutor) browser.driver()).executeScript("window.phone.start({url: arguments[0], uri: arguments[1], impi: arguments[2],"
        + " password: arguments[3]});", epcscfUrl, impu, impi, password);
    browser.awaitAttribute("#state", "data-state", "registered", timeout);
  }

  private static byte[] resource(String path) {
    if (!path.equals("/phone.html") && !path.equals("/phone.js")) {
      return null;
    }
    try (InputStream in = JsSipPhoneServer.class.getResourceAsStream("/jssip" + path)) {
      return in == null ? null : in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** {@code node jssip-browser-build.js out}; fails (not skips) when Node or the npm packages are missing. */
  private static byte[] build(Path out) throws IOException, InterruptedException {
    if (!Files.isDirectory(NODE_DIR.resolve("node_modules/jssip"))
        || !Files.isDirectory(NODE_DIR.resolve("node_modules/esbuild"))) {
      throw new IllegalStateException("JsSIP is not installed in e2e-tests/" + NODE_DIR + "/node_modules: run `npm ci"
          + " --prefix e2e-tests/src/test/node` from the repository root (Node 20 or later)");
    }
    Path log = out.resolveSibling("jssip-build.log");
    Process node = new ProcessBuilder("node", "jssip-browser-build.js", out.toAbsolutePath().toString())
        .directory(NODE_DIR.toFile()).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    if (!node.waitFor(60, TimeUnit.SECONDS)) {
      node.destroyForcibly();
      throw new IllegalStateException("building JsSIP for the browser took over 60 s");
    }
    if (node.exitValue() != 0) {
      throw new IllegalStateException("building JsSIP for the browser failed:\n"
          + Files.readString(log, StandardCharsets.UTF_8));
    }
    return Files.readAllBytes(out);
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
