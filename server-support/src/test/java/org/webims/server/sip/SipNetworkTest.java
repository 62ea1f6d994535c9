package org.webims.server.sip;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.webims.sip.message.SipMessage;
import org.webims.sip.message.SipRequest;
import org.webims.sip.message.SipResponse;
import org.webims.sip.parser.SipParser;

class SipNetworkTest {

  private static final String OPTIONS = "OPTIONS sip:scscf.ims.example.net SIP/2.0\r\n"
      + "Via: SIP/2.0/%s 127.0.0.1:%d;branch=z9hG4bKtest1\r\n"
      + "Max-Forwards: 70\r\n"
      + "From: <sip:alice@ims.example.net>;tag=1\r\n"
      + "To: <sip:scscf.ims.example.net>\r\n"
      + "Call-ID: net-test\r\n"
      + "CSeq: 1 OPTIONS\r\n"
      + "Content-Length: 0\r\n\r\n";

  private final BlockingQueue<String> handledOn = new LinkedBlockingQueue<>();
  private SipNetwork server;

  @BeforeEach
  void startEchoServer() throws Exception {
    server = SipNetwork.start(SipNetworkConfig.builder().port(0).build(), (message, flow) -> {
      handledOn.add(Thread.currentThread().getName());
      if (message.isRequest()) {
        try {
          flow.send(SipResponse.to((SipRequest) message, 200, null).header("X-Flow", flow.transport()).build());
        } catch (Exception e) {
          throw new IllegalStateException(e);
        }
      }
    });
  }

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void answersOverUdpFromTheSamePortAndRunsTheHandlerOnTheEventLoop() throws Exception {
    try (DatagramSocket client = new DatagramSocket(0, server.udpAddress().getAddress())) {
      client.setSoTimeout(5000);
      byte[] request = String.format(OPTIONS, "UDP", client.getLocalPort()).getBytes(StandardCharsets.UTF_8);
      client.send(new DatagramPacket(request, request.length, server.udpAddress()));
      DatagramPacket reply = new DatagramPacket(new byte[65535], 65535);
      client.receive(reply);
      SipResponse r = (SipResponse) SipParser.DEFAULT.parse(reply.getData(), 0, reply.getLength());
      assertThat(r.statusCode()).isEqualTo(200);
      assertThat(r.header("X-Flow")).isEqualTo("UDP");
      assertThat(reply.getPort()).isEqualTo(server.port());
      assertThat(handledOn.poll(5, TimeUnit.SECONDS)).isEqualTo("sip-loop");
    }
  }

  @Test
  void answersMalformedDatagramWith400AndTheReason() throws Exception {
    try (DatagramSocket client = new DatagramSocket(0, server.udpAddress().getAddress())) {
      client.setSoTimeout(5000);
      byte[] request = String.format(OPTIONS, "UDP", client.getLocalPort()).replace("SIP/2.0\r\nVia", "SIP/2.0 \r\nVia")
          .getBytes(StandardCharsets.UTF_8);
      client.send(new DatagramPacket(request, request.length, server.udpAddress()));
      DatagramPacket reply = new DatagramPacket(new byte[65535], 65535);
      client.receive(reply);
      SipResponse r = (SipResponse) SipParser.DEFAULT.parse(reply.getData(), 0, reply.getLength());
      assertThat(r.startLine()).isEqualTo("SIP/2.0 400 Bad start line: bad SIP-Version");
      assertThat(r.callId()).isEqualTo("net-test");
    }
  }

  @Test
  void answersOverTcpAndPongsAKeepAlive() throws Exception {
    try (Socket client = new Socket()) {
      client.connect(server.tcpAddress(), 5000);
      client.setSoTimeout(5000);
      client.getOutputStream().write(("\r\n\r\n" + String.format(OPTIONS, "TCP", client.getLocalPort()))
          .getBytes(StandardCharsets.UTF_8));
      InputStream in = client.getInputStream();
      assertThat(in.read()).isEqualTo('\r');
      assertThat(in.read()).isEqualTo('\n');
      byte[] buffer = new byte[4096];
      int n = 0;
      while (!new String(buffer, 0, n, StandardCharsets.UTF_8).contains("\r\n\r\n")) {
        n += in.read(buffer, n, buffer.length - n);
      }
      SipResponse r = (SipResponse) SipParser.DEFAULT.parse(buffer, 0, n);
      assertThat(r.statusCode()).isEqualTo(200);
      assertThat(r.header("X-Flow")).isEqualTo("TCP");
      assertThat(server.tcpConnectionCount()).isEqualTo(1);
    }
  }

