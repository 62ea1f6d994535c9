package org.webims.sip.server.transport;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import java.nio.charset.StandardCharsets;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.webims.sip.SipParseException;
import org.webims.sip.message.SipMessage;
import org.webims.sip.parser.SipParser;
import org.webims.sip.parser.StreamFramer;

/**
 * Cuts a TCP or TLS byte stream into SIP messages with sip-core's {@link StreamFramer} (RFC 3261
 * §18.3, by Content-Length) and passes each on as a {@link SipMessage}, or as an {@link Unreadable}
 * when it has an end but cannot be used. A CRLF CRLF ping is answered with one CRLF (RFC 5626
 * §4.4.1). A stream with no message boundary cannot be resynchronised, so the connection closes.
 * One per connection (the framer keeps the partial message).
 */
public final class SipStreamFraming extends ChannelInboundHandlerAdapter implements StreamFramer.Sink {

  private static final Logger log = LoggerFactory.getLogger(SipStreamFraming.class);
  private static final byte[] PONG = "\r\n".getBytes(StandardCharsets.US_ASCII);

  private final StreamFramer framer;
  private ChannelHandlerContext ctx;

  public SipStreamFraming(SipParser parser) {
    this.framer = new StreamFramer(parser);
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    if (!(msg instanceof ByteBuf bytes)) {
      ctx.fireChannelRead(msg);
      return;
    }
    this.ctx = ctx;
    try {
      byte[] data = new byte[bytes.readableBytes()];
      bytes.readBytes(data);
      framer.feed(data, 0, data.length, this);
    } catch (SipParseException e) {
      log.debug("Closing {} {}: {}", ctx.channel().remoteAddress(), "(no message boundary)", e.reason());
      ctx.close();
    } finally {
      bytes.release();
    }
  }

  @Override
  public void message(SipMessage message) {
    ctx.fireChannelRead(message);
  }

  @Override
  public void unreadable(String head, SipParseException problem) {
    ctx.fireChannelRead(new Unreadable(head, problem));
  }

  @Override
  public void keepAlive() {
    ctx.writeAndFlush(Unpooled.wrappedBuffer(PONG));
  }
}
