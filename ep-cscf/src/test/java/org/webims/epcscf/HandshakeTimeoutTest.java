package org.webims.epcscf;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import com.nimbusds.jose.jwk.RSAKey;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.webims.server.testing.ManagementPort;
import org.junit.jupiter.api.io.TempDir;
import org.webims.epcscf.testing.RunningEpCscf;
import org.webims.epcscf.testing.TestMessages;
import org.webims.epcscf.testing.TestTokens;
import org.webims.epcscf.testing.WsClient;
import org.springframework.context.ConfigurableApplicationContext;
import org.webims.epcscf.testing.FakeScscf;

/**
 * EPC-02 abuse resistance (slowloris): a client that sends its opening handshake one header line at a time
 * is closed once {@code webims.epcscf.websocket.handshake-timeout} has passed since it connected, however
 * often it sends.
 */
class HandshakeTimeoutTest {

  @Test
  void closesAHandshakeSentOneHeaderLineAtATimeAfterTheHandshakeTimeout_EPC02() throws Exception {
    ScheduledExecutorService slowClient = Executors.newSingleThreadScheduledExecutor();
    try (FakeScscf scscf = FakeScscf.tcp();
        ConfigurableApplicationContext context = EpCscfApplication.builder().run(
            "--server.port=0", "--webims.epcscf.core.port=0", "--webims.tls.enabled=false",
            "--webims.epcscf.websocket.allow-plain=true", "--webims.epcscf.core.uri=" + scscf.uri(),
            "--webims.epcscf.websocket.handshake-timeout=2s");
        Socket socket = new Socket("127.0.0.1", context.getBean(EpCscf.class).webSocketPort())) {
      // Issue 16: the management port's own connections never count as handshakes (a scrape came first).
      ManagementPort management = ManagementPort.of(context);
      assertThat(management.scrape().count("webims_epcscf_ws_handshakes_total", "reason", "timeout")).isZero();
      long start = System.nanoTime();
      OutputStream out = socket.getOutputStream();
      out.write("GET / HTTP/1.1\r\nHost: localhost\r\n".getBytes(StandardCharsets.US_ASCII));
      out.flush();
      AtomicInteger line = new AtomicInteger();
      // One more header line every 500 ms: well inside any per-read timeout, never finishing the request.
      slowClient.scheduleAtFixedRate(() -> {
        try {
          out.write(("X-Slow-" + line.incrementAndGet() + ": 1\r\n").getBytes(StandardCharsets.US_ASCII));
          out.flush();
        } catch (Exception closed) {
          // the server closed the connection: what the test awaits
        }
      }, 500, 500, TimeUnit.MILLISECONDS);

      socket.setSoTimeout(8000);
      InputStream in = socket.getInputStream();
      boolean closed;
      try {
        while (in.read() != -1) {
          // whatever the server says before it closes (nothing today)
        }
        closed = true;
      } catch (SocketTimeoutException stillOpen) {
        closed = false;
      } catch (java.io.IOException reset) {
        closed = true;
      }
      long elapsedMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);

      assertThat(closed).as("connection closed by the eP-CSCF").isTrue();
      assertThat(elapsedMillis).isBetween(1500L, 4500L);
      assertThat(management.scrape().count("webims_epcscf_ws_handshakes_total", "outcome", "failed", "reason",
          "timeout")).isEqualTo(1);
    } finally {
      slowClient.shutdownNow();
    }
  }

  @Test
  void keepsAWssConnectionWhoseHandshakeCompletedInTime_EPC02(@TempDir Path dir) throws Exception {
    RSAKey key = TestTokens.newKey("waf-1");
    try (RunningEpCscf running = RunningEpCscf.start(dir, key, "--webims.epcscf.websocket.handshake-timeout=1s");
        WsClient ws = WsClient.connect(running.http, running.epcscf.webSocketUri(), "sip", "https://localhost:8443")) {
      // Well past the handshake timeout: the upgraded connection must still be open.
      assertThat(ws.awaitClosed(2500)).isFalse();
      ws.send(TestMessages.register(TestMessages.bearer(TestTokens.sign(key, TestTokens.claims(Instant.now()).build()))));
      running.scscf.next();
      assertThat(ws.nextResponse().statusCode()).isEqualTo(200);
    }
  }
}
