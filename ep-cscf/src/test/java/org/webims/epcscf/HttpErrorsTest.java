package org.webims.epcscf;

import static org.webims.server.testing.ProblemAssert.assertProblem;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.webims.epcscf.testing.RunningEpCscf;
import org.webims.epcscf.testing.TestTokens;

/**
 * Issue 12 point 8: what the eP-CSCF's HTTPS port answers besides the WebSocket handshake is an RFC 9457
 * problem (type, title, status, detail), never Spring's default body or status 999.
 */
class HttpErrorsTest {

  @TempDir
  static Path dir;

  private static RunningEpCscf running;

  @BeforeAll
  static void start() throws Exception {
    running = RunningEpCscf.start(dir, TestTokens.newKey("waf-1"));
  }

  @AfterAll
  static void stop() throws Exception {
    running.close();
  }

  private static HttpResponse<String> get(String path) throws Exception {
    URI uri = URI.create("https://localhost:" + running.epcscf.webSocketPort() + path);
    return running.http.send(HttpRequest.newBuilder(uri).header("Accept", "application/json").GET().build(),
        HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void theErrorPathAndUnknownPathsAreProblems() throws Exception {
    assertProblem(get("/error"), 404, "Not Found");
    assertProblem(get("/nosuch"), 404, "Not Found");
  }
}
