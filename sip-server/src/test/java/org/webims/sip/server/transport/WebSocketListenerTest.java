package org.webims.sip.server.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.handler.ssl.util.InsecureTrustManagerFactory;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSession;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.webims.sip.message.SipRequest;
import org.webims.sip.message.SipResponse;
import org.webims.sip.parser.SipParser;
import org.webims.sip.server.flow.Flow;
import org.webims.sip.server.flow.WebSocketFlow;
import org.webims.sip.transaction.TransportException;

/** The WS and WSS listeners on real sockets, with the JDK's WebSocket client (issue 13, RFC 7118, EPC-02, EPC-03). */
class WebSocketListenerTest {

  private static final String WWSF = "https://wwsf.example.net";

  @TempDir
  static Path keys;

  private final List<SipServer> servers = new ArrayList<>();
  private final BlockingQueue<Flow> handledFlows = new LinkedBlockingQueue<>();

  @AfterEach
  void stop() {
    servers.forEach(SipServer::close);
  }

  /** A WS/WSS-only server answering every request 200 with its flow's transport, on the flow. */
  private SipServer echo(SipServerConfig.Builder config, WebSocketHandshakeHook hook) throws Exception {
    SipServer server = new SipServer(config.udp(false).tcp(false).build(), (message, flow) -> {
      if (flow.eventLoop().inEventLoop()) {
        handledFlows.add(flow);
      }
      if (message instanceof SipRequest request) {
        try {
          flow.send(SipResponse.to(request, 200, null).header("X-Flow", flow.transport()).build());
        } catch (TransportException e) {
          throw new IllegalStateException(e);
        }
      }
    }, hook);
    servers.add(server);
    return server.start();
  }

  private static HttpClient client() throws Exception {
    SSLContext trustAll = SSLContext.getInstance("TLS");
    trustAll.init(null, InsecureTrustManagerFactory.INSTANCE.getTrustManagers(), null);
    return HttpClient.newBuilder().sslContext(trustAll).connectTimeout(Duration.ofSeconds(5)).build();
  }

  /** Collects whole text messages and the close code. */
  private static final class Received implements WebSocket.Listener {
    final BlockingQueue<String> messages = new LinkedBlockingQueue<>();
    final CompletableFuture<Integer> closed = new CompletableFuture<>();
    private final StringBuilder partial = new StringBuilder();

    @Override
    public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
      partial.append(data);
      if (last) {
        messages.add(partial.toString());
        partial.setLength(0);
      }
      ws.request(1);
      return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket ws, int statusCode, String reason) {
      closed.complete(statusCode);
      return null;
    }

