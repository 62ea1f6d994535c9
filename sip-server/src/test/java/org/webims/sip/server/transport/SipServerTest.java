package org.webims.sip.server.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.handler.ssl.util.InsecureTrustManagerFactory;
import java.io.InputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.awaitility.Awaitility;
import javax.net.ssl.KeyManagerFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.webims.server.tls.SelfSignedKeystore;
import org.webims.sip.message.SipMessage;
import org.webims.sip.message.SipRequest;
import org.webims.sip.message.SipResponse;
import org.webims.sip.parser.SipParser;
import org.webims.sip.server.flow.Flow;
import org.webims.sip.server.flow.MessageHandler;
import org.webims.sip.server.loop.Offload;
import org.webims.sip.transaction.TransportException;

/** UDP, TCP and TLS on real sockets (issue 13: connects asynchronous and shared, limits, write batching). */
class SipServerTest {

  private final List<SipServer> servers = new ArrayList<>();
  private final BlockingQueue<String> handledOn = new LinkedBlockingQueue<>();

  @TempDir
  static Path keys;

  @AfterEach
  void stop() {
    servers.forEach(SipServer::close);
  }

  private SipServer start(SipServerConfig.Builder config, MessageHandler handler) throws Exception {
    SipServer server = new SipServer(config.port(0).build(), handler);
    servers.add(server);
    return server.start();
  }

  /** Answers every request 200 with the flow's transport, on the flow. */
  private SipServer echo(SipServerConfig.Builder config) throws Exception {
    return start(config, (message, flow) -> {
      handledOn.add(Thread.currentThread().getName());
      if (message instanceof SipRequest request) {
        try {
          flow.send(SipResponse.to(request, 200, null).header("X-Flow", flow.transport()).build());
        } catch (TransportException e) {
          throw new IllegalStateException(e);
        }
      }
    });
  }

  private static SipMessage options(String branch) throws Exception {
    return SipParser.DEFAULT.parse(PipelineHandlersTest.options(branch));
  }

  private static KeyManagerFactory selfSigned() throws Exception {
    return TestKeys.selfSigned(keys);
  }

  private static void await(BooleanSupplier condition) {
    Awaitility.await().atMost(Duration.ofSeconds(5)).until(condition::getAsBoolean);
  }

  @Test
  void answersOverUdpFromTheSamePortOnAnEventLoop() throws Exception {
    SipServer server = echo(SipServerConfig.builder());
    try (DatagramSocket client = new DatagramSocket(0, server.udpAddress().getAddress())) {
      client.setSoTimeout(5000);
      byte[] request = PipelineHandlersTest.options("udp").getBytes(StandardCharsets.UTF_8);
      client.send(new DatagramPacket(request, request.length, server.udpAddress()));
      DatagramPacket reply = new DatagramPacket(new byte[65535], 65535);
      client.receive(reply);
      SipResponse r = (SipResponse) SipParser.DEFAULT.parse(reply.getData(), 0, reply.getLength());
      assertThat(r.statusCode()).isEqualTo(200);
      assertThat(r.header("X-Flow")).isEqualTo("UDP");
      assertThat(reply.getPort()).isEqualTo(server.port());
      assertThat(handledOn.poll(5, TimeUnit.SECONDS)).startsWith("sip-io");
    }
  }

  @Test
  void answersOverTcpAndPongsAKeepAlive() throws Exception {
    SipServer server = echo(SipServerConfig.builder());
    try (Socket client = new Socket()) {
      client.connect(server.tcpAddress(), 5000);
      client.setSoTimeout(5000);
      client.getOutputStream().write(("\r\n\r\n" + PipelineHandlersTest.options("tcp")).getBytes(StandardCharsets.UTF_8));
      InputStream in = client.getInputStream();
      assertThat(in.read()).isEqualTo('\r');
      assertThat(in.read()).isEqualTo('\n');
      SipResponse r = readResponse(in);
      assertThat(r.statusCode()).isEqualTo(200);
      assertThat(r.header("X-Flow")).isEqualTo("TCP");
      assertThat(server.connectionCount()).isEqualTo(1);
    }
  }