  @Test
  void closesATcpConnectionWhoseFramingIsLost() throws Exception {
    try (Socket client = new Socket()) {
      client.connect(server.tcpAddress(), 5000);
      client.setSoTimeout(5000);
      String noLength = String.format(OPTIONS, "TCP", client.getLocalPort()).replace("Content-Length: 0\r\n", "");
      client.getOutputStream().write(noLength.getBytes(StandardCharsets.UTF_8));
      assertThat(client.getInputStream().read()).isEqualTo(-1);
    }
  }

  /** A 200 to a REGISTER with {@code contacts} Contact lines; 300 are past the parser's 200 header lines. */
  private static String registerOk(String branch, int contacts) {
    StringBuilder sb = new StringBuilder("SIP/2.0 200 OK\r\n")
        .append("Via: SIP/2.0/TCP 127.0.0.1:5062;branch=").append(branch).append("\r\n")
        .append("Via: SIP/2.0/WSS df7jal23ls0d.invalid;rport=1;received=127.0.0.1;branch=z9hG4bKwic\r\n")
        .append("From: <sip:alice@ims.example.net>;tag=1\r\n")
        .append("To: <sip:alice@ims.example.net>;tag=2\r\n")
        .append("Call-ID: reg-").append(branch).append("\r\n")
        .append("CSeq: 1 REGISTER\r\n");
    for (int i = 0; i < contacts; i++) {
      sb.append("Contact: <sip:c").append(i).append("@192.0.2.4;transport=ws>;expires=3600\r\n");
    }
    return sb.append("Content-Length: 0\r\n\r\n").toString();
  }

  /**
   * Issue 12: a response that cannot be used (300 Contact lines) fails its own transaction alone: the handler
   * gets a 502 stand-in with the same Via, Call-ID and CSeq, the next response on the connection arrives as
   * sent, and the connection stays open.
   */
  @Test
  void anUnreadableResponseBecomesA502StandInAndTheSharedConnectionStays() throws Exception {
    BlockingQueue<SipMessage> received = new LinkedBlockingQueue<>();
    try (ServerSocket peer = new ServerSocket(0, 5, InetAddress.getLoopbackAddress());
        SipNetwork client = SipNetwork.start(SipNetworkConfig.builder().port(0)
            .badResponseReason("Bad response from the IMS core").build(), (m, f) -> received.add(m))) {
      SipFlow flow = client.flowTo("TCP", (InetSocketAddress) peer.getLocalSocketAddress());
      try (Socket accepted = peer.accept()) {
        OutputStream out = accepted.getOutputStream();
        out.write((registerOk("z9hG4bKfirst", 300) + registerOk("z9hG4bKsecond", 1)).getBytes(StandardCharsets.UTF_8));
        out.flush();

        SipResponse standIn = (SipResponse) received.poll(5, TimeUnit.SECONDS);
        SipResponse next = (SipResponse) received.poll(5, TimeUnit.SECONDS);

        assertThat(standIn.startLine()).isEqualTo("SIP/2.0 502 Bad response from the IMS core");
        assertThat(standIn.topVia().branch()).isEqualTo("z9hG4bKfirst");
        assertThat(standIn.vias()).hasSize(2);
        assertThat(standIn.callId()).isEqualTo("reg-z9hG4bKfirst");
        assertThat(standIn.cseq().method()).isEqualTo("REGISTER");
        assertThat(standIn.contacts()).isEmpty();
        assertThat(next.statusCode()).isEqualTo(200);
        assertThat(next.topVia().branch()).isEqualTo("z9hG4bKsecond");
        assertThat(flow.isOpen()).isTrue();
        assertThat(client.flowTo("TCP", (InetSocketAddress) peer.getLocalSocketAddress())).isSameAs(flow);
      }
    }
  }