    @Override
    public void onError(WebSocket ws, Throwable error) {
      closed.completeExceptionally(error);
    }
  }

  private static WebSocket open(String scheme, InetSocketAddress at, String origin, Received listener,
      String... subprotocols) throws Exception {
    WebSocket.Builder b = client().newWebSocketBuilder().header("Origin", origin).connectTimeout(Duration.ofSeconds(5));
    if (subprotocols.length > 0) {
      b.subprotocols(subprotocols[0], java.util.Arrays.copyOfRange(subprotocols, 1, subprotocols.length));
    }
    URI uri = URI.create(scheme + "://127.0.0.1:" + at.getPort() + "/");
    return b.buildAsync(uri, listener).get(10, TimeUnit.SECONDS);
  }

  /** RFC 7118 over TLS: {@code sip} echoed, one message per frame both ways, a flow pinned to its loop (issue 13). */
  @Test
  void wssCarriesARequestAndItsAnswerOnAFlowPinnedToItsLoop() throws Exception {
    SipServer server = echo(SipServerConfig.builder().wss(0, TestKeys.selfSigned(keys)),
        WebSocketHandshakeHook.ACCEPT_ALL);
    Received received = new Received();
    WebSocket ws = open("wss", server.wssAddress(), WWSF, received, "sip");
    assertThat(ws.getSubprotocol()).isEqualTo("sip");

    ws.sendText(PipelineHandlersTest.options("wss"), true).get(5, TimeUnit.SECONDS);

    SipResponse answer = (SipResponse) SipParser.DEFAULT.parse(received.messages.poll(10, TimeUnit.SECONDS));
    assertThat(answer.statusCode()).isEqualTo(200);
    assertThat(answer.header("X-Flow")).isEqualTo("WSS");
    WebSocketFlow flow = (WebSocketFlow) handledFlows.poll(5, TimeUnit.SECONDS);
    assertThat(flow).isNotNull();
    assertThat(server.flow(flow.token())).isSameAs(flow);
    assertThat(flow.tlsSession()).isNotNull();
    assertThat(server.connectionCount()).isEqualTo(1);
    assertThat(SipServer.tlsProvider()).isNotNull();
  }

  /** EPC-03, EPC-14: the hook sees the Origin and the TLS session; its refusal is the handshake's HTTP status. */
  @Test
  void theHookSeesOriginAndTlsSessionAndRefusesWithItsStatus() throws Exception {
    AtomicReference<SSLSession> session = new AtomicReference<>();
    AtomicReference<WebSocketFlow> hooked = new AtomicReference<>();
    SipServer server = echo(SipServerConfig.builder().wss(0, TestKeys.selfSigned(keys)), request -> {
      session.set(request.tlsSession());
      hooked.set(request.flow());
      return WWSF.equals(request.origin()) ? WebSocketHandshakeHook.ACCEPT : 403;
    });

    assertThat(refusal(() -> open("wss", server.wssAddress(), "https://evil.example", new Received(), "sip")))
        .isEqualTo(403);

    Received received = new Received();
    WebSocket ws = open("wss", server.wssAddress(), WWSF, received, "sip");
    ws.sendText(PipelineHandlersTest.options("hooked"), true);
    assertThat(received.messages.poll(10, TimeUnit.SECONDS)).contains("200");
    assertThat(session.get()).isNotNull();
    assertThat(hooked.get().tlsSession()).isSameAs(session.get());
    assertThat(handledFlows.poll(5, TimeUnit.SECONDS)).isSameAs(hooked.get());
  }

  /** RFC 7118 §4.1, EPC-02: a client that does not offer {@code sip} is refused with 400. */
  @Test
  void aClientThatDoesNotOfferSipIsRefusedWith400() throws Exception {
    SipServer server = echo(SipServerConfig.builder().ws(0), WebSocketHandshakeHook.ACCEPT_ALL);

    assertThat(refusal(() -> open("ws", server.wsAddress(), WWSF, new Received(), "chat"))).isEqualTo(400);
  }

  /** EPC-02: a message over the limit closes with 1009, whole or in fragments. */
  @Test
  void aMessageOverTheLimitClosesWith1009WholeOrInFragments() throws Exception {
    SipServer server = echo(SipServerConfig.builder().ws(0).webSocketMaxMessageSize(1024),
        WebSocketHandshakeHook.ACCEPT_ALL);

    Received whole = new Received();
    open("ws", server.wsAddress(), WWSF, whole, "sip").sendText("x".repeat(2000), true);
    assertThat(whole.closed.get(10, TimeUnit.SECONDS)).isEqualTo(1009);

    Received fragments = new Received();
    WebSocket ws = open("ws", server.wsAddress(), WWSF, fragments, "sip");
    ws.sendText("x".repeat(600), false).get(5, TimeUnit.SECONDS);
    ws.sendText("x".repeat(600), true);
    assertThat(fragments.closed.get(10, TimeUnit.SECONDS)).isEqualTo(1009);
  }

  /** EPC-02 (slowloris): a connection that sends no handshake is closed at the deadline. */
  @Test
  void aSilentConnectionIsClosedAtTheHandshakeDeadline() throws Exception {
    SipServer server = echo(SipServerConfig.builder().ws(0).webSocketHandshakeTimeout(Duration.ofMillis(300)),
        WebSocketHandshakeHook.ACCEPT_ALL);
    try (Socket socket = new Socket()) {
      socket.connect(server.wsAddress(), 5000);
      socket.setSoTimeout(5000);
      long start = System.nanoTime();
      assertThat(socket.getInputStream().read()).isEqualTo(-1);
      assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).isBetween(200L, 3000L);
    }
  }

  /** A peer that stops reading is closed once its send queue is over the limit; nothing grows without bound. */
  @Test
  void aPeerThatStopsReadingIsClosed() throws Exception {
    AtomicReference<WebSocketFlow> hooked = new AtomicReference<>();
    SipServer server = echo(SipServerConfig.builder().ws(0).webSocketMaxMessageSize(16_384)
        .webSocketSendQueueLimit(65_536), request -> {
          hooked.set(request.flow());
          return WebSocketHandshakeHook.ACCEPT;
        });
    try (Socket socket = new Socket()) {
      socket.setReceiveBufferSize(4096);
      socket.connect(server.wsAddress(), 5000);
      upgrade(socket);
      WebSocketFlow flow = hooked.get();
      SipRequest big = ((SipRequest) SipParser.DEFAULT.parse(PipelineHandlersTest.options("big"))).toBuilder()
          .body("text/plain", "y".repeat(15_000)).build();

      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
      int sent = 0;
      while (flow.isOpen() && System.nanoTime() < deadline) {
        try {
          flow.send(big);
          sent++;
        } catch (TransportException closed) {
          break;
        }
      }
      Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> !flow.isOpen());
      assertThat(sent).isPositive();
      assertThat(server.connectionCount()).isZero();
    }
  }

  /** {@code idleTimeout} applies to WS as to TCP: a connection with no traffic for that long is closed. */
  @Test
  void anIdleWebSocketIsClosed() throws Exception {
    SipServer server = echo(SipServerConfig.builder().ws(0).idleTimeout(Duration.ofMillis(300)),
        WebSocketHandshakeHook.ACCEPT_ALL);
    try (Socket socket = new Socket()) {
      socket.connect(server.wsAddress(), 5000);
      upgrade(socket);
      socket.setSoTimeout(5000);
      assertThat(socket.getInputStream().read()).isEqualTo(-1);
    }
  }

  /** The opening handshake by hand, for tests that need the raw socket afterwards. */
  private static void upgrade(Socket socket) throws Exception {
    socket.getOutputStream().write(("GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\n"
        + "Connection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n"
        + "Sec-WebSocket-Protocol: sip\r\nOrigin: " + WWSF + "\r\n\r\n").getBytes());
    String head = readHead(socket.getInputStream());
    assertThat(head).startsWith("HTTP/1.1 101").containsIgnoringCase("sec-websocket-protocol: sip");
  }

  /** WS connections count towards {@code maxConnections}, as TCP and TLS do. */
  @Test
  void webSocketConnectionsCountTowardsTheLimit() throws Exception {
    SipServer server = echo(SipServerConfig.builder().ws(0).maxConnections(1), WebSocketHandshakeHook.ACCEPT_ALL);
    open("ws", server.wsAddress(), WWSF, new Received(), "sip");
    Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> server.connectionCount() == 1);

    assertThatThrownBy(() -> open("ws", server.wsAddress(), WWSF, new Received(), "sip"))
        .isInstanceOfAny(java.util.concurrent.ExecutionException.class, CompletionException.class);
    assertThat(server.connectionCount()).isEqualTo(1);
  }

  /** The HTTP status of a refused opening handshake, as the JDK's client reports it. */
  private static int refusal(org.assertj.core.api.ThrowableAssert.ThrowingCallable open) {
    Throwable e = org.assertj.core.api.Assertions.catchThrowable(open);
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof WebSocketHandshakeException refused) {
        return refused.getResponse().statusCode();
      }
    }
    throw new AssertionError("no refused handshake", e);
  }

  private static String readHead(InputStream in) throws Exception {
    StringBuilder head = new StringBuilder();
    while (!head.toString().endsWith("\r\n\r\n")) {
      int b = in.read();
      if (b < 0) {
        break;
      }
      head.append((char) b);
    }
    return head.toString();
  }
}
