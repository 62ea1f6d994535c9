package org.webims.server.sip;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.webims.sip.SipParseException;
import org.webims.sip.message.SipMessage;
import org.webims.sip.message.SipResponse;
import org.webims.sip.parser.SipParser;
import org.webims.sip.parser.StreamFramer;
import org.webims.sip.transaction.TimerService;
import org.webims.sip.transaction.TransportException;

/**
 * A SIP element's sockets (RFC 3261 §18): UDP and TCP on one address and port. Reading and parsing
 * happen on I/O threads; every message is then handed to the {@link Handler} on one event-loop
 * thread, which is also where {@link #timers()} run, so a sip-core {@code TransactionLayer} driven
 * from the handler needs no locks.
 */
public final class SipNetwork implements AutoCloseable {

  /** Receives parsed messages, on the event-loop thread. */
  public interface Handler {
    void onMessage(SipMessage message, SipFlow flow);
  }

  private static final Logger log = LoggerFactory.getLogger(SipNetwork.class);
  private static final int MAX_DATAGRAM = 65535;
  private static final int BIND_ATTEMPTS = 20;

  private final SipNetworkConfig config;
  private final Handler handler;
  private final SipParser parser;
  private final ScheduledExecutorService loop;
  private final Map<InetSocketAddress, TcpConnection> connections = new ConcurrentHashMap<>();
  private final Object connecting = new Object();
  private final TimerService timers;
  private DatagramSocket udp;
  private ServerSocket tcp;
  private volatile boolean closed;

  private SipNetwork(SipNetworkConfig config, Handler handler) {
    this.config = config;
    this.handler = handler;
    this.parser = new SipParser(config.parseLimits());
    this.loop = Executors.newSingleThreadScheduledExecutor(r -> thread(r, "sip-loop"));
    this.timers = (delayMillis, task) -> {
      ScheduledFuture<?> f = loop.schedule(task, Math.max(0, delayMillis), TimeUnit.MILLISECONDS);
      return () -> f.cancel(false);
    };
  }

  /** Binds the sockets and starts reading. */
  public static SipNetwork start(SipNetworkConfig config, Handler handler) throws IOException {
    SipNetwork network = new SipNetwork(config, handler);
    try {
      network.bind();
    } catch (IOException | RuntimeException e) {
      network.close();
      throw e;
    }
    return network;
  }

  private void bind() throws IOException {
    InetAddress address = InetAddress.getByName(config.bindAddress());
    // With port 0, TCP picks a free port and UDP takes the same number; retry if UDP has it taken.
    for (int attempt = 0; ; attempt++) {
      if (config.tcp()) {
        tcp = new ServerSocket();
        tcp.setReuseAddress(true);
        tcp.bind(new InetSocketAddress(address, config.port()), 512);
      }
      int port = config.tcp() ? tcp.getLocalPort() : config.port();
      try {
        if (config.udp()) {
          udp = new DatagramSocket(null);
          udp.setReuseAddress(false);
          udp.bind(new InetSocketAddress(address, port));
        }
        break;
      } catch (BindException e) {
        if (tcp != null) {
          tcp.close();
        }
        if (config.port() != 0 || attempt >= BIND_ATTEMPTS) {
          throw e;
        }
      }
    }
    if (udp != null) {
      udp.setReceiveBufferSize(1 << 20);
      thread(this::readUdp, "sip-udp-" + udp.getLocalPort()).start();
    }
    if (tcp != null) {
      thread(this::acceptTcp, "sip-tcp-accept-" + tcp.getLocalPort()).start();
    }
    log.info("SIP listening on {} {}:{}", config.udp() && config.tcp() ? "UDP+TCP" : config.udp() ? "UDP" : "TCP",
        config.bindAddress(), port());
  }

  private static Thread thread(Runnable r, String name) {
    Thread t = new Thread(r, name);
    t.setDaemon(true);
    return t;
  }

  /** The bound port (UDP and TCP share it). */
  public int port() {
    return tcp != null ? tcp.getLocalPort() : udp.getLocalPort();
  }

  public InetSocketAddress udpAddress() {
    return udp == null ? null : (InetSocketAddress) udp.getLocalSocketAddress();
  }

  public InetSocketAddress tcpAddress() {
    return tcp == null ? null : (InetSocketAddress) tcp.getLocalSocketAddress();
  }

  /** Timers that run on the event loop (for sip-core transactions). */
  public TimerService timers() {
    return timers;
  }

  /** Runs a task on the event loop; after {@link #close()} the task is dropped. */
  public void execute(Runnable task) {
    if (!closed) {
      try {
        loop.execute(guarded(task));
      } catch (java.util.concurrent.RejectedExecutionException e) {
        log.debug("event loop closed; task dropped");
      }
    }
  }

