package org.webims.epcscf.websocket;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.nimbusds.jose.jwk.RSAKey;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;
import org.springframework.context.ConfigurableApplicationContext;
import org.webims.epcscf.EpCscf;
import org.webims.epcscf.EpCscfApplication;
import org.webims.epcscf.testing.FakeScscf;
import org.webims.epcscf.testing.RunningEpCscf;
import org.webims.epcscf.testing.TestMessages;
import org.webims.epcscf.testing.TestTokens;
import org.webims.epcscf.testing.WsClient;

/**
 * Issue 13 point 2: the limits of the W2 edge that the servlet container enforced before and the reactive edge
 * enforces itself: the handshake deadline over TLS (EPC-02), 1009 for a message over the limit in fragments, and
 * the bounded send queue of a flow whose WIC does not read.
 */
class WssEdgeLimitsTest {

  private static final String ORIGIN = "https://localhost:8443";

  /** EPC-02: a client that opens a TLS connection and never finishes the TLS handshake is closed. */
  @Test
  void closesAConnectionThatNeverFinishesItsTlsHandshake_EPC02(@TempDir Path dir) throws Exception {
    RSAKey key = TestTokens.newKey("waf-1");
    try (RunningEpCscf running = RunningEpCscf.start(dir, key, "--webims.epcscf.websocket.handshake-timeout=1s");
        Socket socket = new Socket("127.0.0.1", running.epcscf.webSocketPort())) {
      long start = System.nanoTime();
      OutputStream out = socket.getOutputStream();
      out.write(new byte[] {0x16, 0x03, 0x01, 0x02, 0x00, 0x01}); // the first bytes of a ClientHello, no more
      out.flush();
      socket.setSoTimeout(8000);
      assertThat(closedByServer(socket.getInputStream())).as("connection closed by the eP-CSCF").isTrue();
      assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).isBetween(700L, 4000L);
    }
  }

  /** RFC 7118 §5.1 with Reactor Netty's frame aggregation: the limit holds for the whole message, not per frame. */
  @Test
  void closesWith1009WhenAMessageInFragmentsExceedsTheLimit(@TempDir Path dir) throws Exception {
    RSAKey key = TestTokens.newKey("waf-1");
    ListAppender<ILoggingEvent> logs = new ListAppender<>();
    Logger root = null;
    try {
      try (RunningEpCscf running = RunningEpCscf.start(dir, key, "--webims.epcscf.websocket.max-message-size=8192");
          WsClient ws = WsClient.connect(running.http, running.epcscf.webSocketUri(), "sip", ORIGIN)) {
        root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME); // after Spring Boot set logging up
        logs.start();
        root.addAppender(logs);
        String register = TestMessages.register("Bearer " + "A".repeat(9000));
        ws.sendInParts(register.substring(0, 5000), register.substring(5000));
        assertThat(ws.awaitCloseCode()).isEqualTo(1009);
      }
      // The server has stopped here, so whatever its loops were to log about this client is logged: a client's
      // error is no ERROR and carries no stack trace (issue 13 review).
      assertThat(logs.list).filteredOn(e -> e.getLevel() == Level.ERROR || e.getThrowableProxy() != null)
          .extracting(ILoggingEvent::getLoggerName).isEmpty();
    } finally {
      if (root != null) {
        root.detachAppender(logs);
      }
    }
  }

  /**
   * What ConcurrentWebSocketSessionDecorator's buffer limit did: a WIC that stops reading gets its flow closed
   * (handled as flow loss) once {@code send-buffer-size-limit} characters wait for it; memory does not grow with
   * what is sent to it.
   */
  @Test
  void closesAFlowWhoseWicStopsReadingOnceItsSendQueueIsFull() throws Exception {
    try (FakeScscf scscf = FakeScscf.tcp();
        ConfigurableApplicationContext context = EpCscfApplication.builder().run(
            "--server.port=0", "--webims.epcscf.core.port=0", "--webims.tls.enabled=false",
            "--webims.epcscf.websocket.allow-plain=true", "--webims.epcscf.core.uri=" + scscf.uri(),
            "--webims.epcscf.websocket.max-message-size=8192",
            "--webims.epcscf.websocket.send-buffer-size-limit=65536");
        Socket socket = new Socket()) {
      socket.setReceiveBufferSize(4096);
      socket.connect(new java.net.InetSocketAddress("127.0.0.1", context.getBean(EpCscf.class).webSocketPort()));
      handshakeAndStopReading(socket);
      SipWebSocketHandler edge = context.getBean(SipWebSocketHandler.class);
      await().atMost(Duration.ofSeconds(10)).until(() -> edge.flowCount() == 1);
      WebSocketFlow flow = edge.flows().iterator().next();

      String message = "X".repeat(8000);
      long sent = 0;
      while (flow.isOpen() && sent < 512L * 1024 * 1024) {
        flow.sendText(message);
        sent += message.length();
      }
      assertThat(flow.isOpen()).as("flow closed after %d characters", sent).isFalse();
      // What the socket buffers of both ends hold, plus the queue's limit: far below what was offered.
      assertThat(sent).isLessThan(64L * 1024 * 1024);
      await().atMost(Duration.ofSeconds(10)).until(() -> edge.flowCount() == 0);
    }
  }

  private static void handshakeAndStopReading(Socket socket) throws Exception {
    OutputStream out = socket.getOutputStream();
    out.write(("GET / HTTP/1.1\r\nHost: localhost\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
        + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n"
        + "Sec-WebSocket-Protocol: sip\r\nOrigin: " + ORIGIN + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
    out.flush();
    InputStream in = socket.getInputStream();
    StringBuilder head = new StringBuilder();
    while (!head.toString().endsWith("\r\n\r\n")) {
      int b = in.read();
      if (b < 0) {
        throw new AssertionError("closed during the handshake: " + head);
      }
      head.append((char) b);
    }
    assertThat(head.toString()).startsWith("HTTP/1.1 101");
  }

  private static boolean closedByServer(InputStream in) throws Exception {
    try {
      while (in.read() != -1) {
        // whatever the server says before it closes
      }
      return true;
    } catch (SocketTimeoutException stillOpen) {
      return false;
    } catch (java.io.IOException reset) {
      return true;
    }
  }
}
