package org.webims.sip.server.transport;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.DefaultAddressedEnvelope;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.DatagramPacket;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import org.webims.sip.SipParseException;
import org.webims.sip.message.SipMessage;
import org.webims.sip.parser.SipParser;

/**
 * One UDP datagram, one SIP message (RFC 3261 §18.3): passes on an envelope from the sender with
 * the parsed message, or with an {@link Unreadable} when it cannot be used. A datagram of only
 * CRLFs is a keep-alive and is dropped.
 */
public final class SipDatagramDecoder extends SimpleChannelInboundHandler<DatagramPacket> {

  private final SipParser parser;

  public SipDatagramDecoder(SipParser parser) {
    this.parser = parser;
  }

  @Override
  protected void channelRead0(ChannelHandlerContext ctx, DatagramPacket packet) {
    ByteBuf content = packet.content();
    byte[] data = new byte[content.readableBytes()];
    content.readBytes(data);
    if (isKeepAlive(data)) {
      return;
    }
    Object payload = parse(parser, data);
    ctx.fireChannelRead(new DefaultAddressedEnvelope<Object, InetSocketAddress>(payload, packet.recipient(),
        packet.sender()));
  }

  /** One whole message (a datagram, a WebSocket message): the {@link SipMessage}, or an {@link Unreadable}. */
  static Object parse(SipParser parser, byte[] data) {
    try {
      return parser.parse(data, 0, data.length);
    } catch (SipParseException e) {
      return new Unreadable(new String(data, StandardCharsets.UTF_8), e);
    }
  }

  static boolean isKeepAlive(byte[] data) {
    for (byte b : data) {
      if (b != '\r' && b != '\n') {
        return false;
      }
    }
    return true;
  }
}
