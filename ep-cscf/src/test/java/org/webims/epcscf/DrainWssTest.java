package org.webims.epcscf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.nimbusds.jose.jwk.RSAKey;
import java.net.http.WebSocketHandshakeException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.webims.epcscf.testing.RunningEpCscf;
import org.webims.epcscf.testing.TestTokens;
import org.webims.epcscf.testing.WsClient;
import org.webims.server.testing.ManagementPort;

/**
 * Issue 16 point 2: draining on SIGTERM. Spring Boot's shutdown hook closes the context, as {@code close()} does
 * here: readiness turns false at once (a load balancer stops sending), new WebSocket handshakes are refused, after
 * {@code webims.epcscf.drain.delay} every WIC flow is closed with 1001 Going Away (the WIC reconnects elsewhere,
 * EPC-43, WIC-10), and the stop ends within {@code webims.epcscf.drain.timeout}.
 */
class DrainWssTest {

  private static final String ORIGIN = "https://localhost:8443";

  @TempDir
  Path dir;

  @Test
  void onStopReadinessFallsNewHandshakesAreRefusedAndFlowsCloseWith1001AfterTheDelay() throws Exception {
    RSAKey wafKey = TestTokens.newKey("waf-1");
    try (RunningEpCscf running = RunningEpCscf.start(dir, wafKey, "--webims.epcscf.digest.enabled=false",
        "--webims.management.password=test-pw", "--webims.epcscf.drain.delay=3s",
        "--webims.epcscf.drain.timeout=8s")) {
      ManagementPort management = ManagementPort.of(running.context, "metrics", "test-pw");
      await().atMost(Duration.ofSeconds(20)).until(() -> management.readiness().statusCode() == 200);
      WsClient wic = WsClient.connect(running.http, running.epcscf.webSocketUri(), "sip", ORIGIN);

      long start = System.nanoTime();
      CompletableFuture<Void> stop = CompletableFuture.runAsync(running.context::close);

      await().atMost(Duration.ofSeconds(2)).pollInterval(Duration.ofMillis(50))
          .until(() -> management.readiness().statusCode() == 503);
      assertThat(wic.closeCodeNow()).as("the flow stays open during the delay").isNull();
      assertThatThrownBy(() -> WsClient.connect(running.http, running.epcscf.webSocketUri(), "sip", ORIGIN))
          .cause().isInstanceOfSatisfying(WebSocketHandshakeException.class,
              e -> assertThat(e.getResponse().statusCode()).isEqualTo(503));
      assertThat(wic.closeCodeNow()).as("the flow stays open during the delay").isNull();

      assertThat(wic.awaitCloseCode()).isEqualTo(1001);
      stop.get(10, TimeUnit.SECONDS);
      assertThat(Duration.ofNanos(System.nanoTime() - start)).isBetween(Duration.ofSeconds(3),
          Duration.ofSeconds(8));
    }
  }

  /** With no WIC connected there is nothing to wait for: the stop does not sit out the delay. */
  @Test
  void withNoFlowsTheStopDoesNotWaitForTheDelay() throws Exception {
    RSAKey wafKey = TestTokens.newKey("waf-1");
    try (RunningEpCscf running = RunningEpCscf.start(dir, wafKey, "--webims.epcscf.digest.enabled=false",
        "--webims.epcscf.drain.delay=60s", "--webims.epcscf.drain.timeout=120s")) {
      long start = System.nanoTime();
      running.context.close();
      assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(30));
    }
  }
}
