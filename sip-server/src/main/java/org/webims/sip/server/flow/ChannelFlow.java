package org.webims.sip.server.flow;

import io.netty.channel.Channel;
import io.netty.channel.EventLoop;
import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * A flow that is one connection (RFC 5626 §3.2: a connection-oriented flow): TCP, TLS, WS or WSS. What
 * differs between them is only how a message is put on the wire ({@link #send}).
 */
public abstract sealed class ChannelFlow implements Flow permits StreamFlow, WebSocketFlow {

  private static final SecureRandom RANDOM = new SecureRandom();

  private final Channel channel;
  private final String transport;
  private final String token;

  protected ChannelFlow(Channel channel, String transport) {
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
