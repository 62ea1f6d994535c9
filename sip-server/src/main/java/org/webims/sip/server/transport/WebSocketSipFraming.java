package org.webims.sip.server.transport;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PongWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketCloseStatus;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.webims.sip.message.SipMessage;
import org.webims.sip.parser.SipParser;

/**
 * RFC 7118 §5.1: each WebSocket message, text or binary (fragments joined before this handler), carries one
 * SIP message, passed on as a {@link SipMessage} or as an {@link Unreadable} for {@link MessageDispatch}'s
 * rules (issue 12, as on the other transports). A message of only CRLFs is a keep-alive and gets one CRLF
 * (RFC 5626 §4.4.1). The control frames are answered here (RFC 6455 §5.5): a ping with a pong, a close with
 * its echo. A message larger than the limit, whole or in fragments, closes with 1009 (RFC 6455 §7.4.1).
 */
public final class WebSocketSipFraming extends ChannelInboundHandlerAdapter {

  private static final Logger log = LoggerFactory.getLogger(WebSocketSipFraming.class);

  private final SipParser parser;

  public WebSocketSipFraming(SipParser parser) {
    this.parser = parser;
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    if (msg instanceof TextWebSocketFrame || msg instanceof BinaryWebSocketFrame) {
      message(ctx, (WebSocketFrame) msg);
    } else if (msg instanceof PingWebSocketFrame ping) {
      ctx.writeAndFlush(new PongWebSocketFrame(ping.content()));
    } else if (msg instanceof PongWebSocketFrame pong) {
      pong.release();
    } else if (msg instanceof CloseWebSocketFrame close) {
      ctx.writeAndFlush(close).addListener(ChannelFutureListener.CLOSE);
    } else {
      ctx.fireChannelRead(msg);
    }
  }

  private void message(ChannelHandlerContext ctx, WebSocketFrame frame) {
    byte[] data;
    try {
      ByteBuf content = frame.content();
      data = new byte[content.readableBytes()];
      content.readBytes(data);
    } finally {
      frame.release();
    }
    if (SipDatagramDecoder.isKeepAlive(data)) {
      ctx.writeAndFlush(new TextWebSocketFrame("\r\n"));
      return;
    }
    Object payload = SipDatagramDecoder.parse(parser, data);
    ctx.fireChannelRead(payload);
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    if (cause instanceof TooLongFrameException) {
      // The fragments of one message add up to more than the limit (WebSocketFrameAggregator).
      log.debug("{}: WebSocket message too big: {}", ctx.channel().remoteAddress(), cause.getMessage());
      ctx.writeAndFlush(new CloseWebSocketFrame(WebSocketCloseStatus.MESSAGE_TOO_BIG))
          .addListener(ChannelFutureListener.CLOSE);
      return;
    }
    ctx.fireExceptionCaught(cause);
  }
}
