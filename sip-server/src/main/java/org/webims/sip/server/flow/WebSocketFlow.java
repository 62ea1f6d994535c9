package org.webims.sip.server.flow;

import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelOutboundBuffer;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.ssl.SslHandler;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import javax.net.ssl.SSLSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.webims.sip.message.SipMessage;
import org.webims.sip.transaction.TransportException;

/**
 * A WS or WSS connection as a {@link Flow} (RFC 7118 §5, RFC 5626 §3.2): each message leaves as one
 * WebSocket message, a text frame when it is UTF-8 (nearly always), else a binary frame (RFC 7118 §5.2).
 * What waits to be written is bounded: a peer that stops reading is disconnected once more than
 * {@code sendQueueLimit} bytes wait, instead of the queue growing without bound (EPC-02).
 */
public final class WebSocketFlow extends ChannelFlow {

  private static final Logger log = LoggerFactory.getLogger(WebSocketFlow.class);

  private final long sendQueueLimit;

  /** {@code transport} is {@code "WS"} or {@code "WSS"}. */
  public WebSocketFlow(Channel channel, String transport, long sendQueueLimit) {
    super(channel, transport);
    this.sendQueueLimit = sendQueueLimit;
  }

  /**
   * The TLS session of a WSS connection (its id, peer certificates, cipher), null over WS or once the
   * connection is gone: what an element that binds state to the TLS connection needs (TS 33.203 O.2.2).
   */
  public SSLSession tlsSession() {
    SslHandler tls = channel().pipeline().get(SslHandler.class);
    return tls == null ? null : tls.engine().getSession();
  }

  /**
   * Queues {@code message} as one WebSocket message. Closes the connection, and throws, when the peer has
   * not read what it was sent before: more than the send queue limit would be waiting.
   */
  @Override
  public void send(SipMessage message) throws TransportException {
    Channel ch = channel();
    if (!ch.isActive()) {
      throw new TransportException(this + " is closed");
    }
    byte[] bytes = message.toBytes();
    ChannelOutboundBuffer waiting = ch.unsafe().outboundBuffer();
    if (waiting != null && waiting.totalPendingWriteBytes() + bytes.length > sendQueueLimit) {
      log.info("{} closed: the peer does not read ({} bytes waiting)", this, waiting.totalPendingWriteBytes());
      ch.close();
      throw new TransportException(this + " closed: the peer does not read what it is sent");
    }
    Object frame = isUtf8(message.body()) ? new TextWebSocketFrame(Unpooled.wrappedBuffer(bytes))
        : new BinaryWebSocketFrame(Unpooled.wrappedBuffer(bytes));
    ch.writeAndFlush(frame).addListener((ChannelFutureListener) f -> {
      if (!f.isSuccess()) {
        log.debug("{}: send failed: {}", this, f.cause().toString());
        f.channel().close();
      }
    });
  }

  /** Closes with a close frame (RFC 6455 §7.4: {@code status}, {@code reason}), then the connection. */
  public void close(int status, String reason) {
    Channel ch = channel();
    if (ch.isActive()) {
      ch.writeAndFlush(new CloseWebSocketFrame(status, reason)).addListener(ChannelFutureListener.CLOSE);
    }
  }

  /** The head is always UTF-8 (it is written from text); the body may not be. */
  private static boolean isUtf8(byte[] body) {
    for (byte b : body) {
      if (b < 0) {
        try {
          StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(body));
          return true;
        } catch (CharacterCodingException e) {
          return false;
        }
      }
    }
    return true;
  }
}
