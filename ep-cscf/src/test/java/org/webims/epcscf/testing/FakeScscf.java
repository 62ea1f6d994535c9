package org.webims.epcscf.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.webims.sip.SipParseException;
import org.webims.sip.message.HeaderNames;
import org.webims.sip.message.SipMessage;
import org.webims.sip.message.SipRequest;
import org.webims.sip.message.SipResponse;
import org.webims.sip.parser.SipParser;
import org.webims.sip.parser.StreamFramer;

/**
 * An S-CSCF at the edge of the test: a TCP or UDP socket that records every request and answers a
 * REGISTER with the §5.5 200 OK (3600 s granted unless a test sets another {@link #grant}, or 0 for
 * a deregistration).
 */
public final class FakeScscf implements AutoCloseable {

  private final ServerSocket server;
  private final DatagramSocket udp;
  private final BlockingQueue<SipRequest> received = new LinkedBlockingQueue<>();
  private final BlockingQueue<SipRequest> subscribes = new LinkedBlockingQueue<>();
  private volatile long granted = 3600;
  private final java.util.concurrent.atomic.AtomicInteger connections = new java.util.concurrent.atomic.AtomicInteger();
  private volatile java.util.function.Function<SipRequest, String> override = r -> null;

  private FakeScscf(boolean overUdp) throws IOException {
    server = overUdp ? null : new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    udp = overUdp ? new DatagramSocket(0, InetAddress.getLoopbackAddress()) : null;
    Thread t = new Thread(overUdp ? this::serveUdp : this::accept, "fake-scscf");
    t.setDaemon(true);
    t.start();
  }

  public static FakeScscf tcp() throws IOException {
    return new FakeScscf(false);
  }

  public static FakeScscf udp() throws IOException {
    return new FakeScscf(true);
  }

  /** The expiry granted to the next registrations, in seconds. */
  public void grant(long seconds) {
    granted = seconds;
  }

  /**
   * Answers the REGISTERs for which {@code answer} gives a text (sent as is, raw bytes) instead of
   * the 200 OK; null keeps the 200.
   */
  public void answerRegisters(java.util.function.Function<SipRequest, String> answer) {
    override = answer;
  }

  /** TCP connections accepted so far. */
  public int connectionsAccepted() {
    return connections.get();
  }

  public int port() {
    return server != null ? server.getLocalPort() : udp.getLocalPort();
  }

  /** The S-CSCF URI for {@code webims.epcscf.core.uri}. */
  public String uri() {
    return "sip:127.0.0.1:" + port() + ";transport=" + (server != null ? "tcp" : "udp");
  }

  private byte[] answer(SipRequest r) {
    try {
      if (r.isMethod(SipRequest.SUBSCRIBE)) {
        subscribes.add(r); // EPC-32: the eP-CSCF's reg-event subscription, kept apart from REGISTERs
        return SipResponse.to(r, 200, "OK").setHeader(HeaderNames.TO, r.to().tag() != null ? r.header(HeaderNames.TO)
            : r.to().withTag("sc" + subscribes.size()).toString()).header(HeaderNames.EXPIRES, r.header(HeaderNames.EXPIRES))
            .build().toBytes();
      }
      String raw = override.apply(r);
      byte[] bytes = raw != null ? raw.getBytes(java.nio.charset.StandardCharsets.UTF_8)
          : TestScscf.ok(r, r.expires() == 0 ? 0 : granted).toBytes();
      received.add(r);
      return bytes;
    } catch (SipParseException e) {
      throw new IllegalStateException(e);
    }
  }

  private void serveUdp() {
    byte[] buffer = new byte[65535];
    while (!udp.isClosed()) {
      DatagramPacket p = new DatagramPacket(buffer, buffer.length);
      try {
        udp.receive(p);
        SipMessage m = SipParser.DEFAULT.parse(p.getData(), 0, p.getLength());
        if (m instanceof SipRequest r) {
          byte[] bytes = answer(r);
          udp.send(new DatagramPacket(bytes, bytes.length, p.getSocketAddress()));
        }
      } catch (IOException | SipParseException e) {
        return;
      }
    }
  }

  /** The next request the eP-CSCF forwarded, or null after 10 s. */
  public SipRequest next() throws InterruptedException {
    return received.poll(10, TimeUnit.SECONDS);
  }