  /** Open TCP connections, for monitoring and tests. */
  public int tcpConnectionCount() {
    return connections.size();
  }

  /**
   * A flow to {@code remote}: UDP from this element's socket, or a TCP connection (an open one to
   * that address is reused, else one is opened; call it off the event loop when the peer may be slow).
   */
  public SipFlow flowTo(String transport, InetSocketAddress remote) throws IOException {
    if ("UDP".equalsIgnoreCase(transport)) {
      if (udp == null) {
        throw new IOException("UDP is not enabled");
      }
      return new UdpFlow(remote);
    }
    if (!"TCP".equalsIgnoreCase(transport)) {
      throw new IOException("unsupported transport " + transport);
    }
    TcpConnection existing = connections.get(remote);
    if (existing != null && existing.isOpen()) {
      return existing;
    }
    // One connect at a time: callers that raced here each opened a connection, and each new one closed the
    // previous one under the requests being sent on it (503s from the eP-CSCF at the first burst of REGISTERs).
    synchronized (connecting) {
      existing = connections.get(remote);
      if (existing != null && existing.isOpen()) {
        return existing;
      }
      Socket socket = new Socket();
      // From the configured address, so that peers see this element where they expect it (trusted-node checks).
      socket.bind(new InetSocketAddress(InetAddress.getByName(config.bindAddress()), 0));
      socket.connect(remote, (int) config.connectTimeout().toMillis());
      return open(socket);
    }
  }

  private Runnable guarded(Runnable task) {
    return () -> {
      try {
        task.run();
      } catch (RuntimeException e) {
        // A bug in one message's handling must not stop the loop for every other flow.
        log.error("SIP handler failed", e);
      }
    };
  }

  private void deliver(SipMessage message, SipFlow flow) {
    execute(() -> handler.onMessage(message, flow));
  }

  /**
   * Issue 12: a message that arrived whole but cannot be used costs only its own transaction. A
   * request gets its answer (400, 513, ...; RFC 3261 §21) when it can be addressed; a response is
   * replaced by a 502 stand-in with its Via, Call-ID and CSeq, which ends the client transaction it
   * belonged to with a reason instead of a timeout. Anything else is dropped. The flow stays open.
   */
  private void unreadable(String text, SipParseException problem, SipFlow flow) {
    SipResponse answer = SipParser.badRequest(text, problem);
    if (answer != null) {
      log.debug("Malformed request from {}: {}", flow, problem.reason());
      try {
        flow.send(answer);
      } catch (TransportException e) {
        log.debug("{}", e.getMessage());
      }
      return;
    }
    SipResponse standIn = SipParser.standIn(text, 502, config.badResponseReason());
    if (standIn != null) {
      log.info("Unusable response from {} ({}): its transaction fails with 502", flow, problem.reason());
      deliver(standIn, flow);
    } else {
      log.debug("Malformed message from {} dropped: {}", flow, problem.reason());
    }
  }

  // ---- UDP

  private void readUdp() {
    byte[] buffer = new byte[MAX_DATAGRAM];
    DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
    while (!closed) {
      try {
        packet.setLength(buffer.length);
        udp.receive(packet);
        InetSocketAddress from = (InetSocketAddress) packet.getSocketAddress();
        if (isKeepAlive(buffer, packet.getLength())) {
          continue;
        }
        try {
          deliver(parser.parse(buffer, packet.getOffset(), packet.getLength()), new UdpFlow(from));
        } catch (SipParseException e) {
          unreadable(new String(buffer, 0, packet.getLength(), StandardCharsets.UTF_8), e, new UdpFlow(from));
        }
      } catch (IOException e) {
        if (!closed) {
          log.warn("UDP receive failed: {}", e.toString());
        }
      }
    }
  }

  private static boolean isKeepAlive(byte[] data, int length) {
    for (int i = 0; i < length; i++) {
      if (data[i] != '\r' && data[i] != '\n') {
        return false;
      }
    }
    return true;
  }

  private final class UdpFlow implements SipFlow {
    private final InetSocketAddress remote;

    UdpFlow(InetSocketAddress remote) {
      this.remote = remote;
    }

    @Override
    public boolean isReliable() {
      return false;
    }

    @Override
    public void send(SipMessage message) throws TransportException {
      byte[] bytes = message.toBytes();
      try {
        udp.send(new DatagramPacket(bytes, bytes.length, remote));
      } catch (IOException e) {
        throw new TransportException("UDP send to " + remote + " failed: " + e.getMessage());
      }
    }

    @Override
    public String transport() {
      return "UDP";
    }