  /** One response with no body from {@code in}, read up to its blank line. */
  static SipResponse readResponse(InputStream in) throws Exception {
    StringBuilder head = new StringBuilder();
    while (head.indexOf("\r\n\r\n") < 0) {
      int b = in.read();
      assertThat(b).as("connection open").isNotEqualTo(-1);
      head.append((char) b);
    }
    return (SipResponse) SipParser.DEFAULT.parse(head.toString());
  }

  @Test
  void aFlowOpenedOverTlsCarriesTheAnswerBackAndIsReused() throws Exception {
    SipServer server = echo(SipServerConfig.builder().udp(false).tcp(false).tls(0, selfSigned()));
    BlockingQueue<SipMessage> received = new LinkedBlockingQueue<>();
    SipServer client = start(SipServerConfig.builder().tcp(true).udp(false)
        .tlsTrust(InsecureTrustManagerFactory.INSTANCE), (m, f) -> received.add(m));

    Flow flow = client.connect("tls", server.tlsAddress()).toCompletableFuture().get(10, TimeUnit.SECONDS);
    flow.send(options("tls"));

    SipResponse answer = (SipResponse) received.poll(10, TimeUnit.SECONDS);
    assertThat(answer.statusCode()).isEqualTo(200);
    assertThat(answer.header("X-Flow")).isEqualTo("TLS");
    assertThat(flow.transport()).isEqualTo("TLS");
    assertThat(flow.isReliable()).isTrue();
    assertThat(client.connect("TLS", server.tlsAddress()).toCompletableFuture().get(5, TimeUnit.SECONDS))
        .isSameAs(flow);
    assertThat(server.connectionCount()).isEqualTo(1);
  }

  /** TLS through OpenSSL where netty-tcnative's native library is shipped (linux-x86_64), the JDK otherwise. */
  @Test
  void tlsUsesOpenSslOnLinuxX8664() {
    boolean nativeShipped = "linux".equalsIgnoreCase(System.getProperty("os.name"))
        && List.of("amd64", "x86_64").contains(System.getProperty("os.arch"));
    assertThat(SipServer.tlsProvider()).isEqualTo(nativeShipped ? io.netty.handler.ssl.SslProvider.OPENSSL
        : io.netty.handler.ssl.SslProvider.JDK);
  }

  @Test
  void aFlowOpenedToAPeerIsReusedAndFoundByItsToken() throws Exception {
    SipServer server = echo(SipServerConfig.builder());
    BlockingQueue<SipMessage> received = new LinkedBlockingQueue<>();
    SipServer client = start(SipServerConfig.builder(), (m, f) -> received.add(m));

    Flow flow = client.connect("TCP", server.tcpAddress()).toCompletableFuture().get(5, TimeUnit.SECONDS);
    flow.send(options("reuse"));

    assertThat(((SipResponse) received.poll(5, TimeUnit.SECONDS)).statusCode()).isEqualTo(200);
    assertThat(client.connect("TCP", server.tcpAddress()).toCompletableFuture().get(5, TimeUnit.SECONDS))
        .isSameAs(flow);
    assertThat(client.flow(flow.token())).isSameAs(flow);
    assertThat(client.flow("Snot-a-token")).isNull();
    Flow udp = client.connect("UDP", server.udpAddress()).toCompletableFuture().get(5, TimeUnit.SECONDS);
    assertThat(client.flow(udp.token())).isEqualTo(udp);
    assertThat(server.connectionCount()).isEqualTo(1);
  }

  /** RFC 5626 flow: its close listeners run when it closes, and the next connect to the peer opens a new one. */
  @Test
  void aClosedFlowTellsItsListenersAndIsReplacedOnTheNextConnect() throws Exception {
    SipServer server = echo(SipServerConfig.builder());
    SipServer client = start(SipServerConfig.builder(), (m, f) -> { });
    Flow flow = client.connect("TCP", server.tcpAddress()).toCompletableFuture().get(5, TimeUnit.SECONDS);
    CompletableFuture<Boolean> closedOnLoop = new CompletableFuture<>();
    flow.onClose(() -> closedOnLoop.complete(flow.eventLoop().inEventLoop()));

    flow.close();

    assertThat(closedOnLoop.get(5, TimeUnit.SECONDS)).isTrue();
    assertThat(flow.isOpen()).isFalse();
    assertThatThrownBy(() -> flow.send(options("after-close"))).isInstanceOf(TransportException.class);
    assertThat(client.flow(flow.token())).isNull();
    Flow next = client.connect("TCP", server.tcpAddress()).toCompletableFuture().get(5, TimeUnit.SECONDS);
    assertThat(next).isNotSameAs(flow);
    assertThat(next.isOpen()).isTrue();
    assertThat(next.token()).isNotEqualTo(flow.token());
  }