  /** Issue 12: a request over the size limit is skipped by its Content-Length and answered 513; the stream goes on. */
  @Test
  void aTcpRequestOverTheSizeLimitGets513AndTheConnectionStays() throws Exception {
    try (Socket client = new Socket()) {
      client.connect(server.tcpAddress(), 5000);
      client.setSoTimeout(5000);
      String options = String.format(OPTIONS, "TCP", client.getLocalPort());
      String huge = options.replace("Content-Length: 0\r\n\r\n", "Content-Type: text/plain\r\nContent-Length: 70000\r\n\r\n")
          + "x".repeat(70000);
      client.getOutputStream().write((huge + options).getBytes(StandardCharsets.UTF_8));
      InputStream in = client.getInputStream();

      SipResponse tooLarge = readResponse(in);
      SipResponse ok = readResponse(in);

      assertThat(tooLarge.statusCode()).isEqualTo(513);
      assertThat(tooLarge.callId()).isEqualTo("net-test");
      assertThat(ok.statusCode()).isEqualTo(200);
      assertThat(server.tcpConnectionCount()).isEqualTo(1);
    }
  }

  /** One response with no body from {@code in}, read up to its blank line. */
  private static SipResponse readResponse(InputStream in) throws Exception {
    StringBuilder head = new StringBuilder();
    while (head.indexOf("\r\n\r\n") < 0) {
      int b = in.read();
      assertThat(b).as("connection open").isNotEqualTo(-1);
      head.append((char) b);
    }
    return (SipResponse) SipParser.DEFAULT.parse(head.toString());
  }

  @Test
  void aFlowOpenedToAPeerCarriesTheAnswerBackOnTheSameConnection() throws Exception {
    BlockingQueue<SipMessage> received = new LinkedBlockingQueue<>();
    try (SipNetwork client = SipNetwork.start(SipNetworkConfig.builder().port(0).build(), (m, f) -> received.add(m))) {
      SipFlow flow = client.flowTo("TCP", server.tcpAddress());
      flow.send(SipParser.DEFAULT.parse(String.format(OPTIONS, "TCP", flow.local().getPort())));
      SipMessage answer = received.poll(5, TimeUnit.SECONDS);
      assertThat(answer).isInstanceOf(SipResponse.class);
      assertThat(((SipResponse) answer).statusCode()).isEqualTo(200);
      assertThat(client.flowTo("TCP", server.tcpAddress())).isSameAs(flow);
    }
  }

  @Test
  void timersRunOnTheEventLoop() throws Exception {
    BlockingQueue<String> fired = new LinkedBlockingQueue<>();
    server.timers().schedule(10, () -> fired.add(Thread.currentThread().getName()));
    assertThat(fired.poll(5, TimeUnit.SECONDS)).isEqualTo("sip-loop");
    server.timers().schedule(10, () -> fired.add("cancelled")).cancel();
    server.execute(() -> fired.add("after"));
    assertThat(fired.poll(5, TimeUnit.SECONDS)).isEqualTo("after");
  }

  @Test
  void concurrentFirstSendsToAPeerShareOneTcpConnection() throws Exception {
    // A burst of requests toward a peer with no connection yet: every caller gets the same open connection, so no
    // caller's connection is closed under it by another's.
    try (SipNetwork client = SipNetwork.start(SipNetworkConfig.builder().port(0).build(), (message, flow) -> { })) {
      int callers = 16;
      ExecutorService pool = Executors.newFixedThreadPool(callers);
      try {
        CountDownLatch go = new CountDownLatch(1);
        List<Future<SipFlow>> flows = new ArrayList<>();
        for (int i = 0; i < callers; i++) {
          flows.add(pool.submit(() -> {
            go.await();
            return client.flowTo("TCP", server.tcpAddress());
          }));
        }
        go.countDown();
        Set<SipFlow> distinct = Collections.newSetFromMap(new IdentityHashMap<>());
        for (Future<SipFlow> f : flows) {
          distinct.add(f.get(10, TimeUnit.SECONDS));
        }
        assertThat(distinct).hasSize(1);
        assertThat(distinct.iterator().next().isOpen()).isTrue();
        assertThat(client.tcpConnectionCount()).isEqualTo(1);
      } finally {
        pool.shutdownNow();
      }
    }
  }
}
