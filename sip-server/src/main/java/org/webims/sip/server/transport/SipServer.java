package org.webims.sip.server.transport;

import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioDatagramChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.ssl.SslProvider;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.io.IOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.webims.sip.server.flow.ChannelFlow;
import org.webims.sip.server.flow.DatagramFlow;
import org.webims.sip.server.flow.Flow;
import org.webims.sip.server.flow.MessageHandler;
import org.webims.sip.transaction.TransportException;

/**
 * A SIP element's transports (RFC 3261 §18) on Netty event loops: UDP and TCP on one address and
 * port, TLS, WS and WSS (RFC 7118) each on its own port. Each connection is pinned to one loop, where its messages go to the
 * {@link MessageHandler} and where its timers and transactions run ({@code LoopTransactions}); the
 * UDP socket is one channel, so UDP traffic runs on one loop. Nothing here blocks a loop: connects
 * are asynchronous ({@link #connect}). Made with its handler, then {@link #start}ed.
 */
public final class SipServer implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(SipServer.class);
  private static final int BIND_ATTEMPTS = 20;

  private final SipServerConfig config;
  private final EventLoopGroup loops;
  private final Pipelines pipelines;
  private final Connections connections;
  private final InetAddress bindAddress;
  private final Connector connector;
  private Channel udp;
  private Channel tcp;
  private Channel tls;
  private Channel ws;
  private Channel wss;

  /** Makes the event loops (their threads start with the first task); binds nothing yet. */
  public SipServer(SipServerConfig config, MessageHandler handler) throws IOException {
    this(config, handler, WebSocketHandshakeHook.ACCEPT_ALL);
  }

  /** As above, with the embedding server's check of each WebSocket opening handshake (WS and WSS). */
  public SipServer(SipServerConfig config, MessageHandler handler, WebSocketHandshakeHook webSocketHook)
      throws IOException {
    this.config = config;
    this.bindAddress = InetAddress.getByName(config.bindAddress());
    try {
      this.pipelines = new Pipelines(config, handler, webSocketHook);
    } catch (SSLException e) {
      throw new IOException("TLS cannot be set up: " + e.getMessage(), e);
    }
    this.loops = new MultiThreadIoEventLoopGroup(config.eventLoopThreads(), new DefaultThreadFactory("sip-io", true),
        NioIoHandler.newFactory());
    this.connections = new Connections(config.maxConnections());
    this.connector = new Connector(loops, pipelines, connections, bindAddress, config);
  }

  /** Binds the listeners and starts reading; a bind failure closes the server and is thrown. */
  public SipServer start() throws IOException {
    try {
      bind();
    } catch (IOException | RuntimeException e) {
      close();
      throw e;
    }
    StringBuilder listeners = new StringBuilder();
    String[] names = {"UDP", "TCP", "TLS", "WS", "WSS"};
    Channel[] channels = {udp, tcp, tls, ws, wss};
    for (int i = 0; i < names.length; i++) {
      if (channels[i] != null) {
        listeners.append(listeners.isEmpty() ? "" : ", ").append(names[i]).append(' ')
            .append(((InetSocketAddress) channels[i].localAddress()).getPort());
      }
    }
    log.info("SIP listening on {} ({}), TLS {}, {} event loops", config.bindAddress(), listeners, tlsProvider(),
        config.eventLoopThreads());
    return this;
  }

  private void bind() throws IOException {
    // With port 0, TCP picks a free port and UDP takes the same number; retry if UDP has it taken.
    for (int attempt = 0; ; attempt++) {
      if (config.tcp()) {
        tcp = await(new ServerBootstrap().group(loops).channel(NioServerSocketChannel.class)
            .option(ChannelOption.SO_BACKLOG, 512).option(ChannelOption.SO_REUSEADDR, true)
            .childOption(ChannelOption.TCP_NODELAY, true)
            .childHandler(accepted("TCP")).bind(bindAddress, config.port()));
      }
      int port = config.tcp() ? ((InetSocketAddress) tcp.localAddress()).getPort() : config.port();
      try {
        if (config.udp()) {
          udp = await(new Bootstrap().group(loops).channel(NioDatagramChannel.class)
              .option(ChannelOption.SO_RCVBUF, 1 << 20)
              .handler(new ChannelInitializer<Channel>() {
                @Override
                protected void initChannel(Channel ch) {
                  pipelines.datagram(ch);
                }
              }).bind(bindAddress, port));
        }
        break;
      } catch (BindException e) {
        if (tcp != null) {
          tcp.close().syncUninterruptibly();
        }
        if (config.port() != 0 || attempt >= BIND_ATTEMPTS) {
          throw e;
        }
      }
    }
    if (config.tlsPort() != SipServerConfig.TLS_OFF) {
      tls = listen(config.tlsPort(), accepted("TLS"));
    }
    if (config.wsPort() != SipServerConfig.TLS_OFF) {
      ws = listen(config.wsPort(), accepted("WS"));
    }
    if (config.wssPort() != SipServerConfig.TLS_OFF) {
      wss = listen(config.wssPort(), accepted("WSS"));
    }
  }

  private Channel listen(int port, ChannelInitializer<Channel> accepted) throws IOException {
    return await(new ServerBootstrap().group(loops).channel(NioServerSocketChannel.class)
        .option(ChannelOption.SO_BACKLOG, 512).childOption(ChannelOption.TCP_NODELAY, true)
        .childHandler(accepted).bind(bindAddress, port));
  }

  private ChannelInitializer<Channel> accepted(String transport) {
    return new ChannelInitializer<>() {
      @Override
      protected void initChannel(Channel ch) {
        ChannelFlow flow = transport.startsWith("WS") ? pipelines.webSocket(ch, transport)
            : pipelines.stream(ch, transport, null);
        if (!connections.admit(flow)) {
          log.warn("Refusing {} connection from {}: {} connections open", transport, ch.remoteAddress(),
              connections.size());
          ch.close();
        }
      }
    };
  }

  private static Channel await(ChannelFuture bind) throws IOException {
    bind.awaitUninterruptibly();
    if (!bind.isSuccess()) {
      Throwable cause = bind.cause();
      if (cause instanceof IOException io) {
        throw io;
      }
      throw new IOException(cause);
    }
    return bind.channel();
  }

  /** The event loops, for {@code LoopTransactions} and timers; fixed from construction. */
  public EventLoopGroup eventLoops() {
    return loops;
  }

  /**
   * A flow to {@code remote} over {@code transport} ({@code UDP}, {@code TCP} or {@code TLS}, any
   * case), never blocking: an open connection is reused, concurrent requests for the same peer share
   * one connect, and the stage completes on the flow's loop (exceptionally with a {@link
   * TransportException} when there can be none). Callbacks added after completion run on the caller's
   * thread; use {@link Flow#execute} to get back to the flow's loop.
   */
  public CompletionStage<Flow> connect(String transport, InetSocketAddress remote) {
    String t = transport.toUpperCase(Locale.ROOT);
    if ("UDP".equals(t)) {
      return udp == null ? failed("UDP is not enabled") : completeOnLoop(new DatagramFlow(udp, remote));
    }
    if (!"TCP".equals(t) && !"TLS".equals(t)) {
      return failed("unsupported transport " + transport);
    }
    if (remote.isUnresolved()) {
      return failed("unresolved address " + remote);
    }
    return connector.connect(t, remote);
  }

  /** The flow a token from {@link Flow#token()} names, if it is still open; null otherwise. */
  public Flow flow(String token) {
    InetSocketAddress peer = DatagramFlow.peerOf(token);
    if (peer != null) {
      return udp == null ? null : new DatagramFlow(udp, peer);
    }
    Flow flow = connections.byToken(token);
    return flow != null && flow.isOpen() ? flow : null;
  }

  static CompletionStage<Flow> completeOnLoop(Flow flow) {
    if (flow.eventLoop().inEventLoop()) {
      return CompletableFuture.completedFuture(flow);
    }
    CompletableFuture<Flow> done = new CompletableFuture<>();
    flow.eventLoop().execute(() -> done.complete(flow));
    return done;
  }

  private static CompletionStage<Flow> failed(String reason) {
    return CompletableFuture.failedFuture(new TransportException(reason));
  }

  /** The UDP and TCP port; without them, the first of TLS, WS and WSS that is on. */
  public int port() {
    for (Channel c : new Channel[] {tcp, udp, tls, ws, wss}) {
      if (c != null) {
        return ((InetSocketAddress) c.localAddress()).getPort();
      }
    }
    throw new IllegalStateException("not started");
  }

  public InetSocketAddress udpAddress() {
    return udp == null ? null : (InetSocketAddress) udp.localAddress();
  }

  public InetSocketAddress tcpAddress() {
    return tcp == null ? null : (InetSocketAddress) tcp.localAddress();
  }

  public InetSocketAddress tlsAddress() {
    return tls == null ? null : (InetSocketAddress) tls.localAddress();
  }

  public InetSocketAddress wsAddress() {
    return ws == null ? null : (InetSocketAddress) ws.localAddress();
  }

  public InetSocketAddress wssAddress() {
    return wss == null ? null : (InetSocketAddress) wss.localAddress();
  }

  /** Which TLS implementation this process uses: OPENSSL (netty-tcnative) or JDK. */
  public static SslProvider tlsProvider() {
    return Pipelines.tlsProvider();
  }

  /** Open TCP, TLS, WS and WSS connections, both directions. */
  public int connectionCount() {
    return connections.size();
  }

  /** Flushes that reached a socket since start (write batching is visible as fewer flushes than messages). */
  public long flushes() {
    return pipelines.flushes();
  }

  @Override
  public void close() {
    for (Channel c : new Channel[] {udp, tcp, tls, ws, wss}) {
      if (c != null) {
        c.close();
      }
    }
    loops.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
  }
}
