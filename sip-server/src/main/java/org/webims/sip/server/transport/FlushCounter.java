package org.webims.sip.server.transport;

import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counts the flushes that reach the socket (each one a write system call at most), so that write
 * batching can be observed: with flush consolidation, the answers to a batch of messages read in
 * one loop turn leave in one flush. Shared by every pipeline of a server.
 */
@ChannelHandler.Sharable
public final class FlushCounter extends ChannelOutboundHandlerAdapter {

  private final LongAdder flushes = new LongAdder();

  @Override
  public void flush(ChannelHandlerContext ctx) {
    flushes.increment();
    ctx.flush();
  }

  public long flushes() {
    return flushes.sum();
  }
}
