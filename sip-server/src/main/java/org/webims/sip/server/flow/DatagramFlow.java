package org.webims.sip.server.flow;

import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.EventLoop;
import io.netty.channel.socket.DatagramPacket;
import java.net.InetSocketAddress;
import org.webims.sip.message.SipMessage;
import org.webims.sip.transaction.TransportException;

/**
 * A UDP flow (RFC 5626 §3.2): this element's UDP socket and one peer address. A value: two flows
 * to the same peer are equal. Its token names the peer, since UDP has no connection to remember.
 */
public final class DatagramFlow implements Flow {

  private static final String TOKEN_PREFIX = "U";

  private final Channel socket;
  private final InetSocketAddress remote;

  public DatagramFlow(Channel socket, InetSocketAddress remote) {
    this.socket = socket;
    this.remote = remote;
  }

  /** The peer a token made by {@link #token()} names, or null when it is not such a token. */
  public static InetSocketAddress peerOf(String token) {
    if (token == null || !token.startsWith(TOKEN_PREFIX)) {
      return null;
    }
    int colon = token.lastIndexOf('_');
    if (colon < 2) {
      return null;
    }
    try {
      int port = Integer.parseInt(token.substring(colon + 1));
      return port < 1 || port > 65535 ? null : new InetSocketAddress(token.substring(1, colon), port);
    } catch (NumberFormatException e) {
      return null;
    }
  }

  @Override
  public boolean isReliable() {
    return false;
  }

  @Override
  public void send(SipMessage message) throws TransportException {
    if (!socket.isActive()) {
      throw new TransportException("UDP socket is closed");
    }
    socket.writeAndFlush(new DatagramPacket(Unpooled.wrappedBuffer(message.toBytes()), remote));
  }

  @Override
  public String token() {
    return TOKEN_PREFIX + remote.getAddress().getHostAddress() + "_" + remote.getPort();
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
    return (InetSocketAddress) socket.localAddress();
  }

  @Override
  public EventLoop eventLoop() {
    return socket.eventLoop();
  }

  @Override
  public boolean isOpen() {
    return socket.isActive();
  }

  @Override
  public void onClose(Runnable listener) {
    socket.closeFuture().addListener(f -> listener.run());
  }

  @Override
  public void close() {
    // The socket is shared by every UDP flow; it closes with the server.
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof DatagramFlow d && d.remote.equals(remote) && d.socket == socket;
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