  /** A burst toward a peer with no connection yet shares one connect: no caller's connection is closed under it. */
  @Test
  void concurrentConnectsToOnePeerShareOneAttempt() throws Exception {
    SipServer server = echo(SipServerConfig.builder());
    SipServer client = start(SipServerConfig.builder(), (m, f) -> { });
    int callers = 16;
    ExecutorService pool = Executors.newFixedThreadPool(callers);
    try {
      CountDownLatch go = new CountDownLatch(1);
      List<CompletableFuture<CompletionStage<Flow>>> calls = new ArrayList<>();
      for (int i = 0; i < callers; i++) {
        calls.add(CompletableFuture.supplyAsync(() -> {
          try {
            go.await();
          } catch (InterruptedException e) {
            throw new IllegalStateException(e);
          }
          return client.connect("TCP", server.tcpAddress());
        }, pool));
      }
      go.countDown();
      List<Flow> flows = new ArrayList<>();
      for (CompletableFuture<CompletionStage<Flow>> call : calls) {
        flows.add(call.get(10, TimeUnit.SECONDS).toCompletableFuture().get(10, TimeUnit.SECONDS));
      }
      assertThat(flows).allSatisfy(f -> assertThat(f).isSameAs(flows.get(0)));
      assertThat(client.connectionCount()).isEqualTo(1);
      await(() -> server.connectionCount() == 1);
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void aFailedConnectIsReportedAsynchronouslyOnAnEventLoop() throws Exception {
    SipServer client = start(SipServerConfig.builder().eventLoops(1), (m, f) -> { });
    InetSocketAddress closed;
    try (ServerSocket s = new ServerSocket(0)) {
      closed = new InetSocketAddress("127.0.0.1", s.getLocalPort());
    }
    CompletableFuture<Boolean> doneWhenReturned = new CompletableFuture<>();
    CompletableFuture<CompletionStage<Flow>> stage = new CompletableFuture<>();
    // Asked on the only loop: the connect cannot finish before this task returns, so the answer must come later.
    client.eventLoops().next().execute(() -> {
      CompletionStage<Flow> connecting = client.connect("TCP", closed);
      doneWhenReturned.complete(connecting.toCompletableFuture().isDone());
      stage.complete(connecting);
    });

    assertThat(doneWhenReturned.get(5, TimeUnit.SECONDS)).isFalse();
    assertThatThrownBy(() -> stage.get(5, TimeUnit.SECONDS).toCompletableFuture().get(5, TimeUnit.SECONDS))
        .isInstanceOf(ExecutionException.class).hasCauseInstanceOf(TransportException.class)
        .hasMessageContaining("no connection to " + closed);
    assertThat(client.connectionCount()).isZero();
  }

  /**
   * Nothing blocks the loop: a connect started on the loop returns before it is done (the loop must
   * turn to finish it), and blocking work handed to an executor comes back to the loop while the loop
   * meanwhile answers other traffic.
   */
  @Test
  void connectsAndBlockingWorkDoNotHoldTheLoop() throws Exception {
    SipServer server = echo(SipServerConfig.builder());
    CompletableFuture<Boolean> doneWhenReturned = new CompletableFuture<>();
    CompletableFuture<String> resultOn = new CompletableFuture<>();
    CountDownLatch release = new CountDownLatch(1);
    ExecutorService blocking = Executors.newSingleThreadExecutor();
    try {
      SipServer client = start(SipServerConfig.builder().eventLoops(1), (m, f) -> {
        CompletionStage<Flow> stage = client().connect("TCP", server.tcpAddress());
        doneWhenReturned.complete(stage.toCompletableFuture().isDone());
        Offload.run(blocking, () -> {
          try {
            release.await();
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
          return "looked up";
        }, f.eventLoop(), (result, failure) -> resultOn.complete(result + " on " + Thread.currentThread().getName()));
      });
      this.client = client;
      try (DatagramSocket peer = new DatagramSocket(0, client.udpAddress().getAddress())) {
        peer.setSoTimeout(5000);
        byte[] request = PipelineHandlersTest.options("trigger").getBytes(StandardCharsets.UTF_8);
        peer.send(new DatagramPacket(request, request.length, client.udpAddress()));
        assertThat(doneWhenReturned.get(5, TimeUnit.SECONDS)).isFalse();
        // The loop is free while the lookup waits: the same single loop answers another peer's request.
        Flow other = client.connect("TCP", server.tcpAddress()).toCompletableFuture().get(5, TimeUnit.SECONDS);
        assertThat(other.isOpen()).isTrue();
        assertThat(resultOn).isNotDone();
        release.countDown();
        assertThat(resultOn.get(5, TimeUnit.SECONDS)).startsWith("looked up on sip-io");
      }
    } finally {
      blocking.shutdownNow();
    }
  }

  private SipServer client;

  private SipServer client() {
    return client;
  }

  @Test
  void closesAnIdleConnection() throws Exception {
    SipServer server = echo(SipServerConfig.builder().idleTimeout(Duration.ofMillis(200)));
    try (Socket client = new Socket()) {
      client.connect(server.tcpAddress(), 5000);
      client.setSoTimeout(5000);
      await(() -> server.connectionCount() == 1);
      assertThat(client.getInputStream().read()).isEqualTo(-1);
      await(() -> server.connectionCount() == 0);
    }
  }

  @Test
  void refusesAConnectionBeyondTheLimitAndKeepsTheOthers() throws Exception {
    SipServer server = echo(SipServerConfig.builder().maxConnections(1));
    try (Socket first = new Socket(); Socket second = new Socket()) {
      first.connect(server.tcpAddress(), 5000);
      first.setSoTimeout(5000);
      await(() -> server.connectionCount() == 1);
      second.connect(server.tcpAddress(), 5000);
      second.setSoTimeout(5000);
      assertThat(second.getInputStream().read()).isEqualTo(-1);

      first.getOutputStream().write(PipelineHandlersTest.options("first").getBytes(StandardCharsets.UTF_8));
      assertThat(readResponse(first.getInputStream()).statusCode()).isEqualTo(200);
      assertThat(server.connectionCount()).isEqualTo(1);
    }
  }

  /** Write batching: ten requests in one segment, ten answers, fewer flushes than answers. */
  @Test
  void answersToABatchOfRequestsLeaveInFewerFlushesThanAnswers() throws Exception {
    SipServer server = echo(SipServerConfig.builder());
    try (Socket client = new Socket()) {
      client.connect(server.tcpAddress(), 5000);
      client.setSoTimeout(5000);
      StringBuilder batch = new StringBuilder();
      for (int i = 0; i < 10; i++) {
        batch.append(PipelineHandlersTest.options("batch" + i));
      }
      long before = server.flushes();
      client.getOutputStream().write(batch.toString().getBytes(StandardCharsets.UTF_8));
      InputStream in = client.getInputStream();
      for (int i = 0; i < 10; i++) {
        assertThat(readResponse(in).statusCode()).isEqualTo(200);
      }
      assertThat(server.flushes() - before).isBetween(1L, 5L);
    }
  }

  @Test
  void aRequestOverTheSizeLimitGets513AndTheConnectionStays() throws Exception {
    SipServer server = echo(SipServerConfig.builder());
    try (Socket client = new Socket()) {
      client.connect(server.tcpAddress(), 5000);
      client.setSoTimeout(5000);
      String options = PipelineHandlersTest.options("big");
      String huge = options.replace("Content-Length: 0\r\n\r\n",
          "Content-Type: text/plain\r\nContent-Length: 70000\r\n\r\n") + "x".repeat(70000);
      client.getOutputStream().write((huge + options).getBytes(StandardCharsets.UTF_8));
      InputStream in = client.getInputStream();

      assertThat(readResponse(in).statusCode()).isEqualTo(513);
      assertThat(readResponse(in).statusCode()).isEqualTo(200);
      assertThat(server.connectionCount()).isEqualTo(1);
    }
  }
}
