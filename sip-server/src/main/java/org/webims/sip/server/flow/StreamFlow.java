package org.webims.sip.server.flow;

import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.webims.sip.message.SipMessage;
import org.webims.sip.transaction.TransportException;

/** A TCP or TLS connection as a {@link Flow} (RFC 5626 §3.2: a connection-oriented flow). */
public final class StreamFlow extends ChannelFlow {

  private static final Logger log = LoggerFactory.getLogger(StreamFlow.class);

  /** {@code transport} is {@code "TCP"} or {@code "TLS"}. */
  public StreamFlow(Channel channel, String transport) {
    super(channel, transport);
  }

  /**
   * Queues {@code message} on the connection; the pipeline's flush consolidation writes what one
   * loop turn queued in one system call. A write that fails later closes the flow.
   */
  @Override
  public void send(SipMessage message) throws TransportException {
    if (!channel().isActive()) {
      throw new TransportException(this + " is closed");
    }
    channel().writeAndFlush(Unpooled.wrappedBuffer(message.toBytes())).addListener((ChannelFutureListener) f -> {
      if (!f.isSuccess()) {
        log.debug("{}: send failed: {}", this, f.cause().toString());
        f.channel().close();
      }
    });
  }
}
