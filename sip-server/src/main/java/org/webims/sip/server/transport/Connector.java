package org.webims.sip.server.transport;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.ssl.SslHandler;
import io.netty.util.concurrent.Future;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import org.webims.sip.server.flow.Flow;
import org.webims.sip.server.flow.StreamFlow;
import org.webims.sip.transaction.TransportException;

/**
 * Outgoing TCP and TLS connections, without blocking and without a lock: an open connection to the
 * peer is reused, and callers that ask for the same peer while a connect is under way share that
 * one attempt. The answer completes on the new flow's event loop, after the TLS handshake for TLS;
 * a failure completes it exceptionally with a {@link TransportException}.
 */
final class Connector {

  private final Bootstrap tcp;
  private final Bootstrap tls;
  private final InetSocketAddress local;
  private final Connections connections;
  private final ConcurrentHashMap<String, CompletableFuture<Flow>> pending = new ConcurrentHashMap<>();

  Connector(EventLoopGroup loops, Pipelines pipelines, Connections connections, InetAddress bindAddress,
      SipServerConfig config) {
    this.connections = connections;
    // From the configured address, so that peers see this element where they expect it (trusted-node checks).
    this.local = new InetSocketAddress(bindAddress, 0);
    this.tcp = bootstrap(loops, pipelines, "TCP", config);
    this.tls = bootstrap(loops, pipelines, "TLS", config);
  }

  private static Bootstrap bootstrap(EventLoopGroup loops, Pipelines pipelines, String transport,
      SipServerConfig config) {
    return new Bootstrap().group(loops).channel(NioSocketChannel.class)
        .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) Math.min(Integer.MAX_VALUE, config.connectTimeout().toMillis()))
        .option(ChannelOption.TCP_NODELAY, true)
        .handler(new ChannelInitializer<Channel>() {
          @Override
          protected void initChannel(Channel ch) {
            pipelines.stream(ch, transport, (InetSocketAddress) ch.attr(PEER).get());
          }
        });
  }

  private static final io.netty.util.AttributeKey<InetSocketAddress> PEER =
      io.netty.util.AttributeKey.valueOf("sip.peer");

  /** A flow to {@code remote} over {@code "TCP"} or {@code "TLS"}. */
  CompletionStage<Flow> connect(String transport, InetSocketAddress remote) {
    Flow open = connections.to(transport, remote);
    if (open != null) {
      return SipServer.completeOnLoop(open);
    }
    String key = Connections.key(transport, remote);
    CompletableFuture<Flow> attempt = new CompletableFuture<>();
    CompletableFuture<Flow> underWay = pending.putIfAbsent(key, attempt);
    if (underWay != null) {
      return underWay;
    }
    open = connections.to(transport, remote); // one that was admitted just before this attempt began
    if (open != null) {
      pending.remove(key, attempt);
      return SipServer.completeOnLoop(open);
    }
    if (connections.full()) {
      pending.remove(key, attempt);
      attempt.completeExceptionally(new TransportException("no connection to " + remote + ": connection limit reached"));
      return attempt;
    }
    Bootstrap bootstrap = ("TLS".equals(transport) ? tls : tcp).clone().attr(PEER, remote);
    ChannelFuture connect = bootstrap.connect(remote, local);
    connect.addListener(f -> {
      if (!f.isSuccess()) {
        fail(key, attempt, remote, f.cause());
        return;
      }
      Channel ch = connect.channel();
      SslHandler ssl = ch.pipeline().get(SslHandler.class);
      Future<?> ready = ssl == null ? ch.newSucceededFuture() : ssl.handshakeFuture();
      ready.addListener(h -> {
        StreamFlow flow = Pipelines.flowOf(ch);
        if (!h.isSuccess()) {
          ch.close();
          fail(key, attempt, remote, h.cause());
        } else if (!connections.admit(flow)) {
          ch.close();
          fail(key, attempt, remote, new TransportException("connection limit reached"));
        } else {
          pending.remove(key, attempt);
          attempt.complete(flow);
        }
      });
    });
    return attempt;
  }

  private void fail(String key, CompletableFuture<Flow> attempt, InetSocketAddress remote, Throwable cause) {
    pending.remove(key, attempt);
    attempt.completeExceptionally(new TransportException("no connection to " + remote + ": " + cause.getMessage(),
        cause));
  }
}
