package org.webims.sip.server.flow;

import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.EventLoop;
import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.util.Base64;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.webims.sip.message.SipMessage;
import org.webims.sip.transaction.TransportException;

/** A TCP or TLS connection as a {@link Flow} (RFC 5626 §3.2: a connection-oriented flow). */
public final class StreamFlow implements Flow {

  private static final Logger log = LoggerFactory.getLogger(StreamFlow.class);
  private static final SecureRandom RANDOM = new SecureRandom();

  private final Channel channel;
  private final String transport;
  private final String token;

  /** {@code transport} is {@code "TCP"} or {@code "TLS"}. */
  public StreamFlow(Channel channel, String transport) {
    this.channel = channel;
    this.transport = transport;
    this.token = newToken();
  }

  /** RFC 5626 §5.2: a token that cannot be guessed, so nobody can name another user's flow. */
  private static String newToken() {
    byte[] bytes = new byte[12];
    RANDOM.nextBytes(bytes);
    return "S" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  /** The connection itself (for the pipeline that owns it). */
  public Channel channel() {
    return channel;
  }

  @Override
  public boolean isReliable() {
    return true;
  }

  /**
   * Queues {@code message} on the connection; the pipeline's flush consolidation writes what one
   * loop turn queued in one system call. A write that fails later closes the flow.
   */
  @Override
  public void send(SipMessage message) throws TransportException {
    if (!channel.isActive()) {
      throw new TransportException(this + " is closed");
    }
    channel.writeAndFlush(Unpooled.wrappedBuffer(message.toBytes())).addListener((ChannelFutureListener) f -> {
      if (!f.isSuccess()) {
        log.debug("{}: send failed: {}", this, f.cause().toString());
        f.channel().close();
      }
    });
  }

  @Override
  public String token() {
    return token;
  }

  @Override
  public String transport() {
    return transport;
  }

  @Override
  public InetSocketAddress remote() {
    return (InetSocketAddress) channel.remoteAddress();
  }

  @Override
  public InetSocketAddress local() {
    return (InetSocketAddress) channel.localAddress();
  }

  @Override
  public EventLoop eventLoop() {
    return channel.eventLoop();
  }

  @Override
  public boolean isOpen() {
    return channel.isActive();
  }

  @Override
  public void onClose(Runnable listener) {
    channel.closeFuture().addListener(f -> listener.run());
  }

  @Override
  public void close() {
    channel.close();
  }

  @Override
  public String toString() {
    return transport + " " + channel.remoteAddress();
  }
}