  /** The next SUBSCRIBE the eP-CSCF sent (answered 200), or null after 10 s. */
  public SipRequest nextSubscribe() throws InterruptedException {
    return subscribes.poll(10, TimeUnit.SECONDS);
  }

  /** Forgets the requests forwarded so far. */
  public void drain() {
    received.clear();
  }

  public int pending() {
    return received.size();
  }

  private void accept() {
    while (!server.isClosed()) {
      try {
        Socket s = server.accept();
        connections.incrementAndGet();
        Thread t = new Thread(() -> serve(s), "fake-scscf-conn");
        t.setDaemon(true);
        t.start();
      } catch (IOException e) {
        return;
      }
    }
  }

  private void serve(Socket socket) {
    try (socket; OutputStream out = socket.getOutputStream()) {
      read(socket.getInputStream(), m -> {
        if (!(m instanceof SipRequest r)) {
          return;
        }
        try {
          byte[] bytes = answer(r);
          synchronized (out) {
            out.write(bytes);
            out.flush();
          }
        } catch (IOException e) {
          throw new IllegalStateException(e);
        }
      });
    } catch (IOException | SipParseException e) {
      // connection ends with the test
    }
  }

  /** Every SIP message on {@code in} until it ends, to {@code sink}. */
  private static void read(InputStream in, java.util.function.Consumer<SipMessage> sink)
      throws IOException, SipParseException {
    StreamFramer framer = new StreamFramer(SipParser.DEFAULT);
    byte[] buffer = new byte[8192];
    int n;
    while ((n = in.read(buffer)) >= 0) {
      framer.feed(buffer, 0, n, new StreamFramer.Sink() {
        @Override
        public void message(SipMessage m) {
          sink.accept(m);
        }

        @Override
        public void keepAlive() {
        }
      });
    }
  }

  /**
   * A reg NOTIFY of the WIC's own subscription, from this S-CSCF along the Path {@code pathUri} to the
   * WIC's Contact of {@link TestMessages#register}, with {@code body} as its reginfo.
   */
  public String notifyAlongPath(String pathUri, String branch, String subscriptionState, String body) {
    return "NOTIFY sip:k2not68h@df7jal23ls0d.invalid;transport=ws SIP/2.0\r\n"
        + "Via: SIP/2.0/TCP 127.0.0.1:" + port() + ";branch=" + branch + "\r\n"
        + "Route: <" + pathUri + ">\r\n"
        + "Max-Forwards: 70\r\n"
        + "From: <sip:alice@ims.example.net>;tag=scscf1\r\n"
        + "To: <sip:alice@ims.example.net>;tag=wic1\r\n"
        + "Call-ID: wic-reg-sub-" + branch + "\r\n"
        + "CSeq: 1 NOTIFY\r\n"
        + "Event: reg\r\n"
        + "Subscription-State: " + subscriptionState + "\r\n"
        + "Contact: <sip:127.0.0.1:" + port() + ";transport=tcp>\r\n"
        + "Content-Type: application/reginfo+xml\r\n"
        + "Content-Length: " + body.getBytes(java.nio.charset.StandardCharsets.UTF_8).length + "\r\n\r\n" + body;
  }

  /**
   * As an S-CSCF sending a request toward a WIC (a NOTIFY along the binding's Path, EPC-33): opens
   * a TCP connection to {@code to}, sends {@code request} and returns the final response, or null
   * after 10 s.
   */
  public static SipResponse send(InetSocketAddress to, String request) throws IOException, InterruptedException {
    BlockingQueue<SipResponse> responses = new LinkedBlockingQueue<>();
    try (Socket socket = new Socket()) {
      socket.connect(to, 5000);
      Thread t = new Thread(() -> {
        try {
          read(socket.getInputStream(), m -> {
            if (m instanceof SipResponse r && r.statusCode() >= 200) {
              responses.add(r);
            }
          });
        } catch (IOException | SipParseException e) {
          // closed below
        }
      }, "fake-scscf-request");
      t.setDaemon(true);
      t.start();
      socket.getOutputStream().write(request.getBytes(java.nio.charset.StandardCharsets.UTF_8));
      socket.getOutputStream().flush();
      return responses.poll(10, TimeUnit.SECONDS);
    }
  }

  @Override
  public void close() throws IOException {
    if (server != null) {
      server.close();
    } else {
      udp.close();
    }
  }
}