    @Override
    public InetSocketAddress remote() {
      return remote;
    }

    @Override
    public InetSocketAddress local() {
      return udpAddress();
    }

    @Override
    public boolean isOpen() {
      return !closed;
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof UdpFlow && ((UdpFlow) o).remote.equals(remote);
    }

    @Override
    public int hashCode() {
      return remote.hashCode();
    }

    @Override
    public String toString() {
      return "UDP " + remote;
    }
  }

  // ---- TCP

  private void acceptTcp() {
    while (!closed) {
      try {
        Socket socket = tcp.accept();
        if (connections.size() >= config.maxTcpConnections()) {
          log.warn("Refusing TCP connection from {}: {} connections open", socket.getRemoteSocketAddress(),
              connections.size());
          socket.close();
          continue;
        }
        open(socket);
      } catch (IOException e) {
        if (!closed) {
          log.warn("TCP accept failed: {}", e.toString());
        }
      }
    }
  }

  private TcpConnection open(Socket socket) throws IOException {
    socket.setTcpNoDelay(true);
    socket.setSoTimeout((int) Math.min(Integer.MAX_VALUE, config.tcpIdleTimeout().toMillis()));
    TcpConnection connection = new TcpConnection(socket);
    TcpConnection previous = connections.put(connection.remote(), connection);
    if (previous != null && previous != connection) {
      previous.close();
    }
    thread(connection::read, "sip-tcp-" + connection.remote().getPort()).start();
    return connection;
  }

  private final class TcpConnection implements SipFlow, StreamFramer.Sink {
    private final Socket socket;
    private final InetSocketAddress remote;
    private final InetSocketAddress local;
    private final OutputStream out;
    private final StreamFramer framer = new StreamFramer(parser);
    private volatile boolean open = true;

    TcpConnection(Socket socket) throws IOException {
      this.socket = socket;
      this.remote = (InetSocketAddress) socket.getRemoteSocketAddress();
      this.local = (InetSocketAddress) socket.getLocalSocketAddress();
      this.out = socket.getOutputStream();
    }

    void read() {
      byte[] buffer = new byte[16384];
      try (InputStream in = socket.getInputStream()) {
        int n;
        while ((n = in.read(buffer)) >= 0) {
          framer.feed(buffer, 0, n, this);
        }
      } catch (SocketTimeoutException e) {
        log.debug("Closing idle TCP connection {}", remote);
      } catch (SipParseException e) {
        // RFC 3261 §18.3: a message with no boundary; framing is lost, so the connection cannot be used any more.
        log.debug("Closing TCP connection {}: {}", remote, e.reason());
      } catch (IOException e) {
        if (open && !closed) {
          log.debug("TCP connection {} failed: {}", remote, e.toString());
        }
      } finally {
        close();
      }
    }

    @Override
    public void message(SipMessage message) {
      deliver(message, this);
    }

    @Override
    public void unreadable(String head, SipParseException problem) {
      SipNetwork.this.unreadable(head, problem, this);
    }

    @Override
    public void keepAlive() {
      // RFC 5626 §4.4.1: a CRLF CRLF ping is answered with a single CRLF pong.
      try {
        write("\r\n".getBytes(StandardCharsets.US_ASCII));
      } catch (IOException e) {
        close();
      }
    }

    @Override
    public boolean isReliable() {
      return true;
    }

    @Override
    public void send(SipMessage message) throws TransportException {
      if (!open) {
        throw new TransportException("TCP connection to " + remote + " is closed");
      }
      try {
        write(message.toBytes());
      } catch (IOException e) {
        close();
        throw new TransportException("TCP send to " + remote + " failed: " + e.getMessage());
      }
    }

    private void write(byte[] bytes) throws IOException {
      synchronized (out) {
        out.write(bytes);
        out.flush();
      }
    }

    void close() {
      if (!open) {
        return;
      }
      open = false;
      connections.remove(remote, this);
      try {
        socket.close();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    @Override
    public String transport() {
      return "TCP";
    }

    @Override
    public InetSocketAddress remote() {
      return remote;
    }

    @Override
    public InetSocketAddress local() {
      return local;
    }

    @Override
    public boolean isOpen() {
      return open && !socket.isClosed();
    }

    @Override
    public String toString() {
      return "TCP " + remote;
    }
  }

  @Override
  public void close() {
    closed = true;
    if (udp != null) {
      udp.close();
    }
    if (tcp != null) {
      try {
        tcp.close();
      } catch (IOException e) {
        log.debug("closing TCP listener: {}", e.toString());
      }
    }
    for (TcpConnection c : connections.values()) {
      c.close();
    }
    loop.shutdownNow();
  }

}
